/**
 * Per-link time series of a queue-model run, in bins of `binS` seconds (15 min by default),
 * rebuilt after the run from the times each vehicle entered each link of its route.
 *
 * Layout: bin-major, value of link e in bin b at [b * linkCount + e] (one bin is one slice,
 * what a time slider shows). Terms, per link and bin:
 *  - flowVph: vehicles leaving the link in the bin, per hour;
 *  - speedKmh: space-mean speed of those vehicles (length / time on the link); NaN with no exits;
 *  - densityVpkm: mean vehicles on the link over the bin, per km;
 *  - queueVeh: mean vehicles on the link that have already had their free-flow time (waiting).
 */
import type { MesoNetwork } from './meso-network.ts';
import { VehicleStatus, type MesoPlan, type QueueSimRun } from './queue-sim.ts';

export const SERIES_BIN_S = 900;

export interface LinkSeries {
  binS: number;
  /** Time of bin 0's start, seconds after midnight. */
  startS: number;
  binCount: number;
  linkCount: number;
  flowVph: Float32Array;
  speedKmh: Float32Array;
  densityVpkm: Float32Array;
  queueVeh: Float32Array;
}

export function linkSeries(net: MesoNetwork, plan: MesoPlan, run: QueueSimRun, binS = SERIES_BIN_S): LinkSeries {
  const m = net.linkCount;
  const { startS, binCount } = seriesBins(plan, run, binS);
  const cells = binCount * m;
  const exits = new Float64Array(cells);
  const linkTime = new Float64Array(cells);
  const occupancy = new Float64Array(cells);
  const queue = new Float64Array(cells);
  forEachTraversal(plan, run, (v, e, inS, outS, left) => {
    if (left || run.status[v] === VehicleStatus.Arrived) {
      const b = Math.floor((outS - startS) / binS);
      exits[b * m + e]++;
      linkTime[b * m + e] += outS - inS;
    }
    spread(occupancy, m, e, inS - startS, outS - startS, binS);
    spread(queue, m, e, inS + net.fftSteps[e] - startS, outS - startS, binS);
  });
  const flowVph = new Float32Array(cells);
  const speedKmh = new Float32Array(cells);
  const densityVpkm = new Float32Array(cells);
  const queueVeh = new Float32Array(cells);
  for (let c = 0; c < cells; c++) {
    const e = c % m;
    flowVph[c] = (exits[c] * 3600) / binS;
    speedKmh[c] = exits[c] > 0 ? (3.6 * net.lengthM[e] * exits[c]) / linkTime[c] : NaN;
    densityVpkm[c] = occupancy[c] / binS / (net.lengthM[e] / 1000 || 1);
    queueVeh[c] = queue[c] / binS;
  }
  return { binS, startS, binCount, linkCount: m, flowVph, speedKmh, densityVpkm, queueVeh };
}

/**
 * Calls fn for every link a vehicle entered: vehicle v on link e from inS to outS, where outS is
 * when it entered its next link (`left`), else its arrival, removal or the end of the run.
 */
export function forEachTraversal(plan: MesoPlan, run: QueueSimRun, fn: (v: number, e: number, inS: number, outS: number, left: boolean) => void): void {
  for (let v = 0; v < plan.vehicleCount; v++) {
    const r1 = plan.routeStart[v + 1];
    for (let i = plan.routeStart[v]; i < r1; i++) {
      const inS = run.enterS[i];
      if (inS < 0) break;
      const left = i + 1 < r1 && run.enterS[i + 1] >= 0;
      fn(v, plan.routeLinks[i], inS, left ? run.enterS[i + 1] : run.endS[v], left);
    }
  }
}

/** The series' bins: from the bin of the first departure to the bin of the run's last step. */
export function seriesBins(plan: MesoPlan, run: QueueSimRun, binS: number): { startS: number; binCount: number } {
  let first = Infinity;
  for (let v = 0; v < plan.vehicleCount; v++) if (run.status[v] !== VehicleStatus.Pending && plan.routeStart[v + 1] > plan.routeStart[v]) first = Math.min(first, plan.departS[v]);
  const startS = Number.isFinite(first) ? Math.floor(first / binS) * binS : 0;
  return { startS, binCount: Math.max(1, Math.ceil((run.lastS + 1 - startS) / binS)) };
}

/** Adds the vehicle-seconds of the interval [from, to) to link e's bins. */
function spread(out: Float64Array, m: number, e: number, from: number, to: number, binS: number): void {
  const binCount = out.length / m;
  let t = from;
  while (t < to) {
    const b = Math.floor(t / binS);
    if (b >= binCount) break;
    const end = Math.min(to, (b + 1) * binS);
    out[b * m + e] += end - t;
    t = end;
  }
}
