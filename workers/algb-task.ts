/**
 * Worker task: Algorithm B's cost-reading steps (first bushes, bush updates, the gap's
 * searches) for a range of bush slots, or the odd half of a flow-shifting round. Thin by
 * design: it builds a workspace over the shared buffers once per run, calls the engine, and
 * returns the number of slots done; bushes and per-slot figures are written straight into the
 * shared storage.
 */
import { BushWorkspace, type CostTask } from '../engine/assignment/algorithm-b-workspace.ts';
import type { BushPoolSetup } from '../engine/assignment/algorithm-b-workspace.ts';

export interface AlgbTask {
  setup: BushPoolSetup;
  /** A cost task over the slots of [from, to) this thread takes from the shared cursor, or 'shift': the odd slots of a round of shifting (from, to unused). */
  task: CostTask | 'shift';
  from: number;
  to: number;
}

let workspace: BushWorkspace | undefined;
let storage: unknown;

export default function algbTask(t: AlgbTask): number {
  // The same shared storage means the same run: keep the workspace and its scratch arrays.
  if (!workspace || storage !== t.setup.storage.flow.buffer) {
    const { net, demand, origins, links, warmStart, shift } = t.setup;
    workspace = new BushWorkspace(net, demand, origins, t.setup.storage, links, warmStart, shift);
    storage = t.setup.storage.flow.buffer;
  }
  if (t.task === 'shift') workspace.shifter().round(1);
  else workspace.run(t.task, t.from, t.to, t.setup.out, t.setup.cursor);
  return t.to - t.from;
}
