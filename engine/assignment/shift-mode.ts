/**
 * Whether the next sweep of a two-thread shifting round runs on both threads or on the calling
 * thread alone (shift-pipeline.ts). Both give the same bits, so this is a choice of speed only.
 *
 * The two threads hand over at every origin, so a thread that the operating system takes off
 * its core (another process wants it) stops its partner too: with one busy process beside it,
 * Hessen-Asymmetric took 11.9 s on two threads against 7.4 s on one. So the calling thread
 * times every sweep of at least MIN_SLOTS slots, per bush edge of its slots (planning scans the
 * bush, so a sweep's work grows with them): a running mean for the way in use, the latest
 * time for the other. Each sweep runs the faster way, but one in PROBE_EVERY runs the other, so
 * that a way that has become faster (the other process ended) is found again.
 */

/** Sweeps of fewer slots are too short to time (the barrier dominates them): they run the faster way untimed. */
const MIN_SLOTS = 16;
const PROBE_EVERY = 20;
/** One thread is kept only where it is this much faster than two (the timings are noisy; two threads are the default). */
const ALONE_GAIN = 0.9;
/** Weight of the latest sweep in the running mean of the way in use (a probe's time replaces the other's: it is the news). */
const WEIGHT = 0.3;

export class ShiftMode {
  /** Milliseconds per bush edge: [both threads, alone]; NaN until timed. */
  private readonly rate = [NaN, NaN];
  private timed = 0;

  /** Whether a sweep of `count` slots runs on the calling thread alone. */
  next(count: number): boolean {
    const [both, alone] = this.rate;
    if (count < MIN_SLOTS) return alone < ALONE_GAIN * both;
    this.timed++;
    if (Number.isNaN(both)) return false;
    if (Number.isNaN(alone)) return true;
    const faster = alone < ALONE_GAIN * both;
    return this.timed % PROBE_EVERY === 0 ? !faster : faster;
  }

  /** After a sweep of `count` slots over `edges` bush edges in all, run `alone` or not, that took `ms`. */
  report(alone: boolean, count: number, edges: number, ms: number): void {
    if (count < MIN_SLOTS || !(edges > 0) || !(ms > 0)) return;
    const way = alone ? 1 : 0;
    const rate = ms / edges;
    const aloneInUse = this.rate[1] < ALONE_GAIN * this.rate[0];
    const inUse = alone === aloneInUse;
    this.rate[way] = inUse && !Number.isNaN(this.rate[way]) ? (1 - WEIGHT) * this.rate[way] + WEIGHT * rate : rate;
  }
}
