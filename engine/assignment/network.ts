/**
 * AssignmentNetwork: what every assignment method reads. A CSR graph (edges sorted by tail)
 * with BPR link-performance columns and the zones. All columns are typed arrays, allocated
 * over SharedArrayBuffers so workers can read them without copying.
 *
 * Terms: zones are nodes 0 .. zoneCount-1 (TNTP numbers them 1..zoneCount; ids here are
 * 0-based). Nodes below `firstThruNode` may start or end paths but never be passed through
 * (TNTP's FIRST THRU NODE, 0-based here). Link travel time: t(v) = t0 · (1 + alpha · (v/c)^beta).
 * Generalized cost = time + tollFactor · toll + distanceFactor · length. With a `preload` p the
 * time is t(p + v): the background flow congests the link but is not assigned.
 */
export interface AssignmentNetwork {
  nodeCount: number;
  edgeCount: number;
  zoneCount: number;
  /** 0-based; nodes with id < firstThruNode cannot be passed through. */
  firstThruNode: number;
  firstOut: Uint32Array; // nodeCount + 1
  tail: Uint32Array;
  head: Uint32Array;
  freeFlowTime: Float64Array; // t0, in the network's time unit (TNTP: minutes; cities: seconds)
  capacity: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  toll: Float64Array;
  length: Float64Array;
  tollFactor: number;
  distanceFactor: number;
  /**
   * Fixed background flow per edge (buses in passenger-car equivalents per hour, say): it
   * enters the link time as t(preload + v) but is never routed; absent means none.
   */
  preload?: Float64Array;
}

/** Origin-destination demand, sparse by origin: destinations of origin o are dest[rowStart[o] .. rowStart[o+1]-1]. */
export interface OdDemand {
  zoneCount: number;
  rowStart: Uint32Array; // zoneCount + 1
  dest: Uint32Array; // 0-based zone ids
  flow: Float64Array;
  total: number;
}

/** The reverse star of a CSR network: the in-edges of node v are inEdge[firstIn[v] .. firstIn[v+1]-1], in edge order. */
export function reverseStar(net: Pick<AssignmentNetwork, 'nodeCount' | 'edgeCount' | 'head'>): { firstIn: Uint32Array; inEdge: Uint32Array } {
  const n = net.nodeCount;
  const firstIn = new Uint32Array(n + 1);
  for (let e = 0; e < net.edgeCount; e++) firstIn[net.head[e] + 1]++;
  for (let v = 0; v < n; v++) firstIn[v + 1] += firstIn[v];
  const fill = firstIn.slice(0, n);
  const inEdge = new Uint32Array(net.edgeCount);
  for (let e = 0; e < net.edgeCount; e++) inEdge[fill[net.head[e]]++] = e;
  return { firstIn, inEdge };
}

/** Whether the generalized cost is the travel time alone (no toll or distance term on any edge). */
export function costIsTravelTime(net: Pick<AssignmentNetwork, 'edgeCount' | 'toll' | 'length' | 'tollFactor' | 'distanceFactor'>): boolean {
  for (let e = 0; e < net.edgeCount; e++) if (net.tollFactor * net.toll[e] !== 0 || net.distanceFactor * net.length[e] !== 0) return false;
  return true;
}
