/**
 * What a run with transit reports (its run directory's transit.json): mode shares and trips,
 * person-hours by mode, bus riders and their door-to-door hours, bus hours, and per route its
 * buses in the period, run time, bus hours, riders and path. And the comparison of two of them
 * that `gemeo compare` prints under `transit`.
 *
 * Terms: riders = bus person trips in the period; riderHours = their door-to-door hours
 * (walking and waiting included); busHours = Σ buses leaving in the period × their run time;
 * modeShift = car trips in A − car trips in B (trips that left the car: in the logit, when what
 * changed is the bus, they went to the bus).
 */
import type { BusNetwork } from './bus-network.ts';
import type { TransitOutcome } from './transit-rounds.ts';

export interface TransitRoute {
  route: string;
  line: string;
  name: string;
  /** A line of the scenario (transit-line), not of the feed. */
  added: boolean;
  buses: number;
  runMin: number;
  busHours: number;
  riders: number;
  /** Riders per bus in the period. */
  load: number;
  /** Stops of its busiest pattern, [lon, lat]. */
  path: [number, number][];
}

export interface TransitSummary {
  busModel: 'feed' | 'stand-in';
  feed: string | null;
  date: string;
  period: { startS: number; endS: number };
  modeChoice: {
    targets: number[];
    source: string;
    asc: number[];
    calibrated: boolean;
    betaPerMin: number;
    rounds: number;
    /** From round 2 on: the share of person trips that round's costs would move to another mode (transit-rounds.ts). */
    gap: number[];
  };
  shares: { car: number; bus: number; walk: number };
  trips: { car: number; bus: number; walk: number };
  personHours: { car: number; bus: number; walk: number; total: number };
  riders: number;
  riderHours: number;
  busHours: number;
  pairsWithBus: number;
  routes: TransitRoute[];
  /** Same for a baseline and its scenarios: how a scenario finds the constants of its baseline. */
  baselineKey: string;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function transitRoutes(bn: BusNetwork, out: TransitOutcome<unknown>): TransitRoute[] {
  const tt = out.bus.tt;
  const feed = tt.feed;
  const byRoute = new Map<number, number[]>();
  for (let p = 0; p < tt.patternCount; p++) {
    if (out.bus.trips[p] === 0) continue;
    const r = tt.patternRoute[p];
    if (!byRoute.has(r)) byRoute.set(r, []);
    byRoute.get(r)!.push(p);
  }
  const rows: TransitRoute[] = [];
  for (const [r, patterns] of [...byRoute].sort((a, b) => a[0] - b[0])) {
    let buses = 0;
    let busS = 0;
    let riders = 0;
    let top = patterns[0];
    for (const p of patterns) {
      buses += out.bus.trips[p];
      busS += out.bus.trips[p] * out.bus.runS[p];
      riders += out.loads ? out.loads.riders[p] : 0;
      if (out.bus.trips[p] > out.bus.trips[top]) top = p;
    }
    const path: [number, number][] = [];
    for (let i = tt.patternStopStart[top]; i < tt.patternStopStart[top + 1]; i++) {
      const s = tt.patternStops[i];
      path.push([Math.round(feed.stopLon[s] * 1e5) / 1e5, Math.round(feed.stopLat[s] * 1e5) / 1e5]);
    }
    rows.push({ route: feed.routeId[r], line: feed.routeShortName[r] || feed.routeId[r], name: feed.routeLongName[r], added: r >= bn.feedRoutes, buses, runMin: r3(busS / buses / 60), busHours: r3(busS / 3600), riders: r3(riders), load: r3(riders / buses), path });
  }
  return rows;
}

export interface TransitComparison {
  riderHoursA: number;
  riderHoursB: number;
  /** B − A: negative when riders save time. */
  riderHoursChange: number;
  personHoursA: number;
  personHoursB: number;
  personHoursChange: number;
  busHoursA: number;
  busHoursB: number;
  busHoursChange: number;
  ridersA: number;
  ridersB: number;
  ridersChange: number;
  /** Car trips in A − car trips in B. */
  modeShift: number;
  sharesA: TransitSummary['shares'];
  sharesB: TransitSummary['shares'];
  /** The last round's mode-choice gap of each run (null: one round, or a run from before the gap was kept). */
  modeGapA: number | null;
  modeGapB: number | null;
  routes: { route: string; line: string; name: string; added: boolean; runMinA: number | null; runMinB: number | null; runMinChange: number | null; busHoursChange: number; ridersA: number; ridersB: number; ridersChange: number }[];
}

export function compareTransit(a: TransitSummary, b: TransitSummary): TransitComparison {
  const routes = new Map<string, TransitComparison['routes'][number]>();
  for (const r of a.routes) routes.set(r.route, { route: r.route, line: r.line, name: r.name, added: r.added, runMinA: r.runMin, runMinB: null, runMinChange: null, busHoursChange: -r.busHours, ridersA: r.riders, ridersB: 0, ridersChange: -r.riders });
  for (const r of b.routes) {
    const row = routes.get(r.route) ?? { route: r.route, line: r.line, name: r.name, added: r.added, runMinA: null, runMinB: null, runMinChange: null, busHoursChange: 0, ridersA: 0, ridersB: 0, ridersChange: 0 };
    row.runMinB = r.runMin;
    row.runMinChange = row.runMinA === null ? null : r3(r.runMin - row.runMinA);
    row.busHoursChange = r3(row.busHoursChange + r.busHours);
    row.ridersB = r.riders;
    row.ridersChange = r3(r.riders - row.ridersA);
    routes.set(r.route, row);
  }
  return {
    riderHoursA: r3(a.riderHours),
    riderHoursB: r3(b.riderHours),
    riderHoursChange: r3(b.riderHours - a.riderHours),
    personHoursA: r3(a.personHours.total),
    personHoursB: r3(b.personHours.total),
    personHoursChange: r3(b.personHours.total - a.personHours.total),
    busHoursA: r3(a.busHours),
    busHoursB: r3(b.busHours),
    busHoursChange: r3(b.busHours - a.busHours),
    ridersA: r3(a.riders),
    ridersB: r3(b.riders),
    ridersChange: r3(b.riders - a.riders),
    modeShift: r3(a.trips.car - b.trips.car),
    sharesA: a.shares,
    sharesB: b.shares,
    modeGapA: lastGap(a),
    modeGapB: lastGap(b),
    routes: [...routes.values()].sort((x, y) => Math.abs(y.runMinChange ?? y.ridersChange) - Math.abs(x.runMinChange ?? x.ridersChange) || x.route.localeCompare(y.route)),
  };
}

const lastGap = (t: TransitSummary): number | null => (t.modeChoice.gap?.length ? t.modeChoice.gap[t.modeChoice.gap.length - 1] : null);
