/**
 * How well modelled flows reproduce counted ones: the GEH statistic per comparison and the
 * usual fit figures over a set of comparisons (share with GEH < 5, mean GEH, RMSE %, R²,
 * totals). Flows are compared as hourly rates (vehicles per hour), the scale GEH is defined on.
 *
 *   GEH = √(2 (M − C)² / (M + C))          M modelled, C counted, veh/h; 0 when both are 0
 *   RMSE % = 100 · √(mean (M − C)²) / mean C
 *   R² = squared Pearson correlation of M and C (0 when either does not vary; NaN under 3
 *        comparisons, where any two points would give 1)
 */

export interface FitStats {
  /** Comparisons (station-periods). */
  n: number;
  gehUnder5Share: number;
  gehUnder10Share: number;
  meanGeh: number;
  rmsePct: number;
  r2: number;
}

export function geh(modelled: number, counted: number): number {
  const s = modelled + counted;
  return s > 0 ? Math.sqrt((2 * (modelled - counted) ** 2) / s) : 0;
}

/** The modelled flow at which GEH reaches `g` for a count `c`, below (side −1) or above (+1) it; never below 0. */
export function gehBand(c: number, g: number, side: -1 | 1): number {
  // (M − C)² = g² (M + C) / 2, solved for M − C
  const d = (g * g) / 4 + side * Math.sqrt((g ** 4) / 16 + g * g * c);
  return Math.max(0, c + d);
}

/** Fit figures of paired modelled and counted hourly flows. */
export function fitStats(modelled: ArrayLike<number>, counted: ArrayLike<number>): FitStats {
  const n = counted.length;
  if (modelled.length !== n) throw new RangeError(`fitStats: ${modelled.length} modelled flows for ${n} counts`);
  let under5 = 0;
  let under10 = 0;
  let gehSum = 0;
  let se = 0;
  let sm = 0;
  let sc = 0;
  for (let i = 0; i < n; i++) {
    const m = modelled[i]!;
    const c = counted[i]!;
    const g = geh(m, c);
    if (g < 5) under5++;
    if (g < 10) under10++;
    gehSum += g;
    se += (m - c) ** 2;
    sm += m;
    sc += c;
  }
  if (n === 0) return { n, gehUnder5Share: 0, gehUnder10Share: 0, meanGeh: 0, rmsePct: 0, r2: NaN };
  const mm = sm / n;
  const mc = sc / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const x = counted[i]! - mc;
    const y = modelled[i]! - mm;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  return {
    n,
    gehUnder5Share: under5 / n,
    gehUnder10Share: under10 / n,
    meanGeh: gehSum / n,
    rmsePct: mc > 0 ? (100 * Math.sqrt(se / n)) / mc : 0,
    r2: n < 3 ? NaN : sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0,
  };
}
