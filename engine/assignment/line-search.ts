/**
 * Exact line search for link-based methods: the step λ ∈ [0, 1] minimising the Beckmann
 * objective along x + λ·d, i.e. the root of φ'(λ) = Σ_e g_e(x_e + λ d_e) · d_e, which is
 * non-decreasing in λ because every g_e is. Safeguarded Newton: a Newton step on φ'
 * (φ'' = Σ g'_e d_e²) when it stays inside the current bracket, bisection otherwise.
 * Allocates nothing.
 */
import type { AssignmentNetwork } from './network.ts';

/** φ'(λ) along d from x; φ''(λ) is left in `second`. */
function slope(net: AssignmentNetwork, x: Float64Array, d: Float64Array, lambda: number, second: Float64Array): number {
  const { freeFlowTime: t0, capacity: cap, alpha, beta, toll, length, tollFactor: tf, distanceFactor: df, preload } = net;
  let s1 = 0;
  let s2 = 0;
  for (let e = 0; e < net.edgeCount; e++) {
    const de = d[e];
    if (de === 0) continue;
    const c = cap[e];
    const r = (x[e] + lambda * de + (preload ? preload[e] : 0)) / c;
    const b = beta[e];
    let rb1: number; // r^(b-1)
    let rb: number; // r^b
    if (b === 4) {
      rb1 = r * r * r;
      rb = rb1 * r;
    } else if (r <= 0) {
      rb = b === 0 ? 1 : 0;
      rb1 = b === 1 ? 1 : 0;
    } else {
      rb1 = Math.pow(r, b - 1);
      rb = rb1 * r;
    }
    const ta = t0[e] * alpha[e];
    s1 += (t0[e] + ta * rb + tf * toll[e] + df * length[e]) * de;
    s2 += ((ta * b) / c) * rb1 * de * de;
  }
  second[0] = s2;
  return s1;
}

const scratch = new Float64Array(1);

/** argmin over λ ∈ [0, 1] of the Beckmann objective along x + λ·d. */
export function lineSearch(net: AssignmentNetwork, x: Float64Array, d: Float64Array, maxSteps = 60): number {
  const g0 = slope(net, x, d, 0, scratch);
  if (!(g0 < 0)) return 0;
  const g1 = slope(net, x, d, 1, scratch);
  if (g1 <= 0) return 1;
  let lo = 0;
  let hi = 1;
  let lambda = g0 / (g0 - g1); // secant start
  for (let i = 0; i < maxSteps; i++) {
    const g = slope(net, x, d, lambda, scratch);
    if (g === 0) return lambda;
    if (g > 0) hi = lambda;
    else lo = lambda;
    if (hi - lo <= 1e-15) break;
    const h = scratch[0];
    const newton = h > 0 ? lambda - g / h : NaN;
    const next = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
    if (Math.abs(next - lambda) <= 1e-15 * Math.max(1, lambda)) return next;
    lambda = next;
  }
  return 0.5 * (lo + hi);
}
