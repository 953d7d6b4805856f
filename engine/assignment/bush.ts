/**
 * Bushes: the per-origin acyclic subgraphs of Algorithm B (Dial 2006), their flows, their
 * topological orders, and the min/max path labels computed over them.
 *
 * Terms: the bush of origin slot s (origin node origins[s]) is a set of edges, acyclic, holding
 * a path from the origin to every node the origin reaches. Bush flow = that origin's flow on an
 * edge. A "used" edge carries bush flow > 0. Labels (of the bush last scanned): minLabel /
 * minPred = shortest path within the bush; maxLabel / maxPred = longest path within the bush,
 * over used edges only or over all bush edges (see `scan`). Preds are positions in the slot's
 * edge list (see below), not edge ids. pos[v] = v's index in the order.
 *
 * Storage (compact, per origin): slot s holds its bush edges only, as a list grouped by head
 * in topological order, with each edge's flow beside it (edges[s·E + k], flow[s·E + k] for
 * k < size[s]), and the order of the nodes it reaches (order[s·N + k], k < orderLength[s]).
 * Bushes are nearly trees (Porto Alegre's morning peak: about one edge per reached node), so a
 * slot fills a small prefix of its region: each region is reserved at its largest size but
 * only the prefix is ever written, and untouched pages of the reservation take no memory. Ids
 * are 16-bit where every node or edge id fits (IdArray). The dense per-edge view that bush
 * updates need (membership, flow by edge id) is scratch of the thread (one per Bushes),
 * loaded from and stored back to the slot around each update.
 * Above 2 GiB of reservation the constructor refuses. Only origins with demand get a slot.
 * The per-origin columns (BushStorage) may live in SharedArrayBuffers: then every worker of a
 * pool builds its own Bushes over the same storage, with its own scratch, and works on its
 * own origins' slices.
 */
import { reverseStar, type AssignmentNetwork } from './network.ts';

/** Bush flows at most this share of the origin's demand are rounding residues (zeroed at updates). */
const RESIDUE = 1e-12;

/**
 * Node or edge ids in bush storage: 16 bits where every id fits (Porto Alegre's 14,220 nodes
 * and 31,705 edges: 64 MB less for its morning peak), else 32.
 */
export type IdArray = Uint16Array | Int32Array;

/** The per-origin columns of Bushes (see the file note), shareable between threads. */
export interface BushStorage {
  /** Slot s's flows, aligned with its edge list. */
  flow: Float64Array;
  order: IdArray;
  orderLength: Int32Array;
  edges: IdArray;
  size: Int32Array;
  demand: Float64Array;
}

/** Reserves bush storage for `slotCount` slots, over SharedArrayBuffers when `shared`; `wide` forces 32-bit ids (tests). */
export function bushStorage(net: AssignmentNetwork, slotCount: number, shared: boolean, wide = false): BushStorage {
  const n = net.nodeCount;
  const m = net.edgeCount;
  const z = slotCount;
  const nodeBytes = n <= 2 ** 16 && !wide ? 2 : 4;
  const edgeBytes = m <= 2 ** 16 && !wide ? 2 : 4;
  const bytes = (8 + edgeBytes) * z * m + nodeBytes * z * n;
  if (bytes > 2 ** 31) {
    const gib = (bytes / 2 ** 30).toFixed(1);
    throw new Error(`Algorithm B: ${z} origins × ${m} edges need ${gib} GiB of bush storage; expected at most 2 GiB (use a Frank-Wolfe method on this network)`);
  }
  // Zero-filled allocations this large are mapped lazily by the OS: a page costs memory once written.
  const buffer = (b: number) => (shared ? new SharedArrayBuffer(b) : new ArrayBuffer(b));
  const ids = (count: number, bytesEach: number): IdArray => (bytesEach === 2 ? new Uint16Array(buffer(2 * count)) : new Int32Array(buffer(4 * count)));
  return {
    flow: new Float64Array(buffer(8 * z * m)),
    order: ids(z * n, nodeBytes),
    orderLength: new Int32Array(buffer(4 * z)),
    edges: ids(z * m, edgeBytes),
    size: new Int32Array(buffer(4 * z)),
    demand: new Float64Array(buffer(8 * z)),
  };
}

