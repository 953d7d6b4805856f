/**
 * Reconnecting demand to an applied graph: where each zone's (and each trip end's) road node
 * is once a scenario's interventions have changed the streets.
 *
 * The base graph is one strongly connected piece. A closure can leave pieces that cannot be
 * left or reached: a cul-de-sac whose only way out was closed is an *island*. The *open
 * network* is every strongly connected piece of the applied graph holding at least
 * ISLAND_SHARE of its nodes, so a closure that cuts a city in two leaves two open pieces.
 *
 * A zone keeps its base node when the edge it connected to is still in the graph and that
 * node lies on the open network. Otherwise it reconnects by the same rule as its base
 * connection (engine/demand/zones.ts connectionOf: the nearest street of a loading class,
 * else the nearest edge, then its nearer end), among open edges only, the loading street
 * searched wider (connect). Trips are then
 * unreachable only between zones on different open pieces (truly disconnected), or from a
 * zone with no open street within RECONNECT_MAX_M (it keeps its base node and its trips are
 * counted unreachable).
 *
 * Node ids: applyScenario keeps every base node with its id, so base and applied node ids agree.
 */
import { connectionOf, isLoadingClass, LOADING_SEARCH, type Zones } from '../demand/zones.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { stronglyConnectedComponents } from '../graph/strongly-connected.ts';
import type { EdgeHit, EdgeIndex } from '../spatial/edge-index.ts';

/** A strongly connected piece with fewer than this share of the graph's nodes is an island. */
export const ISLAND_SHARE = 0.01;
/** How far from its centre a zone may reconnect, metres (the larger of the zone rules' reach). */
export const RECONNECT_MAX_M = 2000;
/** Nearest edges searched when the first LOADING_SEARCH hold no open one (a wide closed area). */
const WIDE_SEARCH = 1024;

export interface Reconnection {
  /** Node of each zone on the applied graph. */
  zoneNode: Uint32Array;
  /** Zones that moved to another street, and those with no open street in reach. */
  moved: number;
  stranded: number;
}

export class OpenNetwork {
  readonly graph: RoadGraph;
  /** Open piece of each node, -1 on an island or without edges. */
  readonly piece: Int32Array;
  /** Open pieces (1 when the closures cut nothing off). */
  readonly pieces: number;

  constructor(
    graph: RoadGraph,
    private readonly index: EdgeIndex,
  ) {
    this.graph = graph;
    const comps = stronglyConnectedComponents(graph.nodeCount, graph.firstOut, graph.head);
    const min = Math.max(2, Math.ceil(ISLAND_SHARE * graph.nodeCount));
    const pieceOf = new Int32Array(comps.count).fill(-1);
    let pieces = 0;
    for (let c = 0; c < comps.count; c++) if (comps.size[c] >= min) pieceOf[c] = pieces++;
    this.piece = Int32Array.from(comps.componentOf, (c) => pieceOf[c]);
    this.pieces = pieces;
  }

  /** Whether edge e lies on the open network (both ends on one open piece). */
  isOpenEdge(e: number): boolean {
    const p = this.piece[this.graph.tail[e]];
    return p >= 0 && p === this.piece[this.graph.head[e]];
  }

  /**
   * The node a point connects to by the zone rule among open edges, or -1 when none lies within
   * RECONNECT_MAX_M. The rule's preference for a street of a loading class is searched wider
   * than at the base connection (WIDE_SEARCH edges) before any open edge will do: a closed
   * avenue's zone would otherwise land on the parking aisle beside it and send a whole cell's
   * traffic through a 300 veh/h service way.
   */
  connect(lon: number, lat: number): number {
    let any: EdgeHit | undefined;
    for (const k of [LOADING_SEARCH, WIDE_SEARCH]) {
      const near = this.index.nearestEdges(lon, lat, k, RECONNECT_MAX_M).filter((h) => this.isOpenEdge(h.edge));
      const hit = connectionOf(this.graph, near);
      any ??= hit;
      if (hit && isLoadingClass(this.graph.roadClass[hit.edge])) return this.end(hit);
      if (near.length < k) break;
    }
    return any ? this.end(any) : -1;
  }

  private end(hit: EdgeHit): number {
    return hit.fraction < 0.5 ? this.graph.tail[hit.edge] : this.graph.head[hit.edge];
  }

  /** A node's stand-in: itself when on the open network, else the node the rule connects its position to (itself when none). */
  node(v: number): number {
    if (this.piece[v] >= 0) return v;
    const w = this.connect(this.graph.nodeLon[v], this.graph.nodeLat[v]);
    return w >= 0 ? w : v;
  }
}

/**
 * Each zone's node on the applied graph. `appliedEdgeOf[b]` is the applied edge behind base edge
 * b (-1 when removed), the inverse of AppliedScenario.baseEdge.
 */
export function reconnectZones(zones: Pick<Zones, 'count' | 'node' | 'edge' | 'lon' | 'lat'>, open: OpenNetwork, appliedEdgeOf: Int32Array): Reconnection {
  const zoneNode = new Uint32Array(zones.count);
  let moved = 0;
  let stranded = 0;
  for (let z = 0; z < zones.count; z++) {
    const v = zones.node[z];
    const b = zones.edge[z];
    const kept = open.piece[v] >= 0 && (b < 0 || appliedEdgeOf[b] >= 0);
    if (kept) {
      zoneNode[z] = v;
      continue;
    }
    const w = open.connect(zones.lon[z], zones.lat[z]);
    if (w < 0) stranded++;
    else if (w !== v) moved++;
    zoneNode[z] = w >= 0 ? w : v;
  }
  return { zoneNode, moved, stranded };
}

/** The inverse of AppliedScenario.baseEdge: applied edge of each base edge, -1 where removed. */
export function appliedEdges(baseEdgeCount: number, baseEdge: Int32Array): Int32Array {
  const out = new Int32Array(baseEdgeCount).fill(-1);
  for (let e = 0; e < baseEdge.length; e++) if (baseEdge[e] >= 0) out[baseEdge[e]] = e;
  return out;
}

/**
 * Trip ends on the applied graph: an end at its zone's base node goes where the zone went
 * (reconnect.ts); another end (an event venue) keeps its node when it is on the open network,
 * else connects by the zone rule from its position.
 */
export function endsOnApplied(baseNode: Uint32Array, zone: Uint32Array, zoneBaseNode: Uint32Array, zoneNode: Uint32Array, open: OpenNetwork | undefined): Uint32Array {
  if (!open) return baseNode;
  return Uint32Array.from(baseNode, (v, t) => (zoneBaseNode[zone[t]] === v ? zoneNode[zone[t]] : open.node(v)));
}
