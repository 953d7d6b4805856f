/**
 * The demand side of mode choice: person trips per zone pair behind the demand model's car
 * trips, and the car OD matrix that a mode split leaves.
 *
 * The demand model makes car trips (engine/demand/: person trips × a vehicle share). Here the
 * person trips of a pair are its car trips / the target car share, so a split that reproduces
 * the targets keeps the demand model's car total while moving short pairs to walking and
 * pairs well served by bus to the bus. Pairs between the zones listed (`cells`: the demand
 * model's hexagon zones) are split; trips to or from any other zone (highway gateways) stay car.
 */
import type { OdDemand } from '../assignment/network.ts';

/** Index of each zone in `cells` (−1 for zones not listed). */
export function cellIndex(zoneCount: number, cells: ArrayLike<number>): Int32Array {
  const at = new Int32Array(zoneCount).fill(-1);
  for (let i = 0; i < cells.length; i++) at[cells[i]] = i;
  return at;
}

/** Person trips per cell pair, origin-major over `cells` (n × n). */
export function personTrips(od: OdDemand, cells: ArrayLike<number>, carShare: number): Float64Array {
  const n = cells.length;
  const at = cellIndex(od.zoneCount, cells);
  const out = new Float64Array(n * n);
  for (let o = 0; o < od.zoneCount; o++) {
    if (at[o] < 0) continue;
    for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) {
      const d = at[od.dest[k]];
      if (d >= 0) out[at[o] * n + d] += od.flow[k] / carShare;
    }
  }
  return out;
}

/** The OD matrix with each cell pair's car trips = persons × car share of the pair (same layout as `od`). */
export function carDemand(od: OdDemand, cells: ArrayLike<number>, persons: Float64Array, carShare: Float64Array): OdDemand {
  const n = cells.length;
  const at = cellIndex(od.zoneCount, cells);
  const flow = od.flow.slice();
  let total = 0;
  for (let o = 0; o < od.zoneCount; o++) {
    for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) {
      const a = at[o];
      const d = at[od.dest[k]];
      if (a >= 0 && d >= 0) flow[k] = persons[a * n + d] * carShare[a * n + d];
      total += flow[k];
    }
  }
  return { ...od, flow, total };
}