export class Bushes {
  readonly origins: Int32Array;
  /** Slot s's flow on the edge at position k of its list: flow[s·E + k]. */
  readonly flow: Float64Array;
  readonly order: IdArray;
  readonly orderLength: Int32Array;
  /** Bush edges of slot s: edges[s·E .. s·E + size[s] - 1], grouped by head in topological order. */
  readonly edges: IdArray;
  readonly size: Int32Array;
  /** Total demand of slot s's origin; bush flows below RESIDUE × it count as unused. */
  readonly demand: Float64Array;
  readonly storage: BushStorage;
  readonly minLabel: Float64Array;
  readonly maxLabel: Float64Array;
  /** Positions in the scanned slot's edge list (-1: none). */
  readonly minPred: Int32Array;
  readonly maxPred: Int32Array;
  readonly pos: Int32Array;
  /** Reverse star of the network: in-edges of v are inEdge[firstIn[v] .. firstIn[v+1]-1]. */
  readonly firstIn: Uint32Array;
  readonly inEdge: Uint32Array;
  readonly net: AssignmentNetwork;
  /** Scratch, dense by edge id, of the slot being changed: membership and flow (zero between calls). */
  private readonly member: Uint8Array;
  private readonly edgeFlow: Float64Array;
  private readonly indegree: Int32Array;
  /** Scratch: shortcuts the longest-path test refused in the last update. */
  private readonly blocked: Int32Array;
  /** Scratch: shortcuts the last update added (with the kept list, the bush's edges: indegrees without an in-edge scan). */
  private readonly joined: Int32Array;

  constructor(net: AssignmentNetwork, origins: Int32Array, storage: BushStorage = bushStorage(net, origins.length, false)) {
    const n = net.nodeCount;
    const m = net.edgeCount;
    this.net = net;
    this.origins = origins;
    this.storage = storage;
    this.flow = storage.flow;
    this.order = storage.order;
    this.orderLength = storage.orderLength;
    this.edges = storage.edges;
    this.size = storage.size;
    this.demand = storage.demand;
    this.minLabel = new Float64Array(n);
    this.maxLabel = new Float64Array(n);
    this.minPred = new Int32Array(n);
    this.maxPred = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.indegree = new Int32Array(n);
    this.member = new Uint8Array(m);
    this.edgeFlow = new Float64Array(m);
    this.blocked = new Int32Array(m);
    this.joined = new Int32Array(m);
    ({ firstIn: this.firstIn, inEdge: this.inEdge } = reverseStar(net));
  }

  /**
   * Makes slot s's bush the shortest-path tree (pred, settled order from PathTree) and loads
   * the origin's demand on it: nodeDemand[v] = demand from the origin to v (consumed: zeroed).
   * Link flows are the caller's to sum (see algorithm-b.ts).
   */
  plant(s: number, pred: Int32Array, settled: Int32Array, settledCount: number, nodeDemand: Float64Array): void {
    const base = s * this.net.edgeCount;
    const orderBase = s * this.net.nodeCount;
    const tail = this.net.tail;
    const { flow, order, edges } = this;
    for (let k = 0; k < settledCount; k++) order[orderBase + k] = settled[k];
    this.orderLength[s] = settledCount;
    // One tree edge per node after the origin, listed in settled order (grouped by head);
    // demand is pushed back to the origin in reverse settled order.
    for (let k = settledCount - 1; k >= 1; k--) {
      const v = settled[k];
      const e = pred[v];
      const f = nodeDemand[v];
      nodeDemand[v] = 0;
      edges[base + k - 1] = e;
      flow[base + k - 1] = f;
      nodeDemand[tail[e]] += f;
    }
    nodeDemand[settled[0]] = 0;
    this.size[s] = Math.max(0, settledCount - 1);
    let total = 0;
    for (let k = 0; k < settledCount - 1; k++) if (tail[edges[base + k]] === settled[0]) total += flow[base + k];
    this.demand[s] = total;
  }

