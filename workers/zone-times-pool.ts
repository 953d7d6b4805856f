/**
 * Zone-to-zone times (engine/metrics/zone-times.ts) on `workers` threads: this one and a pool
 * of workers − 1, all claiming chunks of rows from one shared cursor and writing them into one
 * shared matrix. Every row comes from the same search whoever runs it, so the matrix is the
 * in-process one, bit for bit, for any worker count. A helper thread that starts late finds
 * fewer rows left; this thread never waits for one to start.
 */
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { copySharedRows, distinctZoneRows, zoneTimes, zoneTree } from '../engine/metrics/zone-times.ts';
import { sharedCopy } from '../engine/util/shared-array.ts';
import { createWorkerPool } from './pool.ts';
import { claimZoneRows, type ZoneTimesTask } from './zone-times-task.ts';

/** Rows claimed at a time: a few milliseconds of work on a city graph. */
const CHUNK = 8;
/** Below this many rows a pool costs more than it saves. */
const MIN_ROWS = 200;

export async function zoneTimesOnPool(graph: RoadGraph, timeS: Float64Array, zoneNode: ArrayLike<number>, workers: number, minRows = MIN_ROWS): Promise<Float32Array> {
  const rows = distinctZoneRows(graph.nodeCount, zoneNode);
  if (workers <= 1 || rows.length < minRows) return zoneTimes(graph, timeS, zoneNode);
  const z = zoneNode.length;
  const task: ZoneTimesTask = {
    graph: { nodeCount: graph.nodeCount, firstOut: sharedCopy(graph.firstOut), head: sharedCopy(graph.head) },
    timeS: sharedCopy(timeS),
    zoneNode: sharedCopy(Uint32Array.from(zoneNode)),
    rows: sharedCopy(rows),
    cursor: new Int32Array(new SharedArrayBuffer(8)),
    chunk: CHUNK,
    out: new Float32Array(new SharedArrayBuffer(4 * z * z)),
  };
  const pool = createWorkerPool(new URL('./zone-times-task.ts', import.meta.url), workers - 1);
  let failure: unknown;
  try {
    for (let w = 0; w < workers - 1; w++) pool.run<number>(task).catch((err) => (failure ??= err));
    const tree = zoneTree(graph);
    const yieldOnce = () => new Promise((resolve) => setImmediate(resolve));
    // a chunk at a time, yielding in between so that the pool can hand its threads their task
    while (claimZoneRows(tree, task, 1) > 0) await yieldOnce();
    // the last chunks other threads claimed; not the start of a thread that found none left
    while (Atomics.load(task.cursor, 1) < rows.length && failure === undefined) await yieldOnce();
  } finally {
    // a helper still starting is stopped, not waited for (its task then fails, unheard)
    const left = failure;
    failure = 'destroyed';
    await pool.destroy();
    if (left !== undefined) throw left;
  }
  const out = new Float32Array(task.out);
  copySharedRows(zoneNode, out);
  return out;
}
