/**
 * BPR link-performance kernels: generalized link cost, its derivative in the flow, and the
 * integral that makes up the Beckmann objective, per edge and over whole columns.
 *
 * Terms: t(v) = t0 · (1 + alpha · (v/c)^beta); generalized cost g(v) = t(v) + tollFactor · toll
 * + distanceFactor · length (TNTP's convention). Column kernels write into `out` (first
 * argument) and allocate nothing; the per-edge kernels are what they and Algorithm B's exact
 * cost updates call, so every caller gets the same bits.
 *
 * Real networks carry extreme parameters (TNTP files hold powers up to 16.8, alpha down to
 * 4e-71, capacity-1 connectors): alpha · r^beta is formed so that neither factor overflows or
 * underflows on its own (scaledPower), and beta = 0 or alpha = 0 give constant costs with
 * derivative exactly 0 (callers handle a zero derivative; see algorithm-b-shift.ts).
 */
import type { AssignmentNetwork } from './network.ts';

/** alpha · r^beta for r ≥ 0, without the overflow of r^beta or the underflow of alpha alone. */
export function scaledPower(alpha: number, r: number, beta: number): number {
  if (alpha === 0) return 0;
  if (beta === 4) return alpha * (r * r * (r * r));
  if (beta === 0) return alpha;
  if (r === 0) return beta > 0 ? 0 : Infinity;
  const p = Math.pow(r, beta);
  const v = alpha * p;
  // pow overflowed (or underflowed to 0) where the product is representable: go through logs.
  if (p === Infinity || (p === 0 && v === 0)) return Math.exp(Math.log(alpha) + beta * Math.log(r));
  return v;
}

/** Generalized cost of edge e at flow v (plus the edge's preload, if any). */
export function edgeCost(net: AssignmentNetwork, e: number, flow: number): number {
  const v = net.preload ? flow + net.preload[e] : flow;
  const t0 = net.freeFlowTime[e];
  const time = t0 === 0 ? 0 : t0 * (1 + scaledPower(net.alpha[e], v / net.capacity[e], net.beta[e]));
  return time + net.tollFactor * net.toll[e] + net.distanceFactor * net.length[e];
}

/** d g_e / d v at flow v (0 for constant costs; 0 at v = 0 where beta < 1 and it is unbounded). */
export function edgeCostDerivative(net: AssignmentNetwork, e: number, flow: number): number {
  const v = net.preload ? flow + net.preload[e] : flow;
  const b = net.beta[e];
  const a = net.alpha[e];
  const t0 = net.freeFlowTime[e];
  if (b === 0 || a === 0 || t0 === 0) return 0;
  const c = net.capacity[e];
  const r = v / c;
  if (b === 1) return (t0 * a) / c;
  if (r === 0) return 0;
  return (t0 * b * scaledPower(a, r, b - 1)) / c;
}

/** out[e] = generalized cost of edge e at flow[e]. */
export function linkCost(out: Float64Array, net: AssignmentNetwork, flow: Float64Array): Float64Array {
  for (let e = 0; e < net.edgeCount; e++) out[e] = edgeCost(net, e, flow[e]);
  return out;
}

/** out[e] = d g_e / d v at flow[e]. */
export function linkCostDerivative(out: Float64Array, net: AssignmentNetwork, flow: Float64Array): Float64Array {
  for (let e = 0; e < net.edgeCount; e++) out[e] = edgeCostDerivative(net, e, flow[e]);
  return out;
}

/** ∫₀^v g_e(x) dx for one edge: the edge's term of the Beckmann objective (with a preload p, ∫ₚ^{p+v} of the time). */
export function bprIntegral(net: AssignmentNetwork, e: number, v: number): number {
  const p = net.preload ? net.preload[e] : 0;
  if (p > 0) return timeIntegral(net, e, p + v) - timeIntegral(net, e, p) + (net.tollFactor * net.toll[e] + net.distanceFactor * net.length[e]) * v;
  const c = net.capacity[e];
  const b = net.beta[e];
  const fixed = net.tollFactor * net.toll[e] + net.distanceFactor * net.length[e];
  // alpha · c · r^(b+1) / (b+1) = v · alpha · r^b / (b+1)
  const rise = v === 0 ? 0 : (v * scaledPower(net.alpha[e], v / c, b)) / (b + 1);
  return net.freeFlowTime[e] * (v + rise) + fixed * v;
}

/** ∫₀^v t_e(x) dx, the travel-time part only (no tolls, no distance). */
function timeIntegral(net: AssignmentNetwork, e: number, v: number): number {
  const rise = v === 0 ? 0 : (v * scaledPower(net.alpha[e], v / net.capacity[e], net.beta[e])) / (net.beta[e] + 1);
  return net.freeFlowTime[e] * (v + rise);
}
