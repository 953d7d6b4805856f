/**
 * Method of successive averages: x_{k+1} = x_k + (y_k − x_k)/(k + 1), a predetermined step
 * (1/2, 1/3, …) with no line search. Converges, slowly; kept as the simplest reference.
 */
import { runLinkBased } from './link-based.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import type { AssignmentOptions, AssignmentResult } from './result.ts';

export function msa(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): Promise<AssignmentResult> {
  return runLinkBased(net, demand, options, 'msa', {
    step(k, x, y) {
      const lambda = 1 / (k + 1);
      for (let e = 0; e < x.length; e++) x[e] += lambda * (y[e] - x[e]);
      return lambda;
    },
  });
}
