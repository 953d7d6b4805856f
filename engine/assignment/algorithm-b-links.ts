/**
 * LinkState: the aggregate link flows of an Algorithm B run with their generalized costs and
 * cost derivatives, kept current edge by edge as flow is shifted (Dial's "exact cost update").
 *
 * Terms: flow[e] = Σ over origins of the bush flow on e; cost[e] = g_e(flow[e]) and
 * der[e] = g_e'(flow[e]) with the BPR function of bpr.ts (same formula, same operation order,
 * so a refreshed edge carries exactly the bits `linkCost` would give it).
 */
import { linkCost, linkCostDerivative } from './bpr.ts';
import type { AssignmentNetwork } from './network.ts';

export class LinkState {
  readonly flow: Float64Array;
  readonly cost: Float64Array;
  readonly der: Float64Array;
  private readonly net: AssignmentNetwork;

  constructor(net: AssignmentNetwork) {
    this.net = net;
    this.flow = new Float64Array(net.edgeCount);
    this.cost = new Float64Array(net.edgeCount);
    this.der = new Float64Array(net.edgeCount);
    this.refreshAll();
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

  /** Recomputes cost and derivative of edge e from flow[e] (mirrors bpr.ts). */
  refresh(e: number): void {
    const net = this.net;
    const t0 = net.freeFlowTime[e];
    const a = net.alpha[e];
    const b = net.beta[e];
    const c = net.capacity[e];
    const r = this.flow[e] / c;
    let rb: number;
    let rb1: number;
    if (b === 4) {
      rb1 = r * r * r;
      rb = r * r * (r * r);
    } else {
      rb = r === 0 ? (b === 0 ? 1 : 0) : Math.pow(r, b);
      rb1 = b === 0 || (r === 0 && b <= 1) ? 0 : Math.pow(r, b - 1);
    }
    this.cost[e] = t0 * (1 + a * rb) + net.tollFactor * net.toll[e] + net.distanceFactor * net.length[e];
    if (b === 0 || (r === 0 && b <= 1)) this.der[e] = b === 1 ? (t0 * a) / c : 0;
    else this.der[e] = ((t0 * a * b) / c) * rb1;
  }
}
