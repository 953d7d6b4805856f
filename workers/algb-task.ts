/**
 * Worker task: Algorithm B's cost-reading steps (first bushes, bush updates, the gap's
 * searches) for a range of bush slots. Thin by design: it builds a workspace over the shared
 * buffers once per run, calls the engine, and returns the number of slots done; bushes and
 * per-slot figures are written straight into the shared storage.
 */
import { BushWorkspace, type CostTask } from '../engine/assignment/algorithm-b-workspace.ts';
import type { BushPoolSetup } from '../engine/assignment/algorithm-b-workspace.ts';

export interface AlgbTask {
  setup: BushPoolSetup;
  task: CostTask;
  from: number;
  to: number;
}

let workspace: BushWorkspace | undefined;
let storage: unknown;

export default function algbTask(t: AlgbTask): number {
  // The same shared storage means the same run: keep the workspace and its scratch arrays.
  if (!workspace || storage !== t.setup.storage.flow.buffer) {
    const { net, demand, origins, cost, warmStart } = t.setup;
    workspace = new BushWorkspace(net, demand, origins, t.setup.storage, { cost }, warmStart);
    storage = t.setup.storage.flow.buffer;
  }
  workspace.run(t.task, t.from, t.to, t.setup.out);
  return t.to - t.from;
}
