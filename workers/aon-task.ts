/**
 * Worker task: all-or-nothing loading of a range of origin blocks. Thin by design: it gets
 * shared buffers, calls the engine kernel once per block, and returns nothing but "done" —
 * flows and stats are written straight into the shared buffers.
 */
import { AonScratch, loadBlock } from '../engine/assignment/all-or-nothing.ts';
import type { AonTask } from './aon-pool.ts';

let scratch: AonScratch | undefined;

export default function aonTask(t: AonTask): number {
  if (!scratch || scratch.nodeCount !== t.net.nodeCount) scratch = new AonScratch(t.net.nodeCount);
  const m = t.net.edgeCount;
  for (let b = t.blockFrom; b < t.blockTo; b++) {
    const from = b * t.blockSize;
    const to = Math.min(t.demand.zoneCount, from + t.blockSize);
    loadBlock(t.blockFlows.subarray(b * m, (b + 1) * m), t.stats, 3 * b, t.net, t.demand, t.cost, from, to, scratch);
  }
  return t.blockTo - t.blockFrom;
}
