/**
 * PathTree: one-to-all shortest paths over an AssignmentNetwork for Algorithm B — the free-flow
 * trees that seed the bushes (routing/dijkstra.ts, whose settling order is a topological order
 * of the tree: the first bush of an origin needs exactly that) and the fresh all-or-nothing
 * search behind the relative gap.
 *
 * Terms: dist[v] = cost of a shortest path from the origin (Infinity if none); pred[v] = last
 * edge of that path (-1 at the origin and unreached nodes); settled[0 .. settledCount-1] =
 * reached nodes by non-decreasing dist, origin first. Nodes with id < firstThruNode other than
 * the origin are reached but never expanded (TNTP's first-thru-node rule).
 *
 * `distances` is the search behind the gap check: a label-correcting search with Pape's deque
 * (D'Esopo–Pape, tap-b's default). It leaves `dist` and `pred` as Dijkstra would (up to ties)
 * but no settled order; it was 3× faster than the heap on Anaheim. Its worst case is
 * exponential in theory, never met on road networks.
 */
import { Dijkstra } from '../routing/dijkstra.ts';
import type { AssignmentNetwork } from './network.ts';

/** What the searches read: a CSR graph whose nodes below firstThruNode are never passed through (0: none). */
export type SearchGraph = Pick<AssignmentNetwork, 'nodeCount' | 'firstOut' | 'head' | 'firstThruNode'>;

export class PathTree {
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  readonly settled: Int32Array;
  settledCount = 0;
  private readonly tree: Dijkstra;
  private readonly deque: Int32Array;
  /** Per node: 0 = never queued, 1 = in the deque, 2 = was queued and left it. */
  private readonly state: Uint8Array;
  private readonly net: SearchGraph;

  constructor(net: SearchGraph) {
    this.net = net;
    this.tree = new Dijkstra(net.nodeCount);
    // the tree's own arrays: no copy after a search
    this.dist = this.tree.dist;
    this.pred = this.tree.pred;
    this.settled = this.tree.order;
    this.deque = new Int32Array(net.nodeCount);
    this.state = new Uint8Array(net.nodeCount);
  }

  /** Shortest paths from `origin` at edge costs `cost`; dist is Infinity and pred -1 where not reached. */
  run(origin: number, cost: Float64Array): void {
    const { tree, dist, pred } = this;
    this.settledCount = tree.tree(this.net, cost, origin, this.net.firstThruNode);
    for (let v = 0, n = this.net.nodeCount; v < n; v++) {
      if (!tree.reached(v)) {
        dist[v] = Infinity;
        pred[v] = -1;
      }
    }
  }

  /** Shortest-path distances and preds from `origin` (no settled order; see the file note). */
  distances(origin: number, cost: Float64Array): void {
    const { firstOut, head, firstThruNode, nodeCount: n } = this.net;
    const { dist, pred, deque, state } = this;
    dist.fill(Infinity);
    pred.fill(-1);
    state.fill(0);
    let first = 0;
    let end = 1;
    let size = 1;
    dist[origin] = 0;
    deque[0] = origin;
    state[origin] = 1;
    while (size > 0) {
      const u = deque[first];
      first = first + 1 === n ? 0 : first + 1;
      size--;
      state[u] = 2;
      if (u < firstThruNode && u !== origin) continue;
      const du = dist[u];
      for (let e = firstOut[u], stop = firstOut[u + 1]; e < stop; e++) {
        const v = head[e];
        const d = du + cost[e];
        if (d >= dist[v]) continue;
        dist[v] = d;
        pred[v] = e;
        const sv = state[v];
        if (sv === 0) {
          deque[end] = v;
          end = end + 1 === n ? 0 : end + 1;
          size++;
          state[v] = 1;
        } else if (sv === 2) {
          // A node seen before goes to the front: its successors are likely to improve too.
          first = first === 0 ? n - 1 : first - 1;
          deque[first] = v;
          size++;
          state[v] = 1;
        }
      }
    }
  }
}
