/**
 * Convergence measures shared by every assignment method, so their figures compare.
 *
 * - Beckmann objective: Σ_e ∫₀^{v_e} g_e(x) dx, minimised by the user equilibrium.
 * - TSTT (total system travel cost): Σ_e v_e · g_e(v_e).
 * - SPTT (shortest-path travel cost): Σ_od q_od · (shortest-path cost od) at the same costs,
 *   i.e. the cost if every traveller took a current shortest path (an all-or-nothing load).
 * - Relative gap = (TSTT − SPTT) / SPTT, the definition used by TNTP and tap-b. It is ≥ 0,
 *   and 0 exactly at equilibrium. Always computed with a fresh shortest-path search on the
 *   final costs.
 */
import { bprIntegral } from './bpr.ts';
import type { AssignmentNetwork } from './network.ts';

export function beckmann(net: AssignmentNetwork, flow: Float64Array): number {
  let s = 0;
  for (let e = 0; e < net.edgeCount; e++) s += bprIntegral(net, e, flow[e]);
  return s;
}

export function tstt(net: AssignmentNetwork, flow: Float64Array, cost: Float64Array): number {
  let s = 0;
  for (let e = 0; e < net.edgeCount; e++) s += flow[e] * cost[e];
  return s;
}

/**
 * (TSTT − SPTT) / SPTT; 0 when there is no demand to travel (SPTT = 0). TSTT ≥ SPTT in exact
 * arithmetic; at equilibrium the two sums differ only by rounding (around 1e-14 of them), which
 * can make the difference negative: that is reported as 0, equilibrium to machine precision.
 */
export function relativeGap(tsttValue: number, sptt: number): number {
  return sptt > 0 ? Math.max(0, (tsttValue - sptt) / sptt) : 0;
}
