/**
 * Deterrence calibration: find β of the exponential deterrence f(d) = exp(-β·d) (d in km) so
 * that the doubly constrained gravity model's mean trip length equals a target. The mean length
 * falls as β grows, so bisection on β converges; Furness factors are carried from one β to the
 * next (warm start), which keeps each balancing short.
 *
 * When the target is above `maxFreeShare` (default 0.8) of the mean length with β = 0 (trips
 * ignore distance) — the zones cover too small an area for it — the target is lowered to that
 * and `capped` says so; a target no β ≥ 0 can reach returns β = 0 with `reachable: false`.
 */
import { furness, type FurnessReport } from './gravity.ts';

export interface Calibration {
  beta: number;
  targetKm: number;
  meanKm: number;
  reachable: boolean;
  /** The target asked for, when it was lowered to maxFreeShare of the distance-blind mean. */
  capped?: number;
  /** One entry per β tried: β, resulting mean length, Furness iterations. */
  history: { beta: number; meanKm: number; furnessIterations: number }[];
  /** The final balancing (at the returned β). */
  furness: FurnessReport;
}

export interface CalibrateOptions {
  /** Relative tolerance on the mean length; default 1e-4. */
  tolerance?: number;
  maxSteps?: number;
  /** Furness tolerance of the final balancing; default 1e-10. */
  furnessTolerance?: number;
  maxFreeShare?: number;
}

/**
 * Calibrates and leaves the balanced trips in `out`. `distKm` is the dense n × n distance
 * matrix; `deterrence` is scratch of the same size (filled with the final f_ij).
 */
export function calibrateExponential(
  out: Float64Array,
  deterrence: Float64Array,
  distKm: Float64Array,
  productions: Float64Array,
  attractions: Float64Array,
  targetKm: number,
  options: CalibrateOptions = {},
): Calibration {
  if (!(targetKm > 0)) throw new RangeError(`target mean trip length is ${targetKm} km, expected a positive number`);
  const n = productions.length;
  const tol = options.tolerance ?? 1e-4;
  const maxSteps = options.maxSteps ?? 60;
  const a = new Float64Array(n).fill(1);
  const b = new Float64Array(n).fill(1);
  const history: Calibration['history'] = [];
  const run = (beta: number, furnessTolerance: number): { mean: number; report: FurnessReport } => {
    for (let k = 0; k < deterrence.length; k++) deterrence[k] = Math.exp(-beta * distKm[k]);
    const report = furness(out, deterrence, productions, attractions, { tolerance: furnessTolerance, a, b });
    let t = 0;
    let td = 0;
    for (let k = 0; k < out.length; k++) {
      t += out[k];
      td += out[k] * distKm[k];
    }
    const mean = t > 0 ? td / t : 0;
    history.push({ beta, meanKm: mean, furnessIterations: report.iterations });
    return { mean, report };
  };
  const coarse = Math.max(1e-7, tol * 1e-2);
  const finalTol = options.furnessTolerance ?? 1e-10;

  const free = run(0, coarse);
  let capped: number | undefined;
  const cap = (options.maxFreeShare ?? 0.8) * free.mean;
  if (targetKm > cap && cap > 0) {
    capped = targetKm;
    targetKm = cap;
  }
  if (free.mean <= targetKm) {
    const last = run(0, finalTol);
    return { beta: 0, targetKm, meanKm: last.mean, reachable: false, capped, history, furness: last.report };
  }
  // Bracket: grow β until the mean length drops below the target.
  let lo = 0;
  let hi = 1 / targetKm;
  while (run(hi, coarse).mean > targetKm) {
    lo = hi;
    hi *= 2;
    if (hi > 1e3) break;
  }
  let beta = hi;
  for (let step = 0; step < maxSteps; step++) {
    beta = (lo + hi) / 2;
    const { mean } = run(beta, coarse);
    if (Math.abs(mean - targetKm) <= tol * targetKm) break;
    if (mean > targetKm) lo = beta;
    else hi = beta;
  }
  const last = run(beta, finalTol);
  return { beta, targetKm, meanKm: last.mean, reachable: Math.abs(last.mean - targetKm) <= 2 * tol * targetKm, capped, history, furness: last.report };
}