  /**
   * Slot s's first bush from an earlier solution (a warm start): the edges that carried the
   * origin's flow then (`weight[e] > 0`, any scale) and still lead on from the origin, plus,
   * for each node those no longer reach (a closure cut its old approach, say), its edge of the
   * shortest-path tree at the current costs (pred, settled from PathTree). The demand
   * (nodeDemand, consumed) is then pushed back to the origin in reverse topological order, split
   * at each node over its weighted in-edges in proportion to their weights (the earlier
   * solution's proportions), or onto its tree edge. Flow is conserved by construction, and the
   * bush is acyclic: a node that the old edges do not reach keeps no old out-edge, so from it
   * only tree edges lead on, into other such nodes. Returns false (the slot then left to
   * `plant`) only if that reasoning failed.
   */
  plantWarm(s: number, weight: Float64Array, pred: Int32Array, settled: Int32Array, settledCount: number, nodeDemand: Float64Array): boolean {
    const net = this.net;
    const orderBase = s * net.nodeCount;
    const { tail, head, firstOut, firstThruNode } = net;
    const { member, edgeFlow, order, firstIn, inEdge } = this;
    const origin = settled[0];
    // reached[v]: 1 = reached from the origin over old edges, 0 = not; pos is the scratch.
    const reached = this.pos;
    reached.fill(0);
    reached[origin] = 1;
    const queue = this.indegree;
    let end = 0;
    queue[end++] = origin;
    for (let read = 0; read < end; read++) {
      const u = queue[read];
      if (u < firstThruNode && u !== origin) continue;
      for (let e = firstOut[u]; e < firstOut[u + 1]; e++) {
        if (!(weight[e] > 0)) continue;
        member[e] = 1;
        const v = head[e];
        if (reached[v] === 0) {
          reached[v] = 1;
          queue[end++] = v;
        }
      }
    }
    for (let k = 1; k < settledCount; k++) {
      const v = settled[k];
      if (reached[v] === 0) member[pred[v]] = 1;
    }
    for (let k = 0; k < settledCount; k++) order[orderBase + k] = settled[k];
    this.orderLength[s] = settledCount;
    if (!this.trySort(s)) {
      member.fill(0);
      return false;
    }
    const through = this.maxLabel; // scratch: flow through each node
    for (let k = 0; k < settledCount; k++) through[settled[k]] = nodeDemand[settled[k]];
    let total = 0;
    for (let k = settledCount - 1; k >= 1; k--) {
      const v = order[orderBase + k];
      const f = through[v];
      nodeDemand[v] = 0;
      if (!(f > 0)) continue;
      let w = 0;
      if (reached[v] === 1) for (let q = firstIn[v], stop = firstIn[v + 1]; q < stop; q++) if (member[inEdge[q]] === 1) w += weight[inEdge[q]];
      if (w > 0) {
        for (let q = firstIn[v], stop = firstIn[v + 1]; q < stop; q++) {
          const e = inEdge[q];
          if (member[e] !== 1 || !(weight[e] > 0)) continue;
          const share = (f * weight[e]) / w;
          edgeFlow[e] += share;
          through[tail[e]] += share;
          if (tail[e] === origin) total += share;
        }
      } else {
        const e = pred[v];
        edgeFlow[e] += f;
        through[tail[e]] += f;
        if (tail[e] === origin) total += f;
      }
    }
    nodeDemand[origin] = 0;
    this.demand[s] = total;
    this.store(s);
    const base = s * net.edgeCount;
    for (let k = 0, size = this.size[s]; k < size; k++) edgeFlow[this.edges[base + k]] = 0;
    return true;
  }

