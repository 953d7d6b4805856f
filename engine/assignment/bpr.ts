/**
 * BPR link-performance kernels over whole columns: generalized link cost, its derivative in
 * the flow, and the integral that makes up the Beckmann objective.
 *
 * Terms: t(v) = t0 · (1 + alpha · (v/c)^beta); generalized cost g(v) = t(v) + tollFactor · toll
 * + distanceFactor · length (TNTP's convention). Kernels write into `out` (first argument) and
 * allocate nothing.
 */
import type { AssignmentNetwork } from './network.ts';

/** out[e] = generalized cost of edge e at flow[e]. */
export function linkCost(out: Float64Array, net: AssignmentNetwork, flow: Float64Array): Float64Array {
  const { freeFlowTime: t0, capacity: cap, alpha, beta, toll, length, tollFactor: tf, distanceFactor: df } = net;
  for (let e = 0; e < net.edgeCount; e++) {
    const r = flow[e] / cap[e];
    const b = beta[e];
    // beta = 4 is by far the common case; r^4 by two products is exact and much faster than pow.
    const rb = b === 4 ? r * r * (r * r) : r === 0 ? (b === 0 ? 1 : 0) : Math.pow(r, b);
    out[e] = t0[e] * (1 + alpha[e] * rb) + tf * toll[e] + df * length[e];
  }
  return out;
}

/** out[e] = d g_e / d v at flow[e] (0 where beta < 1 and the flow is 0, where it is unbounded). */
export function linkCostDerivative(out: Float64Array, net: AssignmentNetwork, flow: Float64Array): Float64Array {
  const { freeFlowTime: t0, capacity: cap, alpha, beta } = net;
  for (let e = 0; e < net.edgeCount; e++) {
    const b = beta[e];
    const r = flow[e] / cap[e];
    if (b === 0 || (r === 0 && b <= 1)) {
      out[e] = b === 1 ? (t0[e] * alpha[e]) / cap[e] : 0;
      continue;
    }
    const rb1 = b === 4 ? r * r * r : Math.pow(r, b - 1);
    out[e] = ((t0[e] * alpha[e] * b) / cap[e]) * rb1;
  }
  return out;
}

/** ∫₀^v g_e(x) dx for one edge: the edge's term of the Beckmann objective. */
export function bprIntegral(net: AssignmentNetwork, e: number, v: number): number {
  const c = net.capacity[e];
  const b = net.beta[e];
  const r = v / c;
  const rb1 = b === 4 ? r * r * (r * r) * r : Math.pow(r, b + 1);
  const fixed = net.tollFactor * net.toll[e] + net.distanceFactor * net.length[e];
  return net.freeFlowTime[e] * (v + (net.alpha[e] * c * rb1) / (b + 1)) + fixed * v;
}
