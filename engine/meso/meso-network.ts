/**
 * MesoNetwork: the per-link constants of the queue model, derived once from a RoadGraph.
 *
 * Terms (MATSim's queue model): a link's *free-flow time* is the whole number of 1 s steps a
 * vehicle needs to cross it (at least 1); its *flow capacity* is how many vehicles may leave it
 * per step (capacityVph / 3600, accumulated fractionally: a link of 0.25 veh/s lets one vehicle
 * out every 4 s); its *storage* is how many vehicles fit on it at once,
 * floor(length × lanes / VEHICLE_SPACE_M), raised to capacity × free-flow time so that storage
 * never limits a link's free-flowing throughput (MATSim does the same), and to at least 1.
 * Links with no capacity (capacityVph ≤ 0 or not finite) are *closed*: routes avoid them.
 * A link's ring buffer has OVERFILL × storage slots: room for vehicles squeezed in past its
 * storage when they were stuck upstream (queue-sim.ts).
 * `inFirst`/`inLink` list each node's incoming links (a reverse CSR), the merge order's input.
 */
import type { RoadGraph } from '../graph/road-graph.ts';

/** Road length one vehicle occupies in a standing queue, metres (car plus gap; MATSim's 7.5 m). */
export const VEHICLE_SPACE_M = 7.5;
/** A link holds at most this many times its storage, counting vehicles squeezed in (queue-sim.ts). */
export const OVERFILL = 2;

export interface MesoNetwork {
  nodeCount: number;
  linkCount: number;
  firstOut: Uint32Array;
  tail: Uint32Array;
  head: Uint32Array;
  lengthM: Float64Array;
  /** Free-flow crossing time in whole steps (≥ 1). */
  fftSteps: Int32Array;
  /** Vehicles per step that may leave the link (0 on closed links). */
  flowPerStep: Float64Array;
  /** Vehicles the link holds at most. */
  storage: Int32Array;
  /** Start of each link's ring buffer in the shared queue pool; ring of link e has ringSize[e] = OVERFILL × storage[e] slots. */
  ringStart: Int32Array;
  ringSize: Int32Array;
  ringTotal: number;
  inFirst: Uint32Array;
  inLink: Uint32Array;
  /** Links with capacityVph ≤ 0 (or not a number): closed to traffic. */
  closedLinks: number;
}

export function mesoNetwork(graph: RoadGraph): MesoNetwork {
  const n = graph.nodeCount;
  const m = graph.edgeCount;
  const fftSteps = new Int32Array(m);
  const flowPerStep = new Float64Array(m);
  const storage = new Int32Array(m);
  const ringStart = new Int32Array(m);
  const ringSize = new Int32Array(m);
  let closed = 0;
  let ring = 0;
  for (let e = 0; e < m; e++) {
    const fft = graph.freeFlowS[e];
    fftSteps[e] = Number.isFinite(fft) && fft > 1 ? Math.round(fft) : 1;
    const cap = graph.capacityVph[e];
    const open = Number.isFinite(cap) && cap > 0;
    if (!open) closed++;
    flowPerStep[e] = open ? cap / 3600 : 0;
    const lanes = Math.max(1, graph.lanes[e]);
    const space = Math.floor((graph.lengthM[e] * lanes) / VEHICLE_SPACE_M);
    storage[e] = Math.max(1, space, Math.ceil(flowPerStep[e] * fftSteps[e]));
    ringStart[e] = ring;
    ringSize[e] = OVERFILL * storage[e];
    ring += ringSize[e];
  }
  const inFirst = new Uint32Array(n + 1);
  for (let e = 0; e < m; e++) inFirst[graph.head[e] + 1]++;
  for (let v = 0; v < n; v++) inFirst[v + 1] += inFirst[v];
  const fill = inFirst.slice(0, n);
  const inLink = new Uint32Array(m);
  for (let e = 0; e < m; e++) inLink[fill[graph.head[e]]++] = e;
  return {
    nodeCount: n,
    linkCount: m,
    firstOut: graph.firstOut,
    tail: graph.tail,
    head: graph.head,
    lengthM: graph.lengthM,
    fftSteps,
    flowPerStep,
    storage,
    ringStart,
    ringSize,
    ringTotal: ring,
    inFirst,
    inLink,
    closedLinks: closed,
  };
}

/** Routing cost per link: free-flow seconds, Infinity on closed links. */
export function freeFlowCost(net: MesoNetwork): Float64Array {
  const cost = new Float64Array(new SharedArrayBuffer(8 * net.linkCount));
  for (let e = 0; e < net.linkCount; e++) cost[e] = net.flowPerStep[e] > 0 ? net.fftSteps[e] : Infinity;
  return cost;
}
