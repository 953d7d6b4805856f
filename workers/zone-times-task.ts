/**
 * Worker task: rows of the zone-to-zone time matrix (engine/metrics/zone-times.ts). Rows are
 * claimed in chunks from a shared cursor, so the threads (the run's own among them) share the
 * rows as they come free; each row is written straight into the shared matrix.
 */
import { fillZoneTimeRows, zoneTree } from '../engine/metrics/zone-times.ts';
import type { PathTree } from '../engine/assignment/algorithm-b-paths.ts';

export interface ZoneTimesTask {
  graph: { nodeCount: number; firstOut: Uint32Array; head: Uint32Array };
  timeS: Float64Array;
  zoneNode: Uint32Array;
  rows: Int32Array;
  /** cursor[0]: the next unclaimed row; cursor[1]: rows written. */
  cursor: Int32Array;
  chunk: number;
  out: Float32Array;
}

/** Claims chunks of rows until none is left; returns the rows done. */
export function claimZoneRows(tree: PathTree, t: ZoneTimesTask, chunks = Infinity): number {
  let done = 0;
  for (let c = 0; c < chunks; c++) {
    const from = Atomics.add(t.cursor, 0, t.chunk);
    if (from >= t.rows.length) break;
    const to = Math.min(t.rows.length, from + t.chunk);
    fillZoneTimeRows(tree, t.timeS, t.zoneNode, t.rows, from, to, t.out);
    Atomics.add(t.cursor, 1, to - from);
    done += to - from;
  }
  return done;
}

export default function zoneTimesTask(t: ZoneTimesTask): number {
  return claimZoneRows(zoneTree(t.graph), t);
}
