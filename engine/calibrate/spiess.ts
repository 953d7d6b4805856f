/**
 * Spiess (1990) gradient steps of OD matrix estimation at fixed route proportions.
 *
 *   Z(g) = ½ Σ_i w_i (v_i(g) − v̂_i)²    v_i: modelled flow of observation i (the sum of its
 *                                        edges), v̂_i: the counted flow, in the demand's units,
 *                                        w_i: its weight (1, or 1/v̂_i so that Z ≈ ¼ Σ GEH²)
 *   ∂Z/∂g_od = Σ_i w_i (v_i − v̂_i) Σ_{e ∈ i} p_od(e)      (p_od on the counted edges: od-proportions.ts)
 *   g_od ← g_od · (1 − λ ∂Z/∂g_od)
 *
 * The step λ is the minimiser of Z along the direction Δg_od = −g_od ∂Z/∂g_od, in closed form
 * since the flows are linear in g at fixed proportions: with v'_i the observations' flows of
 * that direction (a sparse product with the same p), λ* = −Σ w_i (v_i − v̂_i) v'_i / Σ w_i v'_i², capped at 1/max ∂Z/∂g
 * times `maxShrink` so no cell turns negative. Optionally a first step scales the whole matrix
 * by the least-squares factor Σ w_i v̂_i v_i / Σ w_i v_i² (the prior's ratios kept exactly): a deficit that
 * is everywhere (traffic the prior leaves out) is then not put on the counted corridors alone. Multiplying keeps zero cells zero and the prior's
 * structure; the regularisation is Spiess's own (few steps from the prior, each along its
 * cells' sizes) plus a bound on each cell's total factor against the prior, [1/maxFactor, maxFactor],
 * and optionally a mask of the cells that may change at all (e.g. only those with an external end).
 * Optionally, before the cell steps, steps of whole rows and columns (ends.ts): the same line
 * search along Δg_od = −g_od (a_o + b_d), which moves every trip of the origins and destinations
 * that feed a counted link, not only those whose routes cross it.
 */
import type { OdDemand } from '../assignment/network.ts';
import type { OriginFlows } from '../assignment/origin-paths.ts';
import type { AssignmentNetwork } from '../assignment/network.ts';
import { endsCoefficients } from './ends.ts';
import { countedEdges, OdProportions } from './od-proportions.ts';

/** Observations on the assignment network's edges: i's flow is Σ flow[edges[edgeStart[i] .. edgeStart[i+1]-1]]. */
export interface NetObservations {
  count: number;
  edgeStart: Uint32Array;
  edges: Uint32Array;
  /** Counted flow in the demand's units (veh/h for a peak hour). */
  target: Float64Array;
  /** Weight of each observation in Z (default 1 each). */
  weight?: Float64Array;
  /** Vehicle class of each observation, an index into SpiessOptions.classShare (default 0 each). */
  cls?: Uint8Array;
}

/**
 * GEH weights, 1 / max(v̂_i, floor): Z is then about a quarter of Σ GEH², so a station of 1,500
 * veh/h that is 400 off counts as much as one of 15,000 that is 1,260 off — what the GEH < 5
 * criterion asks — instead of the largest counts ruling the fit.
 */
export function gehWeights(target: Float64Array, floor = 50): Float64Array {
  return Float64Array.from(target, (x) => 1 / Math.max(x, floor));
}

