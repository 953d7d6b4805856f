/**
 * The "ends" direction of OD matrix estimation: a change of whole rows and columns instead of
 * single cells. With g_od = g⁰_od · r_o · c_d, the relative changes of the factors along the
 * steepest descent of Z, each divided by its row's (column's) flow so that a large row and a
 * small one move by the same share for the same mean gradient, are
 *   a_o = Σ_d g_od ∂Z/∂g_od / Σ_d g_od        b_d = Σ_o g_od ∂Z/∂g_od / Σ_o g_od
 * and a cell changes by Δg_od = −g_od (a_o + b_d). Every cell of a row moves together: a deficit
 * seen on a counted link is spread over all the trips of the origins and destinations that feed
 * it, not only those whose routes cross that link, so parallel roads not counted move too.
 * Cells held by the mask neither count in the means nor move.
 */
import type { OdDemand } from '../assignment/network.ts';

/** Fills `coef` (aligned with g) with a_o + b_d, 0 where the cell is held or empty; returns the largest coefficient. */
export function endsCoefficients(demand: OdDemand, g: Float64Array, grad: Float64Array, coef: Float64Array, adjustable?: Uint8Array): number {
  const n = demand.zoneCount;
  const rowNum = new Float64Array(n);
  const rowDen = new Float64Array(n);
  const colNum = new Float64Array(n);
  const colDen = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let k = demand.rowStart[a]; k < demand.rowStart[a + 1]; k++) {
      if ((adjustable && !adjustable[k]) || !(g[k] > 0)) continue;
      const d = demand.dest[k];
      const x = g[k] * grad[k];
      rowNum[a] += x;
      rowDen[a] += g[k];
      colNum[d] += x;
      colDen[d] += g[k];
    }
  }
  let max = 0;
  for (let a = 0; a < n; a++) {
    const ra = rowDen[a] > 0 ? rowNum[a] / rowDen[a] : 0;
    for (let k = demand.rowStart[a]; k < demand.rowStart[a + 1]; k++) {
      if ((adjustable && !adjustable[k]) || !(g[k] > 0)) {
        coef[k] = 0;
        continue;
      }
      const d = demand.dest[k];
      const c = ra + colNum[d] / colDen[d];
      coef[k] = c;
      if (c > max) max = c;
    }
  }
  return max;
}
