/**
 * Micro-benchmarks (one call of a few microseconds) with benchmark.js: it runs each function in
 * cycles long enough for the timer's resolution, repeats until the margin of error is small and
 * reports the mean with its relative margin (95 %). Whole runs (imports, assignments) are timed
 * by the suites themselves in fresh processes, as medians.
 */
import Benchmark from 'benchmark';

export interface MicroFigure {
  /** Mean time per call, µs. */
  meanUs: number;
  /** Relative margin of error of the mean, %. */
  rmePct: number;
  samples: number;
}

/** Times `fn` (called with a counter, to rotate over prepared inputs); synchronous. */
export function perCall(name: string, fn: (i: number) => unknown, minSeconds = 1): MicroFigure {
  let i = 0;
  let sink: unknown;
  const bench = new Benchmark(name, () => {
    sink = fn(i++);
  }, { minTime: minSeconds / 5, maxTime: minSeconds * 5 });
  bench.run({ async: false });
  if (sink === Symbol.for('never')) console.log(sink);
  if (bench.error) throw bench.error;
  return { meanUs: bench.stats.mean * 1e6, rmePct: bench.stats.rme, samples: bench.stats.sample.length };
}
