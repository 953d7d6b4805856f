/**
 * From zone OD to node OD: several demand zones may connect to the same road node (small
 * hexagons on a coarse network), while the assignment gives each zone a node of its own. This
 * merges zones that share a node, summing their rows and columns in zone order (so the result
 * is deterministic); trips between zones on one node never reach the network and are counted
 * apart.
 */
import type { OdDemand } from '../assignment/network.ts';

export interface NodeDemand {
  /** Road node of each merged zone, ascending. */
  zoneNodes: Uint32Array;
  demand: OdDemand;
  /** Trips whose origin and destination zones share a road node. */
  sameNodeTrips: number;
}

export function demandOnNodes(od: OdDemand, zoneNode: Uint32Array): NodeDemand {
  const nodes = Uint32Array.from(new Set(zoneNode)).sort();
  const slot = new Map<number, number>();
  nodes.forEach((node, k) => slot.set(node, k));
  const n = nodes.length;
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  let sameNodeTrips = 0;
  for (let o = 0; o < od.zoneCount; o++) {
    const a = slot.get(zoneNode[o])!;
    for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) {
      const b = slot.get(zoneNode[od.dest[k]])!;
      if (a === b) {
        sameNodeTrips += od.flow[k];
        continue;
      }
      rows[a].set(b, (rows[a].get(b) ?? 0) + od.flow[k]);
    }
  }
  let nnz = 0;
  for (const r of rows) nnz += r.size;
  const rowStart = new Uint32Array(n + 1);
  const dest = new Uint32Array(nnz);
  const flow = new Float64Array(nnz);
  let k = 0;
  let total = 0;
  for (let a = 0; a < n; a++) {
    rowStart[a] = k;
    for (const b of [...rows[a].keys()].sort((x, y) => x - y)) {
      dest[k] = b;
      flow[k] = rows[a].get(b)!;
      total += flow[k++];
    }
  }
  rowStart[n] = k;
  return { zoneNodes: nodes, demand: { zoneCount: n, rowStart, dest, flow, total }, sameNodeTrips };
}

/** A zone-to-zone matrix as a dense z × z Float32Array (row = origin), for the result file. */
export function denseTrips(od: OdDemand, z: number): Float32Array {
  const trips = new Float32Array(z * z);
  for (let o = 0; o < od.zoneCount; o++) for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) trips[o * z + od.dest[k]] += od.flow[k];
  return trips;
}
