/**
 * Transit benchmark: `npx tsx bench/transit.ts [--runs N]`.
 *
 * Porto Alegre's EPTC feed (2019): reading the GTFS zip, building the typical weekday's
 * timetable (patterns, footpaths), RAPTOR one-to-all (5 rounds, from 50 seeded origins among
 * the stops at 12:00 — every stop's earliest arrival), a whole journey (access, RAPTOR, egress,
 * legs), matching the patterns to the road graph and the schedule check of modelled free-flow run
 * times (share of the end-to-end matched patterns within 15 %, with the signal delay by junction,
 * by signal node and without it; and how many patterns lie inside the street extract at all), and zone-to-zone times for 300 places by rRAPTOR against RAPTOR
 * once per departure (and whether they agree). Medians of N (default 5) after a warm-up; RAPTOR's median is over the 50 origins × N. Prints the machine with the figures.
 */
import { loadCityBuses, type CityBuses } from '../app/city-buses.ts';
import { TRANSIT_FEEDS } from '../app/city-transit.ts';
import { compareWithSchedule, DEFAULT_BUS_TIMES, hopSignals, signalDelayS } from '../engine/transit/bus-times.ts';
import { typicalWeekday } from '../engine/transit/calendar.ts';
import { readGtfsZip } from '../engine/transit/gtfs.ts';
import { DEFAULT_JOURNEY, planJourney, runFrom, stopsNear } from '../engine/transit/journey.ts';
import { Raptor } from '../engine/transit/raptor.ts';
import { zoneTransitTimes } from '../engine/transit/zone-times.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { haversineM } from '../engine/spatial/geo.ts';
import { buildTimetable, walkSeconds } from '../engine/transit/timetable.ts';
import { mulberry32 } from '../engine/util/random.ts';
import { machineLine } from './machine.ts';
import { median, runsArg, timeRuns } from './stats.ts';

const runs = runsArg(5);
const path = (p: string) => new URL(`../${p}`, import.meta.url).pathname;
const file = path(TRANSIT_FEEDS['porto-alegre']);

console.log(`transit (Porto Alegre EPTC 2019) — ${machineLine()}`);
let feed = readGtfsZip(file);
const readMs = median(await timeRuns(() => (feed = readGtfsZip(file)), runs));
const date = typicalWeekday(feed);
let tt = buildTimetable(feed, date);
const buildMs = median(await timeRuns(() => (tt = buildTimetable(feed, date)), runs));
console.log(`read     ${readMs.toFixed(0)} ms: ${feed.routeId.length} routes, ${feed.stopId.length} stops, ${feed.tripId.length} trips, ${feed.shapes.size} shapes`);
console.log(`timetable ${buildMs.toFixed(0)} ms: ${date}, ${tt.slotTrip.length} trips in ${tt.patternCount} patterns, ${tt.transferStop.length} footpaths ≤ ${tt.walk.radiusM} m`);

const router = new Raptor(tt, 5);
const rnd = mulberry32(1);
const origins = Array.from({ length: 50 }, () => Math.floor(rnd() * tt.stopCount));
const one = (s: number) => router.run([{ stop: s, time: 12 * 3600, walkS: 0 }]);
for (const s of origins) one(s); // warm-up
const times: number[] = [];
let reached = 0;
for (let r = 0; r < runs; r++) {
  for (const s of origins) {
    const t0 = performance.now();
    one(s);
    times.push(performance.now() - t0);
    if (r === 0) for (let i = 0; i < tt.stopCount; i++) reached += router.best[i] < 0x7fffffff ? 1 : 0;
  }
}
times.sort((a, b) => a - b);
console.log(`RAPTOR one-to-all ${median(times).toFixed(2)} ms median (p90 ${times[Math.floor(times.length * 0.9)].toFixed(2)} ms; ${times.length} runs, 5 rounds, 12:00; ${(reached / origins.length).toFixed(0)} of ${tt.stopCount} stops reached on average)`);

const from = { lon: -51.2287, lat: -30.0277 };
const to = { lon: -51.1727, lat: -30.0553 };
let j = planJourney(router, from, to, 12 * 3600);
const journeyMs = median(await timeRuns(() => (j = planJourney(router, from, to, 12 * 3600)), runs * 10));
console.log(`journey  ${journeyMs.toFixed(2)} ms: Mercado Público → PUCRS at 12:00, ${Math.round(j.durationS / 60)} min, lines ${j.legs.filter((l) => l.mode === 'bus').map((l) => l.line).join(' + ')}`);

