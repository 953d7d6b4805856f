/**
 * assign(): static traffic assignment by any method, one entry for the CLI, benchmarks and
 * scenarios. Methods: 'msa' (successive averages), 'fw' (Frank-Wolfe), 'cfw' (conjugate FW),
 * 'bfw' (bi-conjugate FW) — all link-based, on a deterministic worker pool when workers > 1 —
 * and 'algb' (Algorithm B, bush-based, in algorithm-b.ts).
 *
 * Every method returns the same AssignmentResult with its convergence history; the relative
 * gap is measured the same way for all (objective.ts), so results compare.
 */
import { algorithmB } from './algorithm-b.ts';
import { frankWolfe } from './frank-wolfe.ts';
import { msa } from './msa.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import { ASSIGNMENT_METHODS, type AssignmentOptions, type AssignmentResult } from './result.ts';

export type { AssignmentMethod, AssignmentOptions, AssignmentResult, IterationRecord } from './result.ts';
export { ASSIGNMENT_METHODS } from './result.ts';

export async function assign(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): Promise<AssignmentResult> {
  if (demand.zoneCount !== net.zoneCount) {
    throw new Error(`demand has ${demand.zoneCount} zones but the network has ${net.zoneCount}`);
  }
  switch (options.method) {
    case 'msa':
      return msa(net, demand, options);
    case 'fw':
    case 'cfw':
    case 'bfw':
      return frankWolfe(net, demand, options, options.method);
    case 'algb':
      return algorithmB(net, demand, options);
    default:
      throw new Error(`unknown assignment method "${String(options.method)}" — expected one of ${ASSIGNMENT_METHODS.join(', ')}`);
  }
}
