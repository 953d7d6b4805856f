/**
 * Doubly constrained gravity model: T_ij = a_i · b_j · f_ij with row sums equal to the
 * productions P_i and column sums equal to the attractions Q_j, found by Furness (iterative
 * proportional fitting) balancing. Matrices are dense, row-major n × n Float64Arrays.
 *
 * The report carries the convergence history: after each iteration, the largest relative
 * error of a row sum (columns are exact right after their update).
 */

export interface FurnessOptions {
  /** Stop when every row sum is within this relative error of P_i; default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
  /** Balancing factors; reused as a warm start when given (calibration), returned filled. */
  a?: Float64Array;
  b?: Float64Array;
}

export interface FurnessReport {
  iterations: number;
  converged: boolean;
  /** Largest relative row-sum error at the end. */
  maxRelError: number;
  /** maxRelError after each iteration. */
  history: number[];
}

/**
 * Fills `out` (n × n) with the balanced trips. `deterrence` is f_ij ≥ 0; P and Q must have
 * equal totals. Allocates nothing inside its loops.
 */
export function furness(
  out: Float64Array,
  deterrence: Float64Array,
  productions: Float64Array,
  attractions: Float64Array,
  options: FurnessOptions = {},
): FurnessReport {
  const n = productions.length;
  if (attractions.length !== n || deterrence.length !== n * n || out.length !== n * n) {
    throw new RangeError(`furness: ${n} productions, ${attractions.length} attractions, ${deterrence.length} deterrence cells (expected ${n * n})`);
  }
  let sumP = 0;
  let sumQ = 0;
  for (let i = 0; i < n; i++) {
    if (!(productions[i] >= 0) || !(attractions[i] >= 0)) throw new RangeError(`furness: zone ${i} has a negative or missing production/attraction`);
    sumP += productions[i];
    sumQ += attractions[i];
  }
  if (Math.abs(sumP - sumQ) > 1e-9 * Math.max(sumP, sumQ)) throw new RangeError(`furness: productions total ${sumP} differs from attractions total ${sumQ}`);
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  const a = options.a ?? new Float64Array(n).fill(1);
  const b = options.b ?? new Float64Array(n).fill(1);
  const colSum = new Float64Array(n);
  const history: number[] = [];
  let err = Infinity;
  let it = 0;
  while (it < maxIterations) {
    it++;
    // Rows: measure the error with the current factors, then make every row exact.
    err = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += b[j] * deterrence[row + j];
      const p = productions[i];
      if (p > 0) {
        const rel = Math.abs(a[i] * s - p) / p;
        if (rel > err) err = rel;
      }
      a[i] = s > 0 ? p / s : 0;
    }
    history.push(err);
    if (err <= tolerance) break;
    // Columns.
    colSum.fill(0);
    for (let i = 0; i < n; i++) {
      const ai = a[i];
      if (ai === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) colSum[j] += ai * deterrence[row + j];
    }
    for (let j = 0; j < n; j++) b[j] = colSum[j] > 0 ? attractions[j] / colSum[j] : 0;
  }
  for (let i = 0; i < n; i++) {
    const ai = a[i];
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = ai * b[j] * deterrence[row + j];
  }
  return { iterations: it, converged: err <= tolerance, maxRelError: err, history };
}

/** Row and column sums of a dense n × n matrix, for checks and reports. */
export function marginals(m: Float64Array, n: number): { rows: Float64Array; cols: Float64Array } {
  const rows = new Float64Array(n);
  const cols = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i * n + j];
      rows[i] += v;
      cols[j] += v;
    }
  }
  return { rows, cols };
}
