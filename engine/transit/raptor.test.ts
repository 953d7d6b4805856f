import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { readGtfs, type GtfsFeed } from './gtfs.ts';
import { planJourney } from './journey.ts';
import { NONE, Raptor, type Source } from './raptor.ts';
import { RangeRaptor } from './range-raptor.ts';
import { syntheticFeedFiles } from './synthetic-feed.ts';
import { buildTimetable, type Timetable } from './timetable.ts';
import { zoneTransitTimes } from './zone-times.ts';

/**
 * Brute force on the time-expanded graph: a Dijkstra over (stop, how it was reached) by time,
 * where from a stop at time τ every trip event at that stop departing at or after τ is boarded
 * and ridden to each later stop of its trip, and a footpath follows a vehicle arrival or the start
 * only (as in RAPTOR). Reads the feed's trips directly, not the timetable's patterns.
 */
function bruteForce(feed: GtfsFeed, tt: Timetable, sources: Source[]): Int32Array {
  const S = feed.stopId.length;
  const best = [new Float64Array(S).fill(Infinity), new Float64Array(S).fill(Infinity)]; // [by vehicle or access, by foot]
  const heap: [number, number, number][] = [];
  for (const s of sources) heap.push([s.time, s.stop, 0]);
  const trips = [...feed.tripId.keys()].filter((t) => feed.tripService[t] === 'WD');
  while (heap.length) {
    heap.sort((a, b) => b[0] - a[0]);
    const [time, s, foot] = heap.pop()!;
    if (time >= best[foot][s]) continue;
    best[foot][s] = time;
    for (const t of trips) {
      for (let i = feed.tripStart[t]; i < feed.tripStart[t + 1]; i++) {
        if (feed.stStop[i] !== s || feed.stDeparture[i] < time) continue;
        for (let j = i + 1; j < feed.tripStart[t + 1]; j++) heap.push([feed.stArrival[j], feed.stStop[j], 0]);
      }
    }
    if (!foot) for (let j = tt.transferStart[s]; j < tt.transferStart[s + 1]; j++) heap.push([time + tt.transferS[j], tt.transferStop[j], 1]);
  }
  return Int32Array.from(best[0].map((v, s) => Math.min(v, best[1][s])).map((v) => (v === Infinity ? NONE : v)));
}

