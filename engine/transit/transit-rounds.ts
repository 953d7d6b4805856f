/**
 * A run with transit: mode choice and car assignment in rounds, the buses retimed on the
 * traffic of each round.
 *
 * 0. Assign the demand model's car trips with the buses preloaded at free-flow bus times.
 * 1..R. From the last assignment: bus times on the links (bus-network.ts; each signal at the v/c
 *    of the link entering it), zone transit times by RAPTOR (zone-times.ts; door to door,
 *    walking and waiting included), car times from the
 *    assignment's skims, walking times; the logit's shares per pair (mode-choice.ts) — with
 *    constants calibrated to the targets in a baseline, or the baseline's constants in a
 *    scenario with interventions, so what changed costs moves people between modes; the shares
 *    averaged over the rounds (method of successive averages, weight 1/r); the car trips they
 *    leave assigned again with the buses preloaded at this round's bus times.
 * Then one last evaluation of the costs on the final assignment gives the reported hours, and
 * the bus trips are put on RAPTOR's journeys at the middle of the period for riders per line
 * (zone-loads.ts). R defaults to 2: R + 1 assignments in all.
 *
 * Without a bus feed (synthetic stand-ins) the bus alternative is the stand-in bus of
 * background-bus.ts, or a transit line where it is faster. Hours are person-hours over the
 * pairs of cell zones (the mode choice's domain); a car carries one person (the demand model's
 * vehicle trips are driver trips).
 */
import type { OdDemand } from '../assignment/network.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { haversineM } from '../spatial/geo.ts';
import { backgroundBusSeconds } from './background-bus.ts';
import { busRound, type BusNetwork, type BusRound } from './bus-network.ts';
import type { Place } from './journey.ts';
import { BUS, CAR, calibrateConstants, DEFAULT_MODE_CHOICE, generalizedMinutes, logitShares, totalShares, WALK, type ModeChoiceParameters, type PairCosts } from './mode-choice.ts';
import { carDemand, personTrips } from './mode-split.ts';
import { Raptor } from './raptor.ts';
import { walkSeconds } from './timetable.ts';
import { patternLoads, type PatternLoads } from './zone-loads.ts';
import { zoneTimeRows, zoneTimesProblem, type ZoneTimesProblem } from './zone-times.ts';

/** Road distance over straight-line distance for the car's operating cost. */
export const CAR_DETOUR = 1.3;

export interface Assigned<T> {
  result: T;
  /** Link times per BASE-graph edge (free-flow where the scenario removed the edge). */
  baseLinkS: Float64Array;
  /** Volume over capacity per BASE-graph edge, buses included (0 where removed): the signals' degree of saturation for the buses; absent: X = 0. */
  baseVc?: ArrayLike<number>;
  /** Car times between all zones, Z × Z (NaN: no path). */
  zoneCarS: Float32Array;
}

export interface TransitRunInput<T> {
  graph: RoadGraph;
  bus: BusNetwork;
  /** Whether the bus alternative is the city's feed (else the stand-in bus, plus any lines). */
  hasFeed: boolean;
  busLane?: Uint8Array;
  od: OdDemand;
  /** Zone ids of the cell zones, and their centres. */
  cells: Uint32Array;
  places: Place[];
  targets: readonly number[];
  /** The baseline's constants; absent: calibrate them here (a baseline). */
  asc?: [number, number, number];
  rounds: number;
  params?: ModeChoiceParameters;
  assign: (od: OdDemand, preloadBase: Float64Array) => Promise<Assigned<T>>;
  /** The zone transit times of a round (e.g. on a worker pool); absent: in this thread. */
  zoneTimes?: (p: ZoneTimesProblem) => Promise<{ seconds: Float64Array; busShare: Float32Array }>;
  onRound?: (line: string) => void;
}

export interface TransitOutcome<T> {
  assigned: Assigned<T>;
  od: OdDemand;
  asc: [number, number, number];
  calibrated: boolean;
  /** Person-trip shares over all pairs [car, bus, walk], and the trips. */
  shares: [number, number, number];
  trips: [number, number, number];
  /** Person-hours by mode [car, bus, walk] at the final costs. */
  hours: [number, number, number];
  bus: BusRound;
  loads: PatternLoads | null;
  /** Pairs with a bus journey faster than walking (feed or lines). */
  pairsWithBus: number;
  /**
   * Per round, the share of person trips that the round's costs would move to another mode than
   * the averaged split before it holds (½ Σ |logit − average| / persons): the distance from a fixed
   * point of mode choice and assignment. From round 2 on (round 1 has no split before it).
   */
  modeGap: number[];
}

