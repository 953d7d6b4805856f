/**
 * The dynamic part of a comparison (both runs mesoscopic): trips joined by trip id (chain × 256
 * + leg of the demand agent: same seed and demand give the same ids, an event adds new ones)
 * and links joined by edge key (compare-join.ts) and by the clock time of each 15-min bin.
 *
 * Terms: a trip is *compared* when it arrived in both runs; faster / slower means its travel
 * time changed by more than NOTICEABLE_S; Δ is B − A. A link's *peak queue* is its largest
 * mean queue (vehicles) over the bins of a run; the time-of-day profile is the network's total
 * mean queue per bin.
 */
import type { EdgeJoin } from './compare-join.ts';
import { changeBin, ZONE_CHANGE_LIMITS } from './compare-zones.ts';
import { EdgeChange, type RunDynamic, type RunEdges } from './run-result.ts';

/** A trip faster or slower by more than this many seconds counts as changed. */
export const NOTICEABLE_S = 60;
const ARRIVED = 2;

export interface QueueChange {
  way: number;
  dir: number;
  /** Street name of the way, when the runs keep one (compare.ts fills it). */
  name?: string;
  lon: number;
  lat: number;
  peakA: number;
  peakB: number;
  delta: number;
  /** Clock time (s) of the bin where |Δ queue| is largest. */
  binStartS: number;
}

export interface DynamicComparison {
  vehicles: { a: number; b: number };
  arrived: { a: number; b: number };
  stuck: { a: number; b: number; delta: number };
  /** Vehicles squeezed onto a full link: how much gridlock each simulation had to dissolve. */
  squeezed: { a: number; b: number };
  /** Relative gap of all vehicles in each run's last queue-model run, and how many runs each took (engine/meso/relative-gap.ts). */
  relativeGap: { a: number; b: number };
  iterations: { a: number; b: number };
  meanTravelTimeS: { a: number; b: number; delta: number };
  trips: {
    /** Trip ids in both runs / only in A / only in B. */
    matched: number;
    onlyA: number;
    onlyB: number;
    /** Arrived in both: the trips whose times are compared. */
    compared: number;
    meanChangeS: number;
    shareFaster: number;
    shareSlower: number;
    /** Compared trips per bin of Δ minutes (limits as the zone comparison's). */
    histogram: { limits: number[]; trips: number[] };
  };
  /** Network total mean queue (vehicles) per bin, on a common clock. */
  queueByTime: { binS: number; startS: number[]; a: number[]; b: number[] };
  /** Links with the largest change of peak queue, worst first. */
  topQueueWorse: QueueChange[];
  topQueueBetter: QueueChange[];
}

export function compareDynamic(a: RunDynamic, b: RunDynamic, edgesA: RunEdges, edgesB: RunEdges, join: EdgeJoin, top = 10): DynamicComparison {
  return {
    vehicles: { a: a.summary.vehicles, b: b.summary.vehicles },
    arrived: { a: a.summary.arrived, b: b.summary.arrived },
    stuck: { a: a.summary.stuck, b: b.summary.stuck, delta: b.summary.stuck - a.summary.stuck },
    squeezed: { a: a.summary.squeezed, b: b.summary.squeezed },
    relativeGap: { a: a.summary.relativeGap, b: b.summary.relativeGap },
    iterations: { a: a.summary.iterations, b: b.summary.iterations },
    meanTravelTimeS: { a: a.summary.meanTravelTimeS, b: b.summary.meanTravelTimeS, delta: b.summary.meanTravelTimeS - a.summary.meanTravelTimeS },
    trips: joinTrips(a, b),
    queueByTime: queueProfile(a, b, edgesA.count, edgesB.count),
    ...queueChanges(a, b, edgesA, edgesB, join, top),
  };
}

