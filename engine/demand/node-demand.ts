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
  const z = od.zoneCount;
  const slotOf = Int32Array.from({ length: z }, (_, o) => slot.get(zoneNode[o])!);
  // zones by node slot, ascending within a slot: each cell's flows are summed in zone order
  const groupStart = new Uint32Array(n + 1);
  for (let o = 0; o < z; o++) groupStart[slotOf[o] + 1]++;
  for (let a = 0; a < n; a++) groupStart[a + 1] += groupStart[a];
  const fill = groupStart.slice(0, n);
  const zonesBySlot = new Uint32Array(z);
  for (let o = 0; o < z; o++) zonesBySlot[fill[slotOf[o]]++] = o;
  let sameNodeTrips = 0;
  for (let o = 0; o < z; o++) for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) if (slotOf[o] === slotOf[od.dest[k]]) sameNodeTrips += od.flow[k];
  // one dense accumulator row, reset through the list of the cells it touched
  const acc = new Float64Array(n);
  const touched = new Uint32Array(n);
  const seen = new Uint8Array(n);
  const rowStart = new Uint32Array(n + 1);
  const dest = new Uint32Array(od.dest.length);
  const flow = new Float64Array(od.dest.length);
  let w = 0;
  let total = 0;
  for (let a = 0; a < n; a++) {
    rowStart[a] = w;
    let count = 0;
    for (let g = groupStart[a]; g < groupStart[a + 1]; g++) {
      const o = zonesBySlot[g];
      for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) {
        const b = slotOf[od.dest[k]];
        if (b === a) continue;
        if (seen[b] === 0) {
          seen[b] = 1;
          touched[count++] = b;
        }
        acc[b] += od.flow[k];
      }
    }
    const row = touched.subarray(0, count).sort();
    for (let i = 0; i < count; i++) {
      const b = row[i];
      dest[w] = b;
      flow[w] = acc[b];
      total += flow[w++];
      acc[b] = 0;
      seen[b] = 0;
    }
  }
  rowStart[n] = w;
  return { zoneNodes: nodes, demand: { zoneCount: n, rowStart, dest: dest.slice(0, w), flow: flow.slice(0, w), total }, sameNodeTrips };
}

/** A zone-to-zone matrix as a dense z × z Float32Array (row = origin), for the result file. */
export function denseTrips(od: OdDemand, z: number): Float32Array {
  const trips = new Float32Array(z * z);
  for (let o = 0; o < od.zoneCount; o++) for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) trips[o * z + od.dest[k]] += od.flow[k];
  return trips;
}