export interface SpiessOptions {
  /** Largest factor of a cell against the prior (and smallest 1 / it). */
  maxFactor: number;
  /** A step shrinks no cell below this share of its value (0 < maxShrink < 1). */
  maxShrink: number;
  /** Scale the whole matrix by its least-squares factor before the gradient steps (keeps every ratio of the prior). */
  scaleFirst?: boolean;
  /**
   * Blocks of cells for the first scaling step, each scaled by its own least-squares factor
   * (e.g. internal, inbound, outbound and through traffic): `of` the block of each cell (aligned
   * with g, values below `count`). Default one block, the whole matrix.
   */
  blocks?: { count: number; of: Uint8Array };
  /** Cells that may change (1) and those held at their value (0), aligned with g; default every cell. */
  adjustable?: Uint8Array;
  /**
   * Per vehicle class, per cell (aligned with g): the class's vehicles per unit of g. With trucks
   * at a PCE, g counts car units and a cell's trucks are a fixed share of it (every update
   * multiplies the whole cell), so class c's flow on a link is Σ share_c · g · p(e). Default: one
   * class whose flow is g itself.
   */
  classShare?: Float64Array[];
  /**
   * Steps of whole rows and columns (ends.ts) before the cell steps: at most `steps`, stopping
   * after the first that lowers Z by less than `minDecrease` of its value (e.g. 0.01). None by default.
   */
  ends?: { steps: number; minDecrease: number };
}

export function observedFlows(out: Float64Array, o: NetObservations, flow: ArrayLike<number>): Float64Array {
  for (let i = 0; i < o.count; i++) {
    let f = 0;
    for (let k = o.edgeStart[i]; k < o.edgeStart[i + 1]; k++) f += flow[o.edges[k]];
    out[i] = f;
  }
  return out;
}

export function objective(o: NetObservations, v: Float64Array): number {
  let z = 0;
  for (let i = 0; i < o.count; i++) z += 0.5 * (o.weight ? o.weight[i] : 1) * (v[i] - o.target[i]) ** 2;
  return z;
}

/**
 * Steps at the proportions of `flows` (after one uniform scaling step when `scaleFirst`) (the equilibrium of `demand`'s current values): updates
 * `g` (aligned with demand.flow) in place `steps` times, `v` (the observations' flows) with it;
 * `prior` bounds the factors. Returns Z after each step.
 */