  /**
   * Slot s's first bush straight from an earlier solution's edge list, with no search (the warm
   * scenario's fast path): edge[from .. to-1] grouped by head, heads in a topological order (as
   * a bush stores them, or a warm-start file of version 2 keeps them), weight ∝ the old flow.
   * An edge whose tail the list no longer reaches (a closure cut the old approach), or that
   * leaves another zone, is left out, and so is a head that then has no edge. The demand
   * (nodeDemand: by destination node; the caller clears it) of the nodes kept is pushed back to
   * the origin over the kept edges in reverse, split at each head by weight: one pass, no sort.
   * The bush then holds only the nodes the old flow reached; `finish` adds the rest, and
   * `route` the demand of destinations left out. Returns 'planted', 'deferred' where some
   * destination with demand was left out, or 'refused' (the slot then to be planted otherwise)
   * where the list is not grouped by head or a head with flow kept no weight.
   */
  plantOrdered(s: number, edge: Int32Array, weight: Float32Array, from: number, to: number, nodeDemand: Float64Array): 'planted' | 'deferred' | 'refused' {
    const net = this.net;
    const base = s * net.edgeCount;
    const orderBase = s * net.nodeCount;
    const { tail, head, firstThruNode } = net;
    const { order, edges, flow } = this;
    const origin = this.origins[s];
    const mark = this.pos; // 1 = in the bush so far (pos is the scratch)
    mark.fill(0);
    mark[origin] = 1;
    order[orderBase] = origin;
    let count = 1;
    let size = 0;
    let last = -1;
    for (let q = from; q < to; q++) {
      const e = edge[q];
      const u = tail[e];
      const v = head[e];
      if (mark[u] !== 1 || (u < firstThruNode && u !== origin)) continue;
      if (v !== last) {
        if (mark[v] === 1) return 'refused';
        mark[v] = 1;
        order[orderBase + count++] = v;
        last = v;
      }
      edges[base + size] = e;
      flow[base + size++] = weight[q]; // the weight until the pass below
    }
    let deferred = false;
    for (let v = 0; v < net.nodeCount; v++) if (nodeDemand[v] > 0 && mark[v] !== 1) deferred = true;
    const through = this.maxLabel; // scratch: flow through each node
    for (let k = 0; k < count; k++) through[order[orderBase + k]] = nodeDemand[order[orderBase + k]];
    let total = 0;
    for (let end = base + size; end > base; ) {
      const v = head[edges[end - 1]];
      let start = end - 1;
      while (start > base && head[edges[start - 1]] === v) start--;
      let w = 0;
      for (let k = start; k < end; k++) w += flow[k];
      const f = through[v];
      if (f > 0 && !(w > 0)) return 'refused';
      for (let k = start; k < end; k++) {
        const share = f > 0 ? (f * flow[k]) / w : 0;
        flow[k] = share;
        through[tail[edges[k]]] += share;
        if (tail[edges[k]] === origin) total += share;
      }
      end = start;
    }
    this.orderLength[s] = count;
    this.size[s] = size;
    this.demand[s] = total;
    return deferred ? 'deferred' : 'planted';
  }

  /**
   * Adds demand to slot s's bush (nodeDemand: by node, consumed), pushed back to the origin in
   * reverse topological order and split at each node over its in-edges by their flow, or all
   * onto its first in-edge where none carries flow (a node `finish` just added has one). For
   * the destinations `plantOrdered` left out, once `finish` has joined them.
   */
  route(s: number, nodeDemand: Float64Array): void {
    const base = s * this.net.edgeCount;
    const { tail, head } = this.net;
    const { edges, flow } = this;
    const through = nodeDemand;
    const origin = this.origins[s];
    let total = 0;
    for (let end = base + this.size[s]; end > base; ) {
      const v = head[edges[end - 1]];
      let start = end - 1;
      while (start > base && head[edges[start - 1]] === v) start--;
      const f = through[v];
      through[v] = 0;
      if (f > 0) {
        let w = 0;
        for (let k = start; k < end; k++) w += flow[k];
        for (let k = start; k < end; k++) {
          const share = w > 0 ? (f * flow[k]) / w : k === start ? f : 0;
          flow[k] += share;
          if (tail[edges[k]] === origin) total += share;
          else through[tail[edges[k]]] += share;
        }
      }
      end = start;
    }
    through[origin] = 0;
    this.demand[s] += total;
  }

  /** Travel cost of slot s's flows on its bush at edge costs `cost`. */
  travel(s: number, cost: Float64Array): number {
    const { edges, flow } = this;
    let sum = 0;
    for (let k = s * this.net.edgeCount, end = k + this.size[s]; k < end; k++) sum += flow[k] * cost[edges[k]];
    return sum;
  }

