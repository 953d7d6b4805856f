/**
 * Trucks as their own vehicle class in one equilibrium, through a passenger-car equivalent (PCE).
 *
 * Every class sees the same link times (a truck takes the car's route choice: travel time and
 * tolls, no class-specific costs), but a truck loads a link with `pce` car units. So the classes
 * are assigned together as one PCE demand,
 *   g_pce(o, d) = g_all(o, d) + (pce − 1) · g_truck(o, d)
 * (g_all counts every vehicle once, trucks included, as the demand model builds it), and at that
 * equilibrium each class's vehicles follow the origin's flow proportions: Algorithm B's origin
 * flows split at each node in proportions that do not depend on the destination
 * (engine/calibrate/od-gradient.ts), so a class's flow on edge e is Σ_o Σ_d g_c(o, d) p_od(e) —
 * one backward pass per origin with the class's demand, exact for that equilibrium. Link flows in
 * PCE (times, v/c) are the assignment's own; vehicles = PCE flow − (pce − 1) · truck flow.
 * Nothing here touches the bushes: the equilibrium is a single-class Algorithm B run.
 */
import { OdPasses } from '../calibrate/od-gradient.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import type { OriginFlows } from './origin-paths.ts';

/** `all` plus (pce − 1) · `heavy`, cell by cell (rows merged, destinations ascending); both on the same zones. */
export function pceDemand(all: OdDemand, heavy: OdDemand, pce: number): OdDemand {
  if (all.zoneCount !== heavy.zoneCount) throw new Error(`pceDemand: ${all.zoneCount} zones against ${heavy.zoneCount}`);
  if (!(pce >= 1)) throw new Error(`pceDemand: a passenger-car equivalent of ${pce} (expected ≥ 1)`);
  const n = all.zoneCount;
  const rowStart = new Uint32Array(n + 1);
  const dest = new Uint32Array(all.dest.length + heavy.dest.length);
  const flow = new Float64Array(dest.length);
  let k = 0;
  let total = 0;
  const push = (d: number, f: number) => {
    dest[k] = d;
    flow[k++] = f;
    total += f;
  };
  for (let o = 0; o < n; o++) {
    rowStart[o] = k;
    let a = all.rowStart[o];
    let h = heavy.rowStart[o];
    const aEnd = all.rowStart[o + 1];
    const hEnd = heavy.rowStart[o + 1];
    while (a < aEnd || h < hEnd) {
      const da = a < aEnd ? all.dest[a] : Infinity;
      const dh = h < hEnd ? heavy.dest[h] : Infinity;
      if (da < dh) push(da, all.flow[a++]);
      else if (dh < da) push(dh, pce * heavy.flow[h++]); // a heavy cell absent from `all`: its vehicles counted here only
      else push(da, all.flow[a++] + (pce - 1) * heavy.flow[h++]);
    }
  }
  rowStart[n] = k;
  return { zoneCount: n, rowStart, dest: dest.slice(0, k), flow: flow.slice(0, k), total };
}

/**
 * A class's vehicles per edge (into `out`, zeroed first) at the equilibrium whose origin flows are
 * `flows`: `od` is the class's demand on the assignment's zones, a subset of the assigned cells.
 */
export function classFlows(out: Float64Array, net: AssignmentNetwork, flows: OriginFlows, od: OdDemand, passes: OdPasses = new OdPasses(net)): Float64Array {
  const m = net.edgeCount;
  if (out.length !== m) throw new Error(`classFlows: out has ${out.length} values, expected one per edge (${m})`);
  out.fill(0);
  const delta = new Float64Array(net.nodeCount);
  flows.origins.forEach((o, s) => {
    if (o >= od.zoneCount || od.rowStart[o] === od.rowStart[o + 1]) return;
    for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) if (od.dest[k] !== o) delta[od.dest[k]] += od.flow[k];
    const flow = flows.slotFlow(s);
    passes.prepare(o, flow, 0);
    passes.loadPass(flow, 0, delta, out);
    for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) delta[od.dest[k]] = 0;
  });
  return out;
}

/** Vehicles per edge from the PCE flow and the heavy class's vehicles: pceFlow − (pce − 1) · heavyFlow, into `out`. */
export function vehicleFlows(out: Float64Array, pceFlow: ArrayLike<number>, heavyFlow: ArrayLike<number>, pce: number): Float64Array {
  for (let e = 0; e < out.length; e++) out[e] = Math.max(0, pceFlow[e] - (pce - 1) * heavyFlow[e]);
  return out;
}