export function spiessSteps(
  net: AssignmentNetwork,
  demand: OdDemand,
  flows: OriginFlows,
  o: NetObservations,
  g: Float64Array,
  prior: Float64Array,
  v: Float64Array,
  steps: number,
  options: SpiessOptions,
): number[] {
  const share = options.classShare;
  const classes = share ? share.length : 1;
  const clsOf = (i: number) => (o.cls ? o.cls[i] : 0);
  // the cells' proportions on the counted edges, once at this equilibrium: each step below is then sparse products (od-proportions.ts)
  const { counted, index: countedAt } = countedEdges(o.edges, net.edgeCount);
  const p = OdProportions.build(net, demand, flows, counted);
  const { cellStart, entryEdge, entryShare, cells } = p;
  const nc = counted.length;
  const weights = Array.from({ length: classes }, () => new Float64Array(nc));
  const loads = Array.from({ length: classes }, () => new Float64Array(nc));
  const grad = new Float64Array(g.length);
  const next = new Float64Array(g.length);
  // cells the bounds cut, with what they did beyond the plain step (only those with entries matter)
  const cutCell = new Uint32Array(cells.length);
  const cutBy = new Float64Array(cells.length);
  let cuts = 0;
  const dv = new Float64Array(o.count);
  const cut = new Float64Array(o.count);
  const zs: number[] = [];
  const wt = o.weight ?? new Float64Array(o.count).fill(1);
  const lo = (k: number) => prior[k] / options.maxFactor;
  const hi = (k: number) => prior[k] * options.maxFactor;
  const hasEntries = (k: number) => cellStart[k + 1] > cellStart[k];
  // into out: the observations' flows of a change of the cells (`list` of count cells, else every cell with entries), class by class
  const loadChange = (change: Float64Array, out = dv, list = cells, count = cells.length) => {
    for (const load of loads) load.fill(0);
    for (let j = 0; j < count; j++) {
      const k = list[j];
      const x = change[k];
      if (x === 0) continue;
      for (let c = 0; c < classes; c++) {
        const xc = share ? x * share[c][k] : x;
        const load = loads[c];
        for (let i = cellStart[k]; i < cellStart[k + 1]; i++) load[entryEdge[i]] += xc * entryShare[i];
      }
    }
    for (let i = 0; i < o.count; i++) {
      const load = loads[clsOf(i)];
      let f = 0;
      for (let k = o.edgeStart[i]; k < o.edgeStart[i + 1]; k++) f += load[countedAt[k]];
      out[i] = f;
    }
    return out;
  };
  // g[k] ← its value x within the bounds, noting where they cut a cell with entries
  const settle = (k: number, x: number) => {
    const y = Math.min(hi(k), Math.max(lo(k), x));
    if (y !== x && hasEntries(k)) {
      cutCell[cuts] = k;
      cutBy[cuts++] = y - x;
    }
    g[k] = y;
  };
  // where the bounds cut the step, the observations move by what the cells really did
  const addCuts = () => {
    if (cuts === 0) return;
    for (let j = 0; j < cuts; j++) next[cutCell[j]] = cutBy[j];
    loadChange(next, cut, cutCell, cuts);
    for (let i = 0; i < o.count; i++) dv[i] += cut[i];
  };
  const adj = options.adjustable;
  if (options.scaleFirst) {
    // the adjustable cells scaled by the least-squares factor of their block (one block, the whole matrix, by default):
    // its direction is the blocks' own flows on the observations
    const blocks = options.blocks;
    const nb = blocks ? blocks.count : 1;
    const vb: Float64Array[] = [];
    if (nb === 1 && !adj && !share) vb.push(Float64Array.from(v));
    else {
      for (let b = 0; b < nb; b++) {
        for (let j = 0; j < cells.length; j++) next[cells[j]] = (!adj || adj[cells[j]]) && (!blocks || blocks.of[cells[j]] === b) ? g[cells[j]] : 0;
        vb.push(Float64Array.from(loadChange(next)));
      }
    }
    const factors = blockFactors(vb, v, o.target, wt);
    if (factors.some((f) => f !== 1)) {
      cuts = 0;
      for (let k = 0; k < g.length; k++) if (!adj || adj[k]) settle(k, g[k] * factors[blocks ? blocks.of[k] : 0]);
      for (let i = 0; i < o.count; i++) {
        let x = 0;
        for (let b = 0; b < nb; b++) x += (factors[b] - 1) * vb[b][i];
        dv[i] = x;
      }
      addCuts();
      for (let i = 0; i < o.count; i++) v[i] += dv[i];
      zs.push(objective(o, v));
    }
  }
  // ∂Z/∂g at the current v into grad (zero off the cells with entries); returns its largest value over the non-empty cells
  const gradient = (): number => {
    for (const weight of weights) weight.fill(0);
    for (let i = 0; i < o.count; i++) {
      const r = wt[i] * (v[i] - o.target[i]);
      const weight = weights[clsOf(i)];
      for (let k = o.edgeStart[i]; k < o.edgeStart[i + 1]; k++) weight[countedAt[k]] += r;
    }
    let maxGrad = 0;
    for (let j = 0; j < cells.length; j++) {
      const k = cells[j];
      // ∂Z/∂g = Σ_c share_c · (class c's residuals along the cell's routes)
      let x = 0;
      if (!adj || adj[k]) {
        for (let c = 0; c < classes; c++) {
          const weight = weights[c];
          let s = 0;
          for (let i = cellStart[k]; i < cellStart[k + 1]; i++) s += entryShare[i] * weight[entryEdge[i]];
          x += share ? share[c][k] * s : s;
        }
      }
      grad[k] = x;
      if (g[k] > 0 && x > maxGrad) maxGrad = x;
    }
    return maxGrad;
  };
  // one step g ← g · (1 − λ coef), λ the exact minimiser along it (capped so no cell shrinks by more than maxShrink), then the bounds;
  // false when Z cannot fall along it. `dense`: coef may be non-zero off the cells with entries (rows and columns)
  const stepAlong = (coef: Float64Array, maxCoef: number, dense: boolean): boolean => {
    for (let j = 0; j < cells.length; j++) next[cells[j]] = -g[cells[j]] * coef[cells[j]];
    const d = loadChange(next); // = dv
    let num = 0;
    let den = 0;
    for (let i = 0; i < o.count; i++) {
      num -= wt[i] * (v[i] - o.target[i]) * d[i];
      den += wt[i] * d[i] * d[i];
    }
    if (!(den > 0) || !(num > 0)) return false;
    let lambda = num / den;
    if (maxCoef > 0) lambda = Math.min(lambda, options.maxShrink / maxCoef);
    cuts = 0;
    if (dense) {
      for (let k = 0; k < g.length; k++) if (coef[k] !== 0) settle(k, g[k] * (1 - lambda * coef[k]));
    } else {
      for (let j = 0; j < cells.length; j++) if (coef[cells[j]] !== 0) settle(cells[j], g[cells[j]] * (1 - lambda * coef[cells[j]]));
    }
    for (let i = 0; i < o.count; i++) dv[i] *= lambda;
    addCuts();
    for (let i = 0; i < o.count; i++) v[i] += dv[i];
    zs.push(objective(o, v));
    return true;
  };
  // whole rows and columns first (ends.ts), while each step lowers Z by at least minDecrease of it
  if (options.ends && options.ends.steps > 0) {
    const coef = new Float64Array(g.length);
    for (let step = 0; step < options.ends.steps; step++) {
      const z0 = objective(o, v);
      gradient();
      const maxCoef = endsCoefficients(demand, g, grad, coef, adj);
      if (!stepAlong(coef, maxCoef, true)) break;
      if (z0 - zs[zs.length - 1] < options.ends.minDecrease * z0) break;
    }
  }
  for (let step = 0; step < steps; step++) {
    const maxGrad = gradient();
    if (!stepAlong(grad, maxGrad, false)) break;
  }
  return zs;
}

