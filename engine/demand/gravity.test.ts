import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { calibrateExponential } from './calibrate.ts';
import { furness, marginals } from './gravity.ts';

function randomCase(n: number, seed: number) {
  const r = mulberry32(seed);
  const P = Float64Array.from({ length: n }, () => r() * 100);
  const Qraw = Float64Array.from({ length: n }, () => r() * 100);
  const sumP = P.reduce((a, b) => a + b, 0);
  const sumQ = Qraw.reduce((a, b) => a + b, 0);
  const Q = Qraw.map((q) => (q * sumP) / sumQ);
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = i === j ? 0.5 : 1 + Math.abs(i - j) + r();
  return { P, Q, d, sumP };
}

describe('furness', () => {
  it('converges: row and column sums within 1e-6 relative, total equals the productions', () => {
    const n = 40;
    const { P, Q, d, sumP } = randomCase(n, 3);
    const f = d.map((x) => Math.exp(-0.3 * x));
    const out = new Float64Array(n * n);
    const rep = furness(out, f, P, Q);
    expect(rep.converged).toBe(true);
    expect(rep.history.length).toBe(rep.iterations);
    expect(rep.history[rep.history.length - 1]).toBeLessThanOrEqual(1e-10);
    const { rows, cols } = marginals(out, n);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(rows[i] - P[i]) / P[i]).toBeLessThan(1e-6);
      expect(Math.abs(cols[i] - Q[i]) / Q[i]).toBeLessThan(1e-6);
    }
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(sumP, 6);
  });

  it('with no deterrence gives the closed form T_ij = P_i Q_j / T', () => {
    const n = 7;
    const { P, Q, sumP } = randomCase(n, 9);
    const out = new Float64Array(n * n);
    furness(out, new Float64Array(n * n).fill(1), P, Q);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(out[i * n + j]).toBeCloseTo((P[i] * Q[j]) / sumP, 9);
  });

  it('refuses unequal totals with one line', () => {
    expect(() => furness(new Float64Array(4), new Float64Array(4).fill(1), Float64Array.of(1, 2), Float64Array.of(1, 1))).toThrow(/productions total 3 differs from attractions total 2/);
  });
});

describe('calibrateExponential', () => {
  it('reaches the target mean trip length by bisection and keeps the marginals', () => {
    const n = 30;
    const { P, Q, d } = randomCase(n, 5);
    const out = new Float64Array(n * n);
    const cal = calibrateExponential(out, new Float64Array(n * n), d, P, Q, 6);
    expect(cal.reachable).toBe(true);
    expect(cal.capped).toBeUndefined();
    expect(Math.abs(cal.meanKm - 6) / 6).toBeLessThan(2e-4);
    expect(cal.beta).toBeGreaterThan(0);
    // Mean length falls as β grows along the history.
    const sorted = [...cal.history].sort((a, b) => a.beta - b.beta);
    for (let k = 1; k < sorted.length; k++) expect(sorted[k].meanKm).toBeLessThanOrEqual(sorted[k - 1].meanKm + 1e-9);
    const { rows } = marginals(out, n);
    for (let i = 0; i < n; i++) expect(Math.abs(rows[i] - P[i]) / P[i]).toBeLessThan(1e-6);
  });

  it('lowers a target the zones cannot reach and says so', () => {
    const n = 10;
    const { P, Q, d } = randomCase(n, 6);
    const cal = calibrateExponential(new Float64Array(n * n), new Float64Array(n * n), d, P, Q, 1000);
    expect(cal.capped).toBe(1000);
    expect(cal.targetKm).toBeLessThan(1000);
    expect(Math.abs(cal.meanKm - cal.targetKm) / cal.targetKm).toBeLessThan(2e-4);
  });
});
