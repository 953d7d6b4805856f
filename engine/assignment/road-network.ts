/**
 * From a RoadGraph (an imported city or a stand-in) to the AssignmentNetwork the assignment
 * methods read, with zones laid out the TNTP way so the same code serves both.
 *
 * Zone mapping: zone z gets its own centroid node z (ids 0..Z-1, so firstThruNode = Z and no
 * path passes through a centroid); road node i becomes node Z + i. Each centroid is joined
 * to its road node `zoneNodes[z]` by two connectors (centroid → road, road → centroid) of
 * zero cost and unbounded capacity (alpha 0), so connectors never congest and add nothing to
 * travel times. Road edges keep their free-flow time in seconds, capacity in veh/h and length
 * in metres, with BPR alpha 0.15, beta 4. `roadEdge[e]` is the road edge behind assignment
 * edge e (-1 for a connector); `roadEdgeFlows` folds assignment flows back onto the graph.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import type { AssignmentNetwork } from './network.ts';

export type RoadAssignmentNetwork = AssignmentNetwork & {
  /** Road node of each zone. */
  zoneNodes: Uint32Array;
  /** Road edge behind each assignment edge, -1 for connectors. */
  roadEdge: Int32Array;
};

export const ROAD_BPR = { alpha: 0.15, beta: 4 } as const;

/** Capacity given to connectors; with alpha 0 only its being finite and positive matters. */
const CONNECTOR_CAPACITY = 1e9;

export function roadAssignmentNetwork(graph: RoadGraph, zoneNodes: ArrayLike<number>): RoadAssignmentNetwork {
  const z = zoneNodes.length;
  const seen = new Set<number>();
  for (let k = 0; k < z; k++) {
    const v = zoneNodes[k];
    if (!Number.isInteger(v) || v < 0 || v >= graph.nodeCount) throw new Error(`zone ${k}: road node ${v} is not a node of the graph (0..${graph.nodeCount - 1})`);
    if (seen.has(v)) throw new Error(`zone ${k}: road node ${v} is already the node of another zone`);
    seen.add(v);
  }
  const n = z + graph.nodeCount;
  const m = graph.edgeCount + 2 * z;
  // Centroids attached at each road node, for the road → centroid connectors.
  const zonesAt = new Map<number, number>();
  for (let k = 0; k < z; k++) zonesAt.set(zoneNodes[k], k);

  const buf = (bytes: number) => new SharedArrayBuffer(bytes);
  const net: RoadAssignmentNetwork = {
    nodeCount: n,
    edgeCount: m,
    zoneCount: z,
    firstThruNode: z,
    firstOut: new Uint32Array(buf(4 * (n + 1))),
    tail: new Uint32Array(buf(4 * m)),
    head: new Uint32Array(buf(4 * m)),
    freeFlowTime: new Float64Array(buf(8 * m)),
    capacity: new Float64Array(buf(8 * m)),
    alpha: new Float64Array(buf(8 * m)),
    beta: new Float64Array(buf(8 * m)),
    toll: new Float64Array(buf(8 * m)),
    length: new Float64Array(buf(8 * m)),
    tollFactor: 0,
    distanceFactor: 0,
    zoneNodes: Uint32Array.from(zoneNodes),
    roadEdge: new Int32Array(m),
  };
  let e = 0;
  const connector = (from: number, to: number) => {
    net.tail[e] = from;
    net.head[e] = to;
    net.capacity[e] = CONNECTOR_CAPACITY;
    net.roadEdge[e] = -1;
    e++;
  };
  for (let k = 0; k < z; k++) {
    net.firstOut[k] = e;
    connector(k, z + zoneNodes[k]);
  }
  for (let i = 0; i < graph.nodeCount; i++) {
    net.firstOut[z + i] = e;
    for (let r = graph.firstOut[i]; r < graph.firstOut[i + 1]; r++, e++) {
      const cap = graph.capacityVph[r];
      if (!(cap > 0)) throw new Error(`road edge ${r} (OSM way ${graph.osmWayId[r]}): capacity ${cap} veh/h, expected > 0`);
      net.tail[e] = z + i;
      net.head[e] = z + graph.head[r];
      net.freeFlowTime[e] = graph.freeFlowS[r];
      net.capacity[e] = cap;
      net.alpha[e] = ROAD_BPR.alpha;
      net.beta[e] = ROAD_BPR.beta;
      net.length[e] = graph.lengthM[r];
      net.roadEdge[e] = r;
    }
    const k = zonesAt.get(i);
    if (k !== undefined) connector(z + i, k);
  }
  net.firstOut[n] = e;
  return net;
}

/** Multiplies the road edges' capacities by `factor` (a period's capacity factor, engine/demand/time-of-day.ts); connectors keep theirs. */
export function scaleRoadCapacity(net: RoadAssignmentNetwork, factor: number): RoadAssignmentNetwork {
  if (factor !== 1) for (let e = 0; e < net.edgeCount; e++) if (net.roadEdge[e] >= 0) net.capacity[e] *= factor;
  return net;
}

/** Sums assignment flows onto road edges: out[r] = flow on the assignment edge of road edge r. */
export function roadEdgeFlows(out: Float64Array, net: RoadAssignmentNetwork, flow: Float64Array): Float64Array {
  out.fill(0);
  for (let e = 0; e < net.edgeCount; e++) {
    const r = net.roadEdge[e];
    if (r >= 0) out[r] += flow[e];
  }
  return out;
}