  /**
   * Completes a bush that `plantOrdered` planted: every node the search reached (pred, dist
   * from PathTree.distances at the current costs) that the bush lacks joins it by its tree
   * edge, with no flow, so link flows and costs stay as they are. Each new node's tree path
   * is walked up to the bush and listed from there down: a node then follows its tree parent,
   * so the order stays topological and the edge list grouped by head, without a sort.
   */
  finish(s: number, pred: Int32Array, dist: Float64Array): void {
    const net = this.net;
    const n = net.nodeCount;
    const base = s * net.edgeCount;
    const orderBase = s * n;
    const { order, edges, flow, pos } = this;
    const tail = net.tail;
    const walk = this.indegree; // scratch stack
    const len = this.orderLength[s];
    pos.fill(0); // a mark of the bush's nodes (pos holds positions from older scans)
    for (let k = 0; k < len; k++) pos[order[orderBase + k]] = 1;
    let count = len;
    let size = this.size[s];
    for (let v = 0; v < n; v++) {
      if (pos[v] === 1 || !(dist[v] < Infinity)) continue;
      let depth = 0;
      for (let u = v; pos[u] === 0; u = tail[pred[u]]) {
        pos[u] = 1;
        walk[depth++] = u;
      }
      while (depth > 0) {
        const u = walk[--depth];
        order[orderBase + count++] = u;
        edges[base + size] = pred[u];
        flow[base + size++] = 0;
      }
    }
    this.orderLength[s] = count;
    this.size[s] = size;
  }

  /** Before a scan of slot s: each bush node's position in the order, no labels or preds, the origin at 0. */
  private resetLabels(s: number): void {
    const orderBase = s * this.net.nodeCount;
    const { order, minLabel, maxLabel, minPred, maxPred, pos } = this;
    for (let k = 0, len = this.orderLength[s]; k < len; k++) {
      const v = order[orderBase + k];
      pos[v] = k;
      minLabel[v] = Infinity;
      maxLabel[v] = -Infinity;
      minPred[v] = -1;
      maxPred[v] = -1;
    }
    const origin = order[orderBase];
    minLabel[origin] = 0;
    maxLabel[origin] = 0;
  }

  /**
   * Min and max path labels of slot s's bush at edge costs `cost`, in topological order.
   * usedOnly: the max path follows only used edges (a node without a used in-edge gets
   * maxLabel -Infinity, maxPred -1); otherwise it follows every bush edge.
   */
  scan(s: number, cost: Float64Array, usedOnly: boolean): void {
    const edgeBase = s * this.net.edgeCount;
    const size = this.size[s];
    const { tail, head } = this.net;
    const { flow, edges, minLabel, maxLabel, minPred, maxPred } = this;
    this.resetLabels(s);
    // Edges are grouped by head in topological order, so a tail's labels are final when read.
    for (let k = 0; k < size; k++) {
      const e = edges[edgeBase + k];
      const u = tail[e];
      const v = head[e];
      const c = cost[e];
      const a = minLabel[u] + c;
      if (a < minLabel[v]) {
        minLabel[v] = a;
        minPred[v] = k;
      }
      if (usedOnly && flow[edgeBase + k] <= 0) continue;
      const b = maxLabel[u] + c;
      if (b > maxLabel[v]) {
        maxLabel[v] = b;
        maxPred[v] = k;
      }
    }
  }

