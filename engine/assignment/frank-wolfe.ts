/**
 * Frank-Wolfe (FW) and its conjugate (CFW) and bi-conjugate (BFW) variants (Mitradjieva &
 * Lindberg 2013, "The stiff is moving — conjugate direction Frank-Wolfe methods with
 * application to traffic assignment", Transportation Science 47(2)).
 *
 * Terms: x = current link flows, y = AON target at costs g(x), s_k = the target actually
 * used (FW: y; CFW: α·s_{k-1} + (1−α)·y; BFW: β0·y + β1·s_{k-1} + β2·s_{k-2}), direction
 * d = s_k − x, step τ_k from the exact line search. H = diag(g'(x)) stands in for the
 * Hessian of the Beckmann objective. The conjugate weights make d_k H-conjugate to the
 * previous one (CFW) or two (BFW) directions. Safeguards: CFW clamps α to [0, 1−δ]; any
 * weight with a zero denominator, a previous full step (τ = 1, history spent), or a
 * combined direction that is not a descent direction falls back to the plain FW target.
 */
import { linkCostDerivative } from './bpr.ts';
import { lineSearch } from './line-search.ts';
import { runLinkBased, type StepRule } from './link-based.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import type { AssignmentOptions, AssignmentResult } from './result.ts';

export type FrankWolfeVariant = 'fw' | 'cfw' | 'bfw';

/** Upper bound 1 − δ on the CFW weight of the previous target. */
const CFW_MAX_ALPHA = 1 - 1e-6;

export function frankWolfe(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions, variant: FrankWolfeVariant = 'fw'): Promise<AssignmentResult> {
  return runLinkBased(net, demand, options, variant, new ConjugateRule(net, variant));
}

class ConjugateRule implements StepRule {
  private s: Float64Array;
  private s1: Float64Array; // s_{k-1}
  private s2: Float64Array; // s_{k-2}
  private readonly d: Float64Array;
  private readonly h: Float64Array;
  private tau1 = 0; // τ_{k-1}
  private history = 0; // previous targets usable (0, 1 or 2)

  constructor(
    private readonly net: AssignmentNetwork,
    private readonly variant: FrankWolfeVariant,
  ) {
    const m = net.edgeCount;
    this.s = new Float64Array(m);
    this.s1 = new Float64Array(m);
    this.s2 = new Float64Array(m);
    this.d = new Float64Array(m);
    this.h = new Float64Array(m);
  }

  step(_k: number, x: Float64Array, y: Float64Array, cost: Float64Array): number {
    const { s, d } = this;
    const m = x.length;
    const want = this.variant === 'fw' ? 0 : this.variant === 'cfw' ? Math.min(this.history, 1) : this.history;
    const used = want === 2 ? this.biconjugate(x, y) || this.conjugate(x, y) : want === 1 ? this.conjugate(x, y) : false;
    if (!used) s.set(y);
    let descent = 0;
    for (let e = 0; e < m; e++) {
      d[e] = s[e] - x[e];
      descent += cost[e] * d[e];
    }
    if (used && !(descent < 0)) {
      s.set(y);
      for (let e = 0; e < m; e++) d[e] = s[e] - x[e];
    }
    const tau = lineSearch(this.net, x, d);
    for (let e = 0; e < m; e++) x[e] += tau * d[e];
    // Rotate targets: s becomes s_{k-1}, s_{k-1} becomes s_{k-2}; buffers are reused.
    const old = this.s2;
    this.s2 = this.s1;
    this.s1 = s;
    this.s = old;
    this.tau1 = tau;
    // After a full step x sits on s_{k}, so the previous directions carry no information.
    this.history = tau >= 1 ? 0 : Math.min(this.history + 1, 2);
    return tau;
  }

  /** CFW target into s; false when the weight is undefined. */
  private conjugate(x: Float64Array, y: Float64Array): boolean {
    const { s, s1, h } = this;
    linkCostDerivative(h, this.net, x);
    let num = 0;
    let den = 0;
    for (let e = 0; e < x.length; e++) {
      const hb = h[e] * (s1[e] - x[e]);
      num += hb * (y[e] - x[e]);
      den += hb * (y[e] - s1[e]);
    }
    if (den === 0 || !Number.isFinite(num / den)) return false;
    let a = num / den;
    if (a > CFW_MAX_ALPHA) a = CFW_MAX_ALPHA;
    else if (a < 0) a = 0;
    for (let e = 0; e < x.length; e++) s[e] = a * s1[e] + (1 - a) * y[e];
    return true;
  }

  /** BFW target into s; false when a weight is undefined. */
  private biconjugate(x: Float64Array, y: Float64Array): boolean {
    const { s, s1, s2, h, tau1 } = this;
    linkCostDerivative(h, this.net, x);
    let muNum = 0;
    let muDen = 0;
    let nuNum = 0;
    let nuDen = 0;
    for (let e = 0; e < x.length; e++) {
      const dy = y[e] - x[e];
      const hb2 = h[e] * (tau1 * s1[e] + (1 - tau1) * s2[e] - x[e]);
      muNum += hb2 * dy;
      muDen += hb2 * (s2[e] - s1[e]);
      const hb1 = h[e] * (s1[e] - x[e]);
      nuNum += hb1 * dy;
      nuDen += hb1 * (s1[e] - x[e]);
    }
    if (muDen === 0 || nuDen === 0) return false;
    const mu = Math.max(0, -muNum / muDen);
    const nu = Math.max(0, (mu * tau1) / (1 - tau1) - nuNum / nuDen);
    if (!Number.isFinite(mu) || !Number.isFinite(nu)) return false;
    const b0 = 1 / (1 + mu + nu);
    const b1 = nu * b0;
    const b2 = mu * b0;
    for (let e = 0; e < x.length; e++) s[e] = b0 * y[e] + b1 * s1[e] + b2 * s2[e];
    return true;
  }
}
