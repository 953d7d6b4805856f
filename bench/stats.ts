/** Timing helpers for benchmarks: medians of repeated runs, since shared machines are noisy. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `runs` times after `warmup` untimed runs; returns each run's milliseconds. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/** The `--runs N` of a suite's command line (a positive integer), or `fallback`; exits 2 on a bad value. */
export function runsArg(fallback: number, argv = process.argv): number {
  const at = argv.indexOf('--runs');
  const runs = at > 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs is ${argv[at + 1]}, expected a positive integer`);
    process.exit(2);
  }
  return runs;
}