export async function runTransitRounds<T>(input: TransitRunInput<T>): Promise<TransitOutcome<T>> {
  if (!(input.rounds >= 1)) throw new Error(`transit: rounds ${input.rounds}, expected at least 1`);
  const { graph, bus, cells, places, od } = input;
  const params = input.params ?? DEFAULT_MODE_CHOICE;
  const n = cells.length;
  const persons = personTrips(od, cells, input.targets[CAR]);
  const lanes = input.busLane;
  let assigned = await input.assign(od, busRound(bus, graph.freeFlowS, lanes).pce);
  let asc = input.asc;
  let shares: Float64Array | null = null;
  let carOd = od;
  // per mode and pair, the last finite time any round offered (for the hours of a mode that the
  // averaged shares keep on a pair the final state no longer offers it on)
  const offered = new Float64Array(3 * n * n).fill(NaN);
  const modeGap: number[] = [];
  for (let r = 1; r <= input.rounds; r++) {
    const round = busRound(bus, assigned.baseLinkS, lanes, assigned.baseVc);
    const costs = await pairCosts(input, persons, assigned.zoneCarS, round);
    remember(offered, costs.pairs);
    const g = generalizedMinutes(costs.pairs, params);
    let s: Float64Array;
    if (!input.asc) {
      const cal = calibrateConstants(g, persons, input.targets, params.betaPerMin);
      asc = cal.asc;
      s = cal.shares;
    } else s = logitShares(g, asc!, params.betaPerMin);
    if (shares) modeGap.push(moved(shares, s, persons));
    if (!shares) shares = s;
    else for (let i = 0; i < s.length; i++) shares[i] += (s[i] - shares[i]) / r;
    const total = totalShares(shares, persons);
    const gap = r > 1 ? `; ${(100 * modeGap[modeGap.length - 1]).toFixed(2)} % of person trips would change mode at this round's costs` : '';
    input.onRound?.(`transit round ${r}: shares car ${(100 * total[CAR]).toFixed(1)} %, bus ${(100 * total[BUS]).toFixed(1)} %, walk ${(100 * total[WALK]).toFixed(1)} %${input.asc ? '' : ' (constants calibrated to the targets)'}${gap}`);
    carOd = carDemand(od, cells, persons, shares.subarray(0, n * n));
    assigned = await input.assign(carOd, round.pce);
  }
  const finalBus = busRound(bus, assigned.baseLinkS, lanes, assigned.baseVc);
  const final = await pairCosts(input, persons, assigned.zoneCarS, finalBus);
  const hours: [number, number, number] = [0, 0, 0];
  const trips: [number, number, number] = [0, 0, 0];
  const busTrips = new Float64Array(n * n);
  const time = [final.pairs.carS, final.pairs.busS, final.pairs.walkS];
  for (let i = 0; i < n * n; i++) {
    for (let m = 0; m < 3; m++) {
      const q = persons[i] * shares![m * n * n + i];
      if (!(q > 0)) continue;
      trips[m] += q;
      const s = time[m][i] === time[m][i] ? time[m][i] : offered[m * n * n + i];
      hours[m] += (q * s) / 3600;
    }
    if (final.feedBus[i]) busTrips[i] = persons[i] * shares![n * n + i];
  }
  const sum = trips[0] + trips[1] + trips[2];
  const loads = finalBus.tt.stopCount > 0 ? patternLoads(new Raptor(finalBus.tt, 5), places, busTrips, Math.round((bus.startS + bus.endS) / 2)) : null;
  return {
    assigned,
    od: carOd,
    asc: asc!,
    calibrated: !input.asc,
    shares: [trips[0] / sum, trips[1] / sum, trips[2] / sum],
    trips,
    hours,
    bus: finalBus,
    loads,
    pairsWithBus: final.pairsWithBus,
    modeGap,
  };
}

/** Share of the person trips that split `next` puts in another mode than split `prev` (both mode-major over the pairs). */
function moved(prev: Float64Array, next: Float64Array, persons: Float64Array): number {
  const pairs = persons.length;
  let diff = 0;
  let total = 0;
  for (let i = 0; i < pairs; i++) {
    total += persons[i];
    for (let m = 0; m < 3; m++) diff += persons[i] * Math.abs(next[m * pairs + i] - prev[m * pairs + i]);
  }
  return total > 0 ? diff / 2 / total : 0;
}

function remember(offered: Float64Array, c: PairCosts): void {
  const n = c.carS.length;
  [c.carS, c.busS, c.walkS].forEach((t, m) => {
    for (let i = 0; i < n; i++) if (t[i] === t[i]) offered[m * n + i] = t[i];
  });
}

/** The costs of every cell pair at one state of the network. */
async function pairCosts<T>(input: TransitRunInput<T>, persons: Float64Array, zoneCarS: Float32Array, round: BusRound): Promise<{ pairs: PairCosts; feedBus: Uint8Array; pairsWithBus: number }> {
  const { cells, places, bus } = input;
  const n = cells.length;
  const z = Math.sqrt(zoneCarS.length);
  const carS = new Float64Array(n * n);
  const carKm = new Float64Array(n * n);
  const walkS = new Float64Array(n * n);
  const busS = new Float64Array(n * n).fill(NaN);
  const feedBus = new Uint8Array(n * n);
  for (let o = 0; o < n; o++) {
    for (let d = 0; d < n; d++) {
      const i = o * n + d;
      const m = haversineM(places[o].lon, places[o].lat, places[d].lon, places[d].lat);
      carS[i] = zoneCarS[cells[o] * z + cells[d]];
      carKm[i] = (m * CAR_DETOUR) / 1000;
      walkS[i] = walkSeconds(round.tt, m);
    }
  }
  let pairsWithBus = 0;
  if (round.tt.stopCount > 0) {
    const problem = zoneTimesProblem(round.tt, places, bus.startS, bus.endS);
    const zt = input.zoneTimes ? await input.zoneTimes(problem) : zoneTimeRows(problem, 0, n);
    for (let i = 0; i < n * n; i++) {
      if (zt.busShare[i] > 0) {
        busS[i] = zt.seconds[i];
        feedBus[i] = 1;
        pairsWithBus++;
      }
    }
  }
  if (!input.hasFeed) {
    const stand = backgroundBusSeconds(carS);
    for (let i = 0; i < n * n; i++) {
      if (!(busS[i] <= stand[i])) {
        busS[i] = stand[i];
        feedBus[i] = 0;
      }
    }
  }
  return { pairs: { persons, carS, carKm, busS, walkS }, feedBus, pairsWithBus };
}