/**
 * The least-squares factors f_b of the blocks' loads u_b on the observations (the rest of v held):
 * min Σ_i w_i (v̂_i − (v_i − Σ_b u_bi) − Σ_b f_b u_bi)², over the blocks with load; a block whose
 * factor comes out ≤ 0 (or that loads nothing) keeps 1, and the others are solved again without it.
 */
export function blockFactors(u: Float64Array[], v: Float64Array, target: Float64Array, w: Float64Array): number[] {
  const nb = u.length;
  const factors = new Array<number>(nb).fill(1);
  const active = new Set<number>();
  for (let b = 0; b < nb; b++) if (u[b].some((x) => x !== 0)) active.add(b);
  while (active.size > 0) {
    const list = [...active];
    const n = list.length;
    // normal equations A f = r over the active blocks, the others held at 1
    const a = Array.from({ length: n }, () => new Float64Array(n + 1));
    for (let i = 0; i < target.length; i++) {
      let rest = v[i];
      for (const b of list) rest -= u[b][i];
      const y = target[i] - rest;
      for (let p = 0; p < n; p++) {
        const up = u[list[p]][i];
        if (up === 0) continue;
        for (let q = 0; q < n; q++) a[p][q] += w[i] * up * u[list[q]][i];
        a[p][n] += w[i] * up * y;
      }
    }
    const f = solve(a);
    const bad = f ? list.filter((b, p) => !(f[p] > 0 && Number.isFinite(f[p]))) : list.slice(-1);
    if (bad.length === 0) {
      list.forEach((b, p) => (factors[b] = f![p]));
      return factors;
    }
    for (const b of bad) active.delete(b);
  }
  return factors;
}

/** Gaussian elimination with partial pivoting of the augmented n × (n + 1) system; undefined if singular. */
function solve(a: Float64Array[]): number[] | undefined {
  const n = a.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    if (!(Math.abs(a[p][c]) > 1e-300)) return undefined;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const m = a[r][c] / a[c][c];
      if (m !== 0) for (let k = c; k <= n; k++) a[r][k] -= m * a[c][k];
    }
  }
  return Array.from({ length: n }, (_, r) => a[r][n] / a[r][r]);
}
