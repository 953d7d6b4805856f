/**
 * LinkState: the aggregate link flows of an Algorithm B run with their generalized costs and
 * cost derivatives, kept current edge by edge as flow is shifted (Dial's "exact cost update").
 *
 * Terms: flow[e] = Σ over origins of the bush flow on e; cost[e] = g_e(flow[e]) and
 * der[e] = g_e'(flow[e]) with the BPR function of bpr.ts (same formula, same operation order,
 * so a refreshed edge carries exactly the bits `linkCost` would give it).
 */
import { edgeCost, edgeCostDerivative, linkCost, linkCostDerivative } from './bpr.ts';
import type { AssignmentNetwork } from './network.ts';

/** The columns of a LinkState. */
export interface LinkColumns {
  flow: Float64Array;
  cost: Float64Array;
  der: Float64Array;
}

export class LinkState implements LinkColumns {
  readonly flow: Float64Array;
  readonly cost: Float64Array;
  readonly der: Float64Array;
  private readonly net: AssignmentNetwork;

  /**
   * `shared`: every column over a SharedArrayBuffer, for worker pools to read and, when they
   * shift flow, to write. `columns`: a view over another LinkState's columns (a worker's), as
   * they are.
   */
  constructor(net: AssignmentNetwork, shared = false, columns?: LinkColumns) {
    const m = net.edgeCount;
    this.net = net;
    const column = () => new Float64Array(shared ? new SharedArrayBuffer(8 * m) : new ArrayBuffer(8 * m));
    this.flow = columns?.flow ?? column();
    this.cost = columns?.cost ?? column();
    this.der = columns?.der ?? column();
    if (!columns) this.refreshAll();
  }

  /** Recomputes cost and derivative of every edge from `flow`. */
  refreshAll(): void {
    linkCost(this.cost, this.net, this.flow);
    linkCostDerivative(this.der, this.net, this.flow);
  }

  /** Adds `delta` to the flow of edge e and recomputes its cost and derivative. */
  shift(e: number, delta: number): void {
    let v = this.flow[e] + delta;
    // Rounding may leave a sum of bush flows a hair below one of its terms; flows are never negative.
    if (v < 0) v = 0;
    this.flow[e] = v;
    this.refresh(e);
  }

  /** Recomputes cost and derivative of edge e from flow[e]. */
  refresh(e: number): void {
    const v = this.flow[e];
    this.cost[e] = edgeCost(this.net, e, v);
    this.der[e] = edgeCostDerivative(this.net, e, v);
  }
}