  /**
   * Updates slot s's bush at costs `cost` (Dial 2006, with Nie 2010's shortcut test):
   * drops unused edges except the bush's shortest-path tree (so every node stays reached;
   * flows under RESIDUE of the origin's demand count as unused), then adds every edge (u, v)
   * that shortens the bush's shortest path to v and keeps the bush acyclic: maxLabel[u] <
   * maxLabel[v] (longest paths over all remaining bush edges; such labels never decrease along
   * a bush edge, so no added edge can close a cycle), or v a zone other than the origin (never
   * passed through, so no edge leaves it), or, for a shortcut the label test refused, u before v
   * in the re-sorted order. `widen` adds Nie's weaker criterion as well (a stall's way out).
   * Returns the number of edges added.
   */
  update(s: number, cost: Float64Array, widen = false): number {
    const net = this.net;
    const m = net.edgeCount;
    const base = s * m;
    const { tail, head, firstThruNode } = net;
    const { member, edgeFlow, edges, minLabel, maxLabel, pos } = this;
    const origin = this.order[s * net.nodeCount];
    // Labels outside this bush are left from other bushes; the shortcut test reads every node's.
    minLabel.fill(Infinity);
    maxLabel.fill(-Infinity);
    const kept = this.prune(s, cost);
    let added = 0;
    let backward = false;
    let blocked = 0;
    for (let e = 0; e < m; e++) {
      if (member[e] === 1) continue;
      const u = tail[e];
      if (u < firstThruNode && u !== origin) continue;
      const v = head[e];
      const lu = minLabel[u];
      if (lu === Infinity) continue;
      const lv = minLabel[v];
      // The relative margin keeps floating-point ties (equal-cost alternatives) out.
      if (!(lu + cost[e] < lv - 1e-14 * lv)) continue;
      // A zone that is not the origin is never passed through, so an edge into it closes no cycle.
      if (maxLabel[u] < maxLabel[v] || (v < firstThruNode && v !== origin)) {
        member[e] = 1;
        this.joined[added++] = e;
        if (pos[u] > pos[v]) backward = true;
      } else this.blocked[blocked++] = e;
    }
    // The order survives removals, and additions that point forward in it.
    if (backward) this.sort(s, kept, added);
    const widened = widen ? this.widen(s) : 0;
    added += widened;
    if (blocked > 0) added += this.addForwardShortcuts(s, blocked, backward || widened > 0);
    if (added > 0) this.store(s);
    else for (let k = 0; k < kept; k++) member[edges[base + k]] = 0;
    for (let k = 0, size = this.size[s]; k < size; k++) edgeFlow[edges[base + k]] = 0;
    return added;
  }

  /**
   * The first step of `update`, in one pass over slot s's edge list (grouped by head, heads in
   * topological order): at each head, its shortest-path label over all its bush edges; then its
   * edges are kept if used or on that shortest path (so every node stays reached) and dropped
   * otherwise, in place (what remains keeps its grouping and order). Rounding residues of
   * shifts count as unused: kept, they would hold long paths in the bush. The kept edges are
   * loaded into the dense scratch, and the labels left are those `scan(s, cost, false)` gives
   * on the kept edges (the shortest-path edge stays, so dropping the others leaves the
   * shortest labels as they were). Returns how many edges are kept.
   */
  private prune(s: number, cost: Float64Array): number {
    const base = s * this.net.edgeCount;
    const { tail, head } = this.net;
    const { flow, edges, member, edgeFlow, minLabel, maxLabel, minPred, maxPred } = this;
    this.resetLabels(s);
    const residue = RESIDUE * this.demand[s];
    const size = this.size[s];
    let kept = 0;
    for (let from = 0; from < size; ) {
      const v = head[edges[base + from]];
      let to = from + 1;
      while (to < size && head[edges[base + to]] === v) to++;
      let shortest = -1;
      for (let k = from; k < to; k++) {
        const e = edges[base + k];
        const a = minLabel[tail[e]] + cost[e];
        if (a < minLabel[v]) {
          minLabel[v] = a;
          shortest = k;
        }
      }
      for (let k = from; k < to; k++) {
        const e = edges[base + k];
        let f = flow[base + k];
        if (f <= residue) f = 0;
        if (f <= 0 && k !== shortest) continue;
        if (k === shortest) minPred[v] = kept;
        const b = maxLabel[tail[e]] + cost[e];
        if (b > maxLabel[v]) {
          maxLabel[v] = b;
          maxPred[v] = kept;
        }
        edges[base + kept] = e;
        flow[base + kept++] = f;
        member[e] = 1;
        edgeFlow[e] = f;
      }
      from = to;
    }
    this.size[s] = kept;
    return kept;
  }

