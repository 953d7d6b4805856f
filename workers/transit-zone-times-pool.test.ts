/** Zone transit times on 1 thread and on 2 or 3 worker threads: the same numbers, bit for bit. */
import { describe, expect, it } from 'vitest';
import { readGtfs } from '../engine/transit/gtfs.ts';
import { syntheticFeedFiles } from '../engine/transit/synthetic-feed.ts';
import { buildTimetable } from '../engine/transit/timetable.ts';
import { zoneTimesProblem, zoneTransitTimes } from '../engine/transit/zone-times.ts';
import { zoneTimesOnPool } from './transit-zone-times-pool.ts';

describe('zone transit times on a worker pool (synthetic feed)', () => {
  it('equal the zone times of one thread for 2 and 3 workers', async () => {
    const feed = readGtfs(syntheticFeedFiles(2), 'synthetic');
    const tt = buildTimetable(feed, '20240612');
    const zones = Array.from({ length: 23 }, (_, i) => ({ lon: feed.stopLon[(i * 7) % feed.stopId.length] + 0.0004, lat: feed.stopLat[(i * 7) % feed.stopId.length] - 0.0003 }));
    const one = zoneTransitTimes(tt, zones, 7 * 3600, 9 * 3600, 600, { accessRadiusM: 600 });
    expect(Math.max(...one.busShare)).toBeGreaterThan(0);
    for (const workers of [2, 3]) {
      const pool = zoneTimesOnPool(workers);
      try {
        const r = await pool.zoneTimes(zoneTimesProblem(tt, zones, 7 * 3600, 9 * 3600, 600, { accessRadiusM: 600 }));
        expect(Array.from(r.seconds)).toEqual(Array.from(one.seconds));
        expect(Array.from(r.busShare)).toEqual(Array.from(one.busShare));
      } finally {
        await pool.close();
      }
    }
  });
});
