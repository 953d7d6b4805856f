/**
 * A run's transit model, wired to the run: the city's bus feed (if shipped) and the scenario's
 * transit lines, the bus lanes, the mode-choice constants of the baseline, and the rounds of
 * engine/transit/transit-rounds.ts with the run's own car assignment. Writes nothing; the run
 * puts the summary in its directory as transit.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OdDemand } from '../engine/assignment/network.ts';
import type { City } from '../engine/city/registry.ts';
import type { Zones } from '../engine/demand/zones.ts';
import { ZoneKind } from '../engine/demand/zones.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import type { AppliedScenario } from '../engine/scenario/applied.ts';
import { ScenarioError, type Scenario } from '../engine/scenario/scenario.ts';
import type { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { busLaneEdges } from '../engine/transit/bus-lanes.ts';
import { busNetwork } from '../engine/transit/bus-network.ts';
import { typicalWeekday } from '../engine/transit/calendar.ts';
import { hms } from '../engine/transit/gtfs.ts';
import { DEFAULT_MODE_CHOICE, loadModeShares } from '../engine/transit/mode-choice.ts';
import { lineOnGraph } from '../engine/transit/transit-line.ts';
import { runTransitRounds, type Assigned, type TransitOutcome } from '../engine/transit/transit-rounds.ts';
import { transitRoutes, type TransitSummary } from '../engine/transit/transit-summary.ts';
import { cityStreets } from './city-streets.ts';
import { loadCityFeed, serviceWindow, TRANSIT_FEEDS } from './city-transit.ts';
import { buildTimetable, DEFAULT_WALK } from '../engine/transit/timetable.ts';
import { zoneTimesOnPool } from '../workers/transit-zone-times-pool.ts';

export const TRANSIT_DEFAULTS = { rounds: 2 };

export interface TransitRunContext<T> {
  city: City;
  /** The scenario with its streets resolved on the base graph. */
  scenario: Scenario;
  file: string;
  base: RoadGraph;
  baseIndex: EdgeIndex;
  applied: AppliedScenario;
  zones: Zones;
  od: OdDemand;
  period: { id: string; startS: number; endS: number };
  rounds: number;
  /** The baseline's constants (absent in a baseline: calibrated here). */
  asc?: [number, number, number];
  baselineKey: string;
  assign: (od: OdDemand, preloadBase: Float64Array) => Promise<Assigned<T>>;
  note: (line: string) => void;
  /** Worker threads for the zone transit times (1: this thread). */
  workers?: number;
}