describe('RAPTOR (synthetic feed)', () => {
  for (const seed of [1, 2, 3]) {
    it(`gives the brute-force time-expanded search's earliest arrivals at every stop, seed ${seed}`, () => {
      const feed = readGtfs(syntheticFeedFiles(seed), 'synthetic');
      expect(feed.frequencyTrips).toBeGreaterThan(2);
      const tt = buildTimetable(feed, '20240612');
      const router = new Raptor(tt, 30);
      const rnd = mulberry32(seed * 7);
      for (let q = 0; q < 25; q++) {
        const sources: Source[] = [{ stop: Math.floor(rnd() * feed.stopId.length), time: 6 * 3600 + Math.floor(rnd() * 7200), walkS: 0 }];
        if (q % 3 === 0) sources.push({ stop: Math.floor(rnd() * feed.stopId.length), time: sources[0].time + 120, walkS: 120 });
        router.run(sources);
        const expected = bruteForce(feed, tt, sources);
        expect(Array.from(router.best), `query ${q}`).toEqual(Array.from(expected));
      }
    });
  }

  for (const seed of [1, 2, 3]) {
    it(`rRAPTOR over a range of departures, latest first, gives each departure the brute force's arrivals, seed ${seed}`, () => {
      const feed = readGtfs(syntheticFeedFiles(seed), 'synthetic');
      const tt = buildTimetable(feed, '20240612');
      const range = new RangeRaptor(tt, 30);
      const plain = new Raptor(tt, 30);
      const rnd = mulberry32(seed * 11);
      for (let q = 0; q < 3; q++) {
        const access = [{ stop: Math.floor(rnd() * feed.stopId.length), walkS: 0 }, { stop: Math.floor(rnd() * feed.stopId.length), walkS: 150 }];
        range.reset();
        for (let t = 8 * 3600; t >= 6 * 3600; t -= 1800) {
          const sources = access.map((a) => ({ stop: a.stop, time: t + a.walkS, walkS: a.walkS }));
          range.depart(t, sources);
          const expected = bruteForce(feed, tt, sources);
          const got = Array.from({ length: tt.stopCount }, (_, s) => range.arrival(s));
          expect(got, `origin ${q}, departure ${t}`).toEqual(Array.from(expected));
          plain.run(sources);
          expect(got).toEqual(Array.from(plain.best));
        }
      }
    });
  }

  it('rRAPTOR refuses a departure later than the one before', () => {
    const tt = buildTimetable(readGtfs(syntheticFeedFiles(1), 'synthetic'), '20240612');
    const range = new RangeRaptor(tt, 4);
    range.depart(7 * 3600, [{ stop: 0, time: 7 * 3600, walkS: 0 }]);
    expect(() => range.depart(7 * 3600 + 60, [{ stop: 0, time: 7 * 3600 + 60, walkS: 0 }])).toThrow(/latest first/);
  });

  it('rebuilds journeys whose legs follow one another in time and end at the earliest arrival', () => {
    const feed = readGtfs(syntheticFeedFiles(4), 'synthetic');
    const tt = buildTimetable(feed, '20240612');
    const router = new Raptor(tt, 8);
    const rnd = mulberry32(11);
    let withBus = 0;
    for (let q = 0; q < 40; q++) {
      const a = Math.floor(rnd() * feed.stopId.length);
      const b = Math.floor(rnd() * feed.stopId.length);
      const from = { lon: feed.stopLon[a] + 0.001, lat: feed.stopLat[a] };
      const to = { lon: feed.stopLon[b], lat: feed.stopLat[b] + 0.001 };
      const j = planJourney(router, from, to, 6 * 3600 + Math.floor(rnd() * 3600), { accessRadiusM: 300 });
      expect(j.durationS).toBe(j.arriveS - j.departS);
      expect(j.legs[0].departS).toBe(j.departS);
      expect(j.legs.at(-1)!.arriveS).toBe(j.arriveS);
      for (let i = 1; i < j.legs.length; i++) {
        expect(j.legs[i].departS).toBeGreaterThanOrEqual(j.legs[i - 1].arriveS);
        expect(j.legs[i].from).toEqual(j.legs[i - 1].to);
      }
      if (j.vehicles > 0) withBus++;
    }
    expect(withBus).toBeGreaterThan(3);
  });
});

describe('zone-to-zone transit times (synthetic feed)', () => {
  it('average the journeys planned one by one over the period', () => {
    const feed = readGtfs(syntheticFeedFiles(5), 'synthetic');
    const tt = buildTimetable(feed, '20240612');
    const router = new Raptor(tt, 6);
    const zones = [0, 7, 19, 33, 48].map((s) => ({ lon: feed.stopLon[s] + 0.0005, lat: feed.stopLat[s] + 0.0005 }));
    const r = zoneTransitTimes(tt, zones, 7 * 3600, 8 * 3600, 900, { accessRadiusM: 500 }, 6);
    expect(r.departures).toBe(4);
    for (let o = 0; o < zones.length; o++) {
      for (let d = 0; d < zones.length; d++) {
        let sum = 0;
        for (let t = 7 * 3600; t < 8 * 3600; t += 900) sum += planJourney(router, zones[o], zones[d], t, { accessRadiusM: 500 }).durationS;
        expect(r.seconds[o * zones.length + d], `${o}→${d}`).toBeCloseTo(sum / 4, 6);
      }
    }
    expect(Math.max(...r.busShare)).toBeGreaterThan(0);
  });
});
