/**
 * The two passes over an origin's equilibrium flows that an OD matrix estimation needs, both
 * linear in the origin's demand and exact for the route proportions of that equilibrium.
 *
 * At user equilibrium Algorithm B's bush flows split at each node in proportions that do not
 * depend on the destination (origin-paths.ts), so the share p_od(e) of the trips o→d that use
 * edge e is the product of the split shares along the way. Hence, for origin o:
 *  - forward (gradientPass): with a weight w(e) per edge, W(v) = Σ_in e f(e)/F(v) · (W(tail e) + w(e))
 *    in topological order gives W(d) = Σ_e p_od(e) w(e) for every destination d at once;
 *  - backward (loadPass): a demand change Δ(d) per destination loads Δf(e) = Σ_d Δ(d) p_od(e),
 *    walking the nodes in reverse topological order and splitting what each node receives over
 *    its in-edges by f(e)/F(v).
 * F(v) is the origin's flow into v. Each pass is O(nodes + edges) per origin; the arrays are
 * reused across origins (OdPasses holds them).
 */
import { reverseStar, type AssignmentNetwork } from '../assignment/network.ts';

export class OdPasses {
  private readonly firstIn: Uint32Array;
  private readonly inEdge: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly indeg: Uint32Array;
  private readonly acc: Float64Array;
  /** Topological order of each origin's reached nodes, kept across passes (the flows do not change). */
  private readonly orders = new Map<number, Uint32Array>();
  private order: Uint32Array = new Uint32Array(0);

  constructor(private readonly net: AssignmentNetwork) {
    const n = net.nodeCount;
    ({ firstIn: this.firstIn, inEdge: this.inEdge } = reverseStar(net));
    this.scratch = new Uint32Array(n);
    this.indeg = new Uint32Array(n);
    this.acc = new Float64Array(n);
  }

  /** Readies the passes for one origin: the topological order of the nodes its flows (at `base` of `flow`) reach, computed once per origin. */
  prepare(origin: number, flow: Float64Array, base: number): void {
    const cached = this.orders.get(origin);
    if (cached) {
      this.order = cached;
      return;
    }
    const { net, scratch: order, indeg } = this;
    const m = net.edgeCount;
    indeg.fill(0);
    for (let e = 0; e < m; e++) if (flow[base + e] > 0) indeg[net.head[e]]++;
    let len = 0;
    order[len++] = origin;
    for (let k = 0; k < len; k++) {
      const v = order[k];
      for (let e = net.firstOut[v]; e < net.firstOut[v + 1]; e++) {
        if (!(flow[base + e] > 0)) continue;
        const h = net.head[e];
        if (--indeg[h] === 0) order[len++] = h;
      }
    }
    this.order = order.slice(0, len);
    this.orders.set(origin, this.order);
  }

  /** After prepare(origin, flow, base): W(v) for every node into `out` (NaN where the origin's flows do not reach). */
  gradientPass(origin: number, flow: Float64Array, base: number, weight: Float64Array, out: Float64Array): void {
    const { firstIn, inEdge, order, net } = this;
    out.fill(NaN);
    out[origin] = 0;
    for (let k = 1; k < order.length; k++) {
      const v = order[k];
      let s = 0;
      let total = 0;
      for (let i = firstIn[v]; i < firstIn[v + 1]; i++) {
        const e = inEdge[i];
        const f = flow[base + e];
        if (f > 0) {
          s += f * (out[net.tail[e]] + weight[e]);
          total += f;
        }
      }
      out[v] = s / total;
    }
  }

  /** After prepare: adds to `load` (per edge) the flows of demand changes `delta` (per node, destinations of this origin). */
  loadPass(flow: Float64Array, base: number, delta: Float64Array, load: Float64Array): void {
    const { firstIn, inEdge, order, net, acc } = this;
    for (let k = 0; k < order.length; k++) acc[order[k]] = 0;
    for (let k = order.length - 1; k >= 1; k--) {
      const v = order[k];
      const d = delta[v] + acc[v];
      if (d === 0) continue;
      let total = 0;
      for (let i = firstIn[v]; i < firstIn[v + 1]; i++) {
        const f = flow[base + inEdge[i]];
        if (f > 0) total += f;
      }
      const r = d / total;
      for (let i = firstIn[v]; i < firstIn[v + 1]; i++) {
        const e = inEdge[i];
        const f = flow[base + e];
        if (!(f > 0)) continue;
        const x = r * f;
        load[e] += x;
        acc[net.tail[e]] += x;
      }
    }
  }
}