let buses = loadCityBuses('porto-alegre');
const matchMs = median(await timeRuns(() => (buses = loadCityBuses('porto-alegre')), Math.min(runs, 3), 0));
const full = buses.matches.filter((m) => m.share === 1).length;
const rows = compareWithSchedule(buses.busGraph, buses.tt, buses.matches, buses.graph.freeFlowS);
const within = rows.filter((r) => Math.abs(r.ratio - 1) <= 0.15).length;
const ratios = rows.map((r) => r.ratio);
console.log(
  `buses    ${matchMs.toFixed(0)} ms (graph, timetable, shape matching): ${full} of ${buses.matches.length} patterns matched end to end (${insideExtract(buses)} inside the street extract), ${buses.matches.filter((m) => m.share >= 0.9).length} with ≥ 90 % of their hops | ` +
    `free-flow run time within 15 % of the schedule: ${within} of ${rows.length} (${((100 * within) / rows.length).toFixed(0)} %), median modelled/scheduled ${median(ratios).toFixed(2)}, ` +
    `${rows.filter((r) => r.ratio > 1.15).length} too slow and ${rows.filter((r) => r.ratio < 0.85).length} too fast`,
);
console.log(`         outside 15 %: ${rows.filter((r) => Math.abs(r.ratio - 1) > 0.15).map((r) => `${r.line} ${r.ratio.toFixed(2)}`).join(', ')}`);
let junctions = 0;
let nodes = 0;
for (const m of buses.matches) {
  if (m.share !== 1) continue;
  for (const n of hopSignals(buses.busGraph, m)) junctions += n;
  for (const n of hopSignals(buses.busGraph, m, 0)) nodes += n;
}
const check = (o: Partial<typeof DEFAULT_BUS_TIMES>) => {
  const r = compareWithSchedule(buses.busGraph, buses.tt, buses.matches, buses.graph.freeFlowS, { ...DEFAULT_BUS_TIMES, ...o });
  return `${r.filter((x) => Math.abs(x.ratio - 1) <= 0.15).length} of ${r.length} within 15 %, median ${median(r.map((x) => x.ratio)).toFixed(2)}, ${r.filter((x) => x.ratio > 1.15).length} too slow and ${r.filter((x) => x.ratio < 0.85).length} too fast`;
};
console.log(
  `         signals passed: ${junctions} junctions (${nodes} signal nodes, those within ${DEFAULT_BUS_TIMES.signalJunctionM} m of a junction's first counted once) over the ${rows.length} patterns, ${signalDelayS().toFixed(2)} s of control delay each (C ${DEFAULT_BUS_TIMES.signalCycleS} s, g/C ${DEFAULT_BUS_TIMES.signalGreenShare}) | ` +
    `every signal node counted: ${check({ signalJunctionM: 0 })} | without signal delay: ${check({ signalCycleS: 0 })}`,
);

// Zone-to-zone transit times (what every transit run evaluates each round): rRAPTOR over the
// period's departures against RAPTOR run once per departure, from 300 places beside seeded stops.
const places = Array.from({ length: 300 }, () => {
  const s = Math.floor(rnd() * tt.stopCount);
  return { lon: feed.stopLon[s] + 0.001, lat: feed.stopLat[s] + 0.001 };
});
let zt = zoneTransitTimes(tt, places, 12 * 3600, 13 * 3600);
const rangeMs = median(await timeRuns(() => (zt = zoneTransitTimes(tt, places, 12 * 3600, 13 * 3600)), Math.min(runs, 3), 0));
let oneByOne: Float64Array = new Float64Array(0);
const plainMs = median(await timeRuns(() => (oneByOne = zoneTimesOneByOne(router, places, 12 * 3600, 13 * 3600)), Math.min(runs, 3), 0));
let differ = 0;
for (let i = 0; i < oneByOne.length; i++) if (Math.abs(oneByOne[i] - zt.seconds[i]) > 1e-6) differ++;
console.log(`zone times ${(rangeMs / 1000).toFixed(2)} s by rRAPTOR against ${(plainMs / 1000).toFixed(2)} s by RAPTOR per departure (${(plainMs / rangeMs).toFixed(2)}×): 300 zones, 12:00–13:00 every 10 min, ${differ} of ${oneByOne.length} pairs differ`);

/** Patterns whose every stop and shape point lies within 200 m of a street of the bus graph: those a match can reach. */
function insideExtract({ tt, busGraph }: CityBuses): number {
  const index = new EdgeIndex(busGraph.graph);
  const near = (lon: number, lat: number) => index.nearestEdges(lon, lat, 1, 200).length > 0;
  let n = 0;
  for (let p = 0; p < tt.patternCount; p++) {
    const shape = tt.feed.shapes.get(tt.feed.tripShape[tt.slotTrip[tt.patternTripStart[p]]]);
    let ok = true;
    for (let i = tt.patternStopStart[p]; ok && i < tt.patternStopStart[p + 1]; i++) ok = near(tt.feed.stopLon[tt.patternStops[i]], tt.feed.stopLat[tt.patternStops[i]]);
    for (let i = 0; ok && shape && i < shape.length; i += 2) ok = near(shape[i], shape[i + 1]);
    if (ok) n++;
  }
  return n;
}

/** The same zone times by plain RAPTOR, one run per departure (the reference rRAPTOR must equal). */
function zoneTimesOneByOne(r: Raptor, zones: { lon: number; lat: number }[], startS: number, endS: number): Float64Array<ArrayBuffer> {
  const n = zones.length;
  const out = new Float64Array(n * n);
  const egress = zones.map((z) => stopsNear(r.tt, z, DEFAULT_JOURNEY.accessRadiusM));
  let k = 0;
  for (let t = startS; t < endS; t += 600) k++;
  for (let o = 0; o < n; o++) {
    for (let t = startS; t < endS; t += 600) {
      runFrom(r, zones[o], t);
      for (let d = 0; d < n; d++) {
        const walk = walkSeconds(r.tt, haversineM(zones[o].lon, zones[o].lat, zones[d].lon, zones[d].lat));
        let arrive = 0x7fffffff;
        for (const e of egress[d]) if (r.best[e.stop] !== 0x7fffffff && r.best[e.stop] + e.walkS < arrive) arrive = r.best[e.stop] + e.walkS;
        out[o * n + d] += (arrive - t < walk ? arrive - t : walk) / k;
      }
    }
  }
  return out;
}