  /**
   * Nie's weaker criterion, the way out of a stall: adds every edge along which the longest-path
   * labels (over all bush edges) rise, so the bush may reach any path that keeps it acyclic.
   * The labels must be those of the last scan over all edges; re-sorts the bush.
   */
  private widen(s: number): number {
    const net = this.net;
    const m = net.edgeCount;
    const { tail, head, firstThruNode } = net;
    const { member, minLabel, maxLabel } = this;
    const origin = this.order[s * net.nodeCount];
    let added = 0;
    for (let e = 0; e < m; e++) {
      if (member[e] === 1) continue;
      const u = tail[e];
      if ((u < firstThruNode && u !== origin) || minLabel[u] === Infinity) continue;
      if (maxLabel[u] < maxLabel[head[e]]) {
        member[e] = 1;
        added++;
      }
    }
    if (added > 0) this.sort(s);
    return added;
  }

  /**
   * Shortcuts that the longest-path test refused can still point forward in the bush's
   * topological order, and every edge that does keeps the bush acyclic. Without this second
   * chance a bush whose longest paths wander (unused tree edges kept for reachability) can keep
   * a shortest path far longer than the network's for ever: Terrassa stalled at gap 8.8e-5.
   */
  private addForwardShortcuts(s: number, count: number, reordered: boolean): number {
    const { tail, head } = this.net;
    const { member, pos, blocked } = this;
    if (reordered) {
      const orderBase = s * this.net.nodeCount;
      for (let k = 0, len = this.orderLength[s]; k < len; k++) pos[this.order[orderBase + k]] = k;
    }
    let added = 0;
    for (let k = 0; k < count; k++) {
      const e = blocked[k];
      if (member[e] === 0 && pos[tail[e]] < pos[head[e]]) {
        member[e] = 1;
        added++;
      }
    }
    return added;
  }

  /**
   * Topological order of slot s's bush in the dense scratch (Kahn's algorithm; the order array
   * is the queue). With `kept` and `joined`, the bush's edges are the first `kept` of its list and
   * the first `joined` of the joined scratch, and indegrees are counted from them (the same
   * counts, without a scan of every node's in-edges).
   */
  private sort(s: number, kept?: number, joined?: number): void {
    if (!this.trySort(s, kept, joined)) {
      const len = this.orderLength[s];
      throw new Error(`Algorithm B: the bush of origin ${this.origins[s] + 1} lost its acyclic order (fewer than ${len} nodes sorted)`);
    }
  }

  /** As `sort`; false (the order then undefined) when the bush holds a cycle. */
  private trySort(s: number, kept?: number, joined?: number): boolean {
    const net = this.net;
    const orderBase = s * net.nodeCount;
    const len = this.orderLength[s];
    const { firstOut, head } = net;
    const { member, order, indegree, firstIn, inEdge } = this;
    if (kept !== undefined && joined !== undefined) {
      for (let k = 0; k < len; k++) indegree[order[orderBase + k]] = 0;
      const base = s * net.edgeCount;
      for (let k = 0; k < kept; k++) indegree[head[this.edges[base + k]]]++;
      for (let k = 0; k < joined; k++) indegree[head[this.joined[k]]]++;
    } else {
      for (let k = 0; k < len; k++) {
        const v = order[orderBase + k];
        let d = 0;
        for (let q = firstIn[v], end = firstIn[v + 1]; q < end; q++) d += member[inEdge[q]];
        indegree[v] = d;
      }
    }
    let write = orderBase + 1;
    for (let read = orderBase; read < write; read++) {
      const u = order[read];
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        if (member[e] === 0) continue;
        const v = head[e];
        if (--indegree[v] === 0) order[write++] = v;
      }
    }
    return write - orderBase === len;
  }

  /**
   * Writes the dense scratch back as slot s's edge list (bush edges grouped by head, heads in
   * topological order) with their flows, and clears the membership scratch (not the flows).
   */
  private store(s: number): void {
    const base = s * this.net.edgeCount;
    const orderBase = s * this.net.nodeCount;
    const len = this.orderLength[s];
    const { member, edgeFlow, order, edges, flow, firstIn, inEdge } = this;
    let count = base;
    for (let k = 1; k < len; k++) {
      const v = order[orderBase + k];
      for (let q = firstIn[v], end = firstIn[v + 1]; q < end; q++) {
        const e = inEdge[q];
        if (member[e] === 1) {
          member[e] = 0;
          edges[count] = e;
          flow[count++] = edgeFlow[e];
        }
      }
    }
    this.size[s] = count - base;
  }
}
