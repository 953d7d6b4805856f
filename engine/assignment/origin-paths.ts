/**
 * Paths drawn from an equilibrium's origin-based link flows (Algorithm B's bush flows), so that
 * individual trips reproduce the equilibrium's split of flow over its many equal-cost paths.
 *
 * Why: at user equilibrium every used path of an OD pair costs the same, so a shortest path
 * on the equilibrium link costs picks one of them and sends the whole OD pair down it. Drawn
 * trip by trip, such routes pile onto single corridors (on Porto Alegre's morning peak some
 * planned links got over three times their equilibrium flow), which a queue model cannot
 * carry. Drawing each trip's path from the origin's flows instead gives expected link flows
 * equal to the equilibrium's.
 *
 * Terms: for origin o, f_o(e) is o's flow on edge e (acyclic by construction). A path from o
 * to d is drawn *backward*: at node v (starting at d) the in-edge e is picked with probability
 * f_o(e) / Σ f_o(in-edges of v), until the walk reaches o. Summed over o's destinations, the
 * expected flow of every edge equals f_o(e) (the split at v is the same whatever lies beyond
 * it: the proportionality condition of origin-based assignment). The draws come from a
 * counter-based hash of (seed, trip, step): the same trip always gets the same path.
 */
import { reverseStar, type AssignmentNetwork } from './network.ts';
import type { OriginFlows } from './origin-flows.ts';

export type { OriginFlows } from './origin-flows.ts';

export class OriginPathSampler {
  private readonly slotOfZone: Int32Array;
  private readonly firstIn: Uint32Array;
  private readonly inEdge: Uint32Array;

  constructor(
    private readonly net: AssignmentNetwork,
    private readonly flows: OriginFlows,
  ) {
    this.slotOfZone = new Int32Array(net.zoneCount).fill(-1);
    flows.origins.forEach((zone, s) => (this.slotOfZone[zone] = s));
    ({ firstIn: this.firstIn, inEdge: this.inEdge } = reverseStar(net));
  }

  /**
   * The edges of a path from zone o to zone d, origin first, appended to `out`; `draw(step)`
   * gives a uniform number in [0, 1). Returns the number of edges, or 0 when o's flows do not
   * reach d (no demand from o to d in the equilibrium): the caller routes such trips another way.
   */
  path(o: number, d: number, draw: (step: number) => number, out: number[]): number {
    const s = this.slotOfZone[o];
    if (s < 0 || o === d) return 0;
    const { net, firstIn, inEdge } = this;
    // Cheap when paths come origin by origin (the flows' scratch holds the last slot).
    const flow = this.flows.slotFlow(s);
    const base = 0;
    const start = out.length;
    let v = d;
    for (let step = 0; v !== o; step++) {
      if (step > net.nodeCount) throw new Error(`origin ${o}: its flows hold a cycle through node ${v}`);
      let total = 0;
      for (let i = firstIn[v]; i < firstIn[v + 1]; i++) {
        const f = flow[base + inEdge[i]];
        if (f > 0) total += f;
      }
      if (!(total > 0)) {
        out.length = start;
        return 0;
      }
      let r = draw(step) * total;
      let pick = -1;
      for (let i = firstIn[v]; i < firstIn[v + 1]; i++) {
        const f = flow[base + inEdge[i]];
        if (!(f > 0)) continue;
        pick = inEdge[i];
        if ((r -= f) < 0) break;
      }
      out.push(pick);
      v = net.tail[pick];
    }
    // walked backward: put the origin's edge first
    const reversed = out.slice(start).reverse();
    for (let i = 0; i < reversed.length; i++) out[start + i] = reversed[i];
    return reversed.length;
  }
}
