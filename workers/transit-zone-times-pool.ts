/**
 * Zone transit times (engine/transit/zone-times.ts) on a worker pool: the origin rows are cut
 * into ranges, more than there are threads so a slow range does not hold the others up, each
 * computed in a thread and copied into place in order — the same numbers as in one thread. The
 * timetable's columns are posted once per range (a few megabytes). The pool lives until
 * `close()`, so one run starts its threads once for all its rounds.
 */
import type { ZoneTimesProblem } from '../engine/transit/zone-times.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';

type Rows = { seconds: Float64Array; busShare: Float32Array };

export function zoneTimesOnPool(workers: number): { zoneTimes: (p: ZoneTimesProblem) => Promise<Rows>; close: () => Promise<void> } {
  let pool: WorkerPool | undefined;
  const zoneTimes = async (problem: ZoneTimesProblem): Promise<Rows> => {
    pool ??= createWorkerPool(new URL('./transit-zone-times-task.ts', import.meta.url), workers);
    const n = problem.lon.length;
    const ranges = Math.min(n, 4 * workers);
    const cuts = Array.from({ length: ranges + 1 }, (_, i) => Math.round((i * n) / ranges));
    const p = pool;
    const parts = await Promise.all(Array.from({ length: ranges }, (_, i) => p.run<Rows>({ problem, from: cuts[i], to: cuts[i + 1] })));
    const seconds = new Float64Array(n * n);
    const busShare = new Float32Array(n * n);
    parts.forEach((part, i) => {
      seconds.set(part.seconds, cuts[i] * n);
      busShare.set(part.busShare, cuts[i] * n);
    });
    return { seconds, busShare };
  };
  return { zoneTimes, close: async () => pool?.destroy() };
}