function joinTrips(a: RunDynamic, b: RunDynamic): DynamicComparison['trips'] {
  const rowB = new Map<number, number>();
  for (let i = 0; i < b.trips.count; i++) rowB.set(b.trips.id[i], i);
  const histogram = new Array<number>(ZONE_CHANGE_LIMITS.length + 1).fill(0);
  let matched = 0;
  let compared = 0;
  let sum = 0;
  let faster = 0;
  let slower = 0;
  for (let i = 0; i < a.trips.count; i++) {
    const j = rowB.get(a.trips.id[i]);
    if (j === undefined) continue;
    matched++;
    if (a.trips.status[i] !== ARRIVED || b.trips.status[j] !== ARRIVED) continue;
    compared++;
    const d = b.trips.arriveS[j] - b.trips.departS[j] - (a.trips.arriveS[i] - a.trips.departS[i]);
    sum += d;
    if (d > NOTICEABLE_S) slower++;
    else if (d < -NOTICEABLE_S) faster++;
    histogram[changeBin(d / 60)]!++;
  }
  return {
    matched,
    onlyA: a.trips.count - matched,
    onlyB: b.trips.count - matched,
    compared,
    meanChangeS: compared > 0 ? sum / compared : 0,
    shareFaster: compared > 0 ? faster / compared : 0,
    shareSlower: compared > 0 ? slower / compared : 0,
    histogram: { limits: [...ZONE_CHANGE_LIMITS], trips: histogram },
  };
}

function queueProfile(a: RunDynamic, b: RunDynamic, mA: number, mB: number): DynamicComparison['queueByTime'] {
  const binS = a.series.binS;
  const first = Math.min(a.series.startS, b.series.startS);
  const last = Math.max(a.series.startS + a.series.binCount * binS, b.series.startS + b.series.binCount * b.series.binS);
  const bins = Math.max(0, Math.ceil((last - first) / binS));
  const total = (d: RunDynamic, m: number) => {
    const out = new Array<number>(bins).fill(0);
    for (let k = 0; k < d.series.binCount; k++) {
      const at = Math.floor((d.series.startS + k * d.series.binS - first) / binS);
      let s = 0;
      for (let e = 0; e < m; e++) s += d.series.queueVeh[k * m + e];
      out[at]! += s;
    }
    return out;
  };
  return { binS, startS: Array.from({ length: bins }, (_, k) => first + k * binS), a: total(a, mA), b: total(b, mB) };
}

function queueChanges(a: RunDynamic, b: RunDynamic, edgesA: RunEdges, edgesB: RunEdges, join: EdgeJoin, top: number): Pick<DynamicComparison, 'topQueueWorse' | 'topQueueBetter'> {
  const rows: QueueChange[] = [];
  for (let k = 0; k < join.a.length; k++) {
    const ea = join.a[k]!;
    const eb = join.b[k]!;
    let peakA = 0;
    let peakB = 0;
    for (let i = 0; i < a.series.binCount; i++) peakA = Math.max(peakA, a.series.queueVeh[i * edgesA.count + ea]!);
    for (let i = 0; i < b.series.binCount; i++) peakB = Math.max(peakB, b.series.queueVeh[i * edgesB.count + eb]!);
    if (peakA === peakB) continue;
    // a link closed for a time window loses its queue because it is closed: never "improved"
    if (peakB < peakA && edgesB.changed[eb] === EdgeChange.ClosedInWindow) continue;
    // the bin (clock time) of the largest change
    let best = 0;
    let binStartS = b.series.startS;
    for (let i = 0; i < b.series.binCount; i++) {
      const t = b.series.startS + i * b.series.binS;
      const ia = Math.round((t - a.series.startS) / a.series.binS);
      const qa = ia >= 0 && ia < a.series.binCount ? a.series.queueVeh[ia * edgesA.count + ea]! : 0;
      const d = Math.abs(b.series.queueVeh[i * edgesB.count + eb]! - qa);
      if (d > best) {
        best = d;
        binStartS = t;
      }
    }
    const g = edgesB.geometryOffsets[eb]!;
    rows.push({ way: edgesB.osmWayId[eb]!, dir: edgesB.dir[eb]!, lon: edgesB.geometryCoords[2 * g]!, lat: edgesB.geometryCoords[2 * g + 1]!, peakA, peakB, delta: peakB - peakA, binStartS });
  }
  const worse = rows.filter((r) => r.delta > 0).sort((x, y) => y.delta - x.delta || x.way - y.way || x.dir - y.dir);
  const better = rows.filter((r) => r.delta < 0).sort((x, y) => x.delta - y.delta || x.way - y.way || x.dir - y.dir);
  return { topQueueWorse: worse.slice(0, top), topQueueBetter: better.slice(0, top) };
}