export async function runTransit<T>(ctx: TransitRunContext<T>): Promise<{ outcome: TransitOutcome<T>; summary: TransitSummary }> {
  const { city, scenario, base, period } = ctx;
  const hasFeed = TRANSIT_FEEDS[city.slug] !== undefined;
  const feed = hasFeed ? loadCityFeed(city.slug) : null;
  const date = feed ? typicalWeekday(feed) : null;
  if (feed) {
    const window = serviceWindow(buildTimetable(feed, date!, DEFAULT_WALK));
    if (!window || window.lastS < period.startS || window.firstS >= period.endS) {
      throw new ScenarioError(`${ctx.file}: period: "${period.id}" has no bus in ${city.name}'s feed (${feed.name}: trips leave ${window ? `${hms(window.firstS).slice(0, 5)}–${hms(window.lastS).slice(0, 5)}` : 'never'} on ${date}), expected a period in its service hours, e.g. "midday"`);
    }
  }
  const lines = scenario.interventions.flatMap((iv, i) => (iv.type === 'transit-line' ? [lineOnGraph(base, iv, `${ctx.file}: interventions[${i}]`)] : []));
  const streets = feed ? cityStreets(city, base) : null;
  const bus = busNetwork(base, feed, date, lines, period.startS, period.endS, ctx.baseIndex, streets?.busGraph, streets?.walk ?? undefined);
  const lanes = busLaneEdges(base, scenario);
  let laneEdges = 0;
  for (const x of lanes) laneEdges += x;
  ctx.note(`transit: ${feed ? `${feed.name}, ${date}` : `no bus feed for ${city.name}: a stand-in bus on every zone pair (engine/transit/background-bus.ts, synthetic)`}; ${bus.tt.patternCount} patterns, ${lines.length} transit line(s), ${laneEdges} bus-lane edges`);
  for (const l of lines) ctx.note(`transit line ${l.name}: ${l.stopNode.length} stops, ${(l.lengthM / 1000).toFixed(1)} km, a bus every ${l.headwayS / 60} min at ${l.kmh} km/h${l.dedicated ? ', dedicated' : ', in traffic'}`);
  const cellList: number[] = [];
  for (let z = 0; z < ctx.zones.count; z++) if (ctx.zones.kind[z] === ZoneKind.Cell) cellList.push(z);
  const cells = Uint32Array.from(cellList);
  const places = cellList.map((z) => ({ lon: ctx.zones.lon[z], lat: ctx.zones.lat[z] }));
  const targets = loadModeShares();
  const pool = (ctx.workers ?? 1) > 1 ? zoneTimesOnPool(ctx.workers!) : undefined;
  let outcome: TransitOutcome<T>;
  try {
    outcome = await runTransitRounds({ graph: base, bus, hasFeed, busLane: laneEdges > 0 ? lanes : undefined, od: ctx.od, cells, places, targets: targets.shares, asc: ctx.asc, rounds: ctx.rounds, assign: ctx.assign, onRound: ctx.note, ...(pool ? { zoneTimes: pool.zoneTimes } : {}) });
  } finally {
    await pool?.close();
  }
  const [car, busShare, walk] = outcome.shares;
  const routes = transitRoutes(bus, outcome as TransitOutcome<unknown>);
  const summary: TransitSummary = {
    busModel: hasFeed ? 'feed' : 'stand-in',
    feed: feed?.name ?? null,
    date: date ?? '',
    period: { startS: period.startS, endS: period.endS },
    modeChoice: { targets: [...targets.shares], source: targets.source, asc: [...outcome.asc], calibrated: outcome.calibrated, betaPerMin: DEFAULT_MODE_CHOICE.betaPerMin, rounds: ctx.rounds, gap: outcome.modeGap },
    shares: { car, bus: busShare, walk },
    trips: { car: outcome.trips[0], bus: outcome.trips[1], walk: outcome.trips[2] },
    personHours: { car: outcome.hours[0], bus: outcome.hours[1], walk: outcome.hours[2], total: outcome.hours[0] + outcome.hours[1] + outcome.hours[2] },
    riders: outcome.trips[1],
    riderHours: outcome.hours[1],
    busHours: routes.reduce((s, r) => s + r.busHours, 0),
    pairsWithBus: outcome.pairsWithBus,
    routes,
    baselineKey: ctx.baselineKey,
  };
  ctx.note(`transit: ${Math.round(summary.trips.bus)} bus riders (${(100 * busShare).toFixed(1)} %), ${summary.riderHours.toFixed(0)} rider-hours, ${summary.busHours.toFixed(1)} bus-hours on ${routes.length} routes; person-hours car ${summary.personHours.car.toFixed(0)}, walk ${summary.personHours.walk.toFixed(0)}`);
  return { outcome, summary };
}

/** The mode-choice constants of a calibrated baseline run with this key under `cityRunsDir`, if one is there. */
export function findTransitBaseline(cityRunsDir: string, baselineKey: string): [number, number, number] | undefined {
  if (!existsSync(cityRunsDir)) return undefined;
  for (const folder of readdirSync(cityRunsDir).sort()) {
    const dir = join(cityRunsDir, folder);
    let runs: string[];
    try {
      runs = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const run of runs) {
      const file = join(dir, run, 'transit.json');
      if (!existsSync(file)) continue;
      try {
        const t = JSON.parse(readFileSync(file, 'utf8')) as TransitSummary;
        if (t.baselineKey === baselineKey && t.modeChoice.calibrated) return t.modeChoice.asc as [number, number, number];
      } catch {
        // a half-written or foreign file: not a baseline to use
      }
    }
  }
  return undefined;
}
