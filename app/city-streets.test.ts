import { describe, expect, it } from 'vitest';
import { haversineM } from '../engine/spatial/geo.ts';
import { stopsNear } from '../engine/transit/journey.ts';
import { buildTimetable, DEFAULT_WALK } from '../engine/transit/timetable.ts';
import { loadCityTimetable } from './city-transit.ts';

describe("Porto Alegre's riders walk on its streets", () => {
  const tt = loadCityTimetable('porto-alegre');
  const straight = buildTimetable(tt.feed, tt.date, DEFAULT_WALK);

  it('times the footpaths between stops on the extract along the streets, and the rest in straight lines', () => {
    const streets = tt.streets!;
    const on = streets.stopPoint.filter((p) => p !== null).length;
    // the extract covers the centre; the feed, the city (measured: 2,284 of 3,986 stops)
    expect(on).toBeGreaterThan(2000);
    expect(on).toBeLessThan(tt.stopCount);
    const speed = tt.walk.speedMps;
    let onStreets = 0;
    let differ = 0;
    for (let s = 0; s < tt.stopCount; s++) {
      for (let k = tt.transferStart[s]; k < tt.transferStart[s + 1]; k++) {
        const o = tt.transferStop[k];
        const metres = tt.transferS[k] * speed;
        const line = haversineM(tt.feed.stopLon[s], tt.feed.stopLat[s], tt.feed.stopLon[o], tt.feed.stopLat[o]);
        if (streets.stopPoint[s] && streets.stopPoint[o]) {
          onStreets++;
          // never shorter than the straight line (rounding to the second aside)
          expect(metres).toBeGreaterThanOrEqual(line - speed);
          if (Math.abs(metres - line * tt.walk.detour) > 2 * speed) differ++;
        } else {
          expect(Math.abs(tt.transferS[k] - (line * tt.walk.detour) / speed)).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(onStreets).toBeGreaterThan(20_000);
    expect(differ / onStreets).toBeGreaterThan(0.5);
  });

  it('walks to the stops near a place along the streets: the same stops as the crow flies, or fewer', () => {
    const at = { lon: -51.2287, lat: -30.0277 }; // Mercado Público
    const street = stopsNear(tt, at, 800);
    const crow = stopsNear(straight, at, 800);
    expect(street.length).toBeGreaterThan(10);
    expect(street.length).toBeLessThanOrEqual(crow.length);
    const crowOf = new Map(crow.map((x) => [x.stop, x.walkS]));
    for (const x of street) expect(x.walkS).toBeGreaterThanOrEqual(crowOf.get(x.stop)! / tt.walk.detour - 1);
  });
});
