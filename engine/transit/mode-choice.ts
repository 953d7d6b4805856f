/**
 * Mode choice: a multinomial logit between car, bus and walking on generalized costs per zone
 * pair, its alternative-specific constants calibrated so the person-trip shares over all pairs
 * reproduce published targets (data/transit/mode-shares.csv).
 *
 * Utility of mode m on a pair: V_m = asc_m − beta · g_m, with g_m the generalized cost in
 * minutes: car = congested time + distance × operating cost / value of time; bus = door-to-door
 * transit time (walk to the stop, wait, ride, transfers, walk from the stop; RAPTOR's zone times)
 * + fare / value of time; walk = walking time. A mode with no finite cost on a pair (no path, no
 * bus) is not available there. The car constant is 0; the others are found by the usual
 * iteration asc_m += ln(target_m / modelled_m), which converges for the logit because each share
 * rises monotonically with its own constant.
 *
 * Parameters (model assumptions, not estimated on a Brazilian survey): beta 0.05 per minute (a
 * 10-minute difference halves the odds roughly 1.6 times — the order of values found in
 * mode-choice studies); car operating cost R$ 0.50/km (fuel and wear of a small petrol car);
 * a fare of R$ 4.50 (the order of Brazilian capitals' bus fares in 2019–2023; EPTC's own fare
 * is not in the feed); time valued as in the assignment (engine/scenario/value-of-time.ts).
 */
import { readFileSync } from 'node:fs';
import { VALUE_OF_TIME_BRL_PER_HOUR } from '../scenario/value-of-time.ts';

export const MODES = ['car', 'bus', 'walk'] as const;
export type Mode = (typeof MODES)[number];
export const CAR = 0;
export const BUS = 1;
export const WALK = 2;

export interface ModeChoiceParameters {
  /** Utility lost per minute of generalized cost. */
  betaPerMin: number;
  carCostBrlPerKm: number;
  busFareBrl: number;
  brlPerHour: number;
}

export const DEFAULT_MODE_CHOICE: ModeChoiceParameters = { betaPerMin: 0.05, carCostBrlPerKm: 0.5, busFareBrl: 4.5, brlPerHour: VALUE_OF_TIME_BRL_PER_HOUR };

/** Per zone pair: the person trips and each mode's time (NaN: not available). */
export interface PairCosts {
  persons: Float64Array;
  carS: Float64Array;
  carKm: Float64Array;
  busS: Float64Array;
  walkS: Float64Array;
}

/** Generalized costs in minutes, mode-major: out[m * n + i] (NaN where m is not available on pair i). */
export function generalizedMinutes(c: PairCosts, p: ModeChoiceParameters = DEFAULT_MODE_CHOICE): Float64Array {
  const n = c.persons.length;
  const out = new Float64Array(3 * n);
  const perBrl = 60 / p.brlPerHour;
  for (let i = 0; i < n; i++) {
    out[i] = c.carS[i] / 60 + c.carKm[i] * p.carCostBrlPerKm * perBrl;
    out[n + i] = c.busS[i] / 60 + p.busFareBrl * perBrl;
    out[2 * n + i] = c.walkS[i] / 60;
  }
  return out;
}

/** Shares per pair, mode-major like the costs (a pair with no mode available gets all zeros). */
export function logitShares(g: Float64Array, asc: ArrayLike<number>, betaPerMin: number, out = new Float64Array(g.length)): Float64Array {
  const n = g.length / 3;
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let m = 0; m < 3; m++) {
      const x = g[m * n + i];
      if (x === x) top = Math.max(top, asc[m] - betaPerMin * x);
    }
    let sum = 0;
    for (let m = 0; m < 3; m++) {
      const x = g[m * n + i];
      const w = x === x ? Math.exp(asc[m] - betaPerMin * x - top) : 0;
      out[m * n + i] = w;
      sum += w;
    }
    for (let m = 0; m < 3; m++) out[m * n + i] = sum > 0 ? out[m * n + i] / sum : 0;
  }
  return out;
}

/** Person-trip-weighted shares over all pairs, [car, bus, walk]. */
export function totalShares(shares: Float64Array, persons: Float64Array): [number, number, number] {
  const n = persons.length;
  const t = [0, 0, 0];
  let all = 0;
  for (let i = 0; i < n; i++) {
    all += persons[i];
    for (let m = 0; m < 3; m++) t[m] += persons[i] * shares[m * n + i];
  }
  return all > 0 ? [t[0] / all, t[1] / all, t[2] / all] : [0, 0, 0];
}

export interface Calibration {
  asc: [number, number, number];
  shares: Float64Array;
  total: [number, number, number];
  iterations: number;
}

/** The constants that reproduce `target` ([car, bus, walk], summing to 1) to `tolerance`. */
export function calibrateConstants(g: Float64Array, persons: Float64Array, target: readonly number[], betaPerMin: number, tolerance = 1e-6, maxIter = 500): Calibration {
  const asc: [number, number, number] = [0, 0, 0];
  const shares = new Float64Array(g.length);
  let total = totalShares(logitShares(g, asc, betaPerMin, shares), persons);
  let it = 0;
  for (; it < maxIter; it++) {
    if (Math.max(...[0, 1, 2].map((m) => Math.abs(total[m] - target[m]))) <= tolerance) break;
    for (const m of [BUS, WALK]) {
      if (total[m] <= 0) throw new Error(`mode choice: no pair has ${MODES[m]} available, so its share ${target[m]} cannot be reproduced`);
      asc[m] += Math.log(target[m] / total[m]) - Math.log(target[CAR] / total[CAR]);
    }
    total = totalShares(logitShares(g, asc, betaPerMin, shares), persons);
  }
  return { asc, shares, total, iterations: it };
}

export interface ModeShareTargets {
  shares: [number, number, number];
  source: string;
}

export const DEFAULT_MODE_SHARES_FILE = new URL('../../data/transit/mode-shares.csv', import.meta.url);

/** The target shares of data/transit/mode-shares.csv (columns mode, share, …, source). */
export function loadModeShares(file: URL | string = DEFAULT_MODE_SHARES_FILE): ModeShareTargets {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => header.indexOf(name);
  const shares: [number, number, number] = [NaN, NaN, NaN];
  let source = '';
  for (const line of lines.slice(1)) {
    const cells = line.match(/("([^"]*)"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const m = MODES.indexOf(cells[col('mode')] as Mode);
    if (m < 0) throw new Error(`${String(file)}: mode "${cells[col('mode')]}": expected car, bus or walk`);
    shares[m] = Number(cells[col('share')]);
    if (!source && cells[col('source')] !== 'same') source = cells[col('source')];
  }
  const sum = shares[0] + shares[1] + shares[2];
  if (!(Math.abs(sum - 1) < 1e-6)) throw new Error(`${String(file)}: shares sum to ${sum}, expected 1`);
  return { shares, source };
}
