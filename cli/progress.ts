/**
 * Progress bars for long work, on stderr and only when it is a terminal, so `--json` output
 * and pipes stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/** A bar on stderr; `eta` adds the estimated time left (for work in many similar pieces, such as a sweep's variants). */
export function progressBar(label: string, total: number, enabled = process.stderr.isTTY === true, eta = false): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}${eta ? ' | ETA {eta_formatted}' : ''}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop() {
      bar.stop();
    },
  };
}
