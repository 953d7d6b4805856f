/**
 * Algorithm B's flow shifting after a round of bush updates — a pass over every bush, then
 * sweeps of passes over the bushes still moving — pipelined by one origin so that two threads
 * can share it and still compute the same bits as one.
 *
 * Order within a sweep: slot i's shifts are planned (algorithm-b-shift.ts planShifts, a scan of
 * its bush labels) at the costs left by slots 0 … i−2, before slot i−1's shifts are applied;
 * then applied at the current costs, after slot i−1's. One thread runs plan(0), plan(1),
 * apply(0), plan(2), apply(1), …; two threads take the even and the odd slots, and thread p
 * plans i from its own snapshot of the costs while the other applies i−1. A snapshot is brought
 * up to date at the end of each of its thread's applies, from the edges that this apply and the
 * other thread's last one touched. So the one-origin lag, not the thread count, defines the
 * arithmetic: flows are bit-identical for 1, 2 or N workers.
 *
 * Why a lag of one: planning is about two thirds of a pass (Hessen-Asymmetric: 85 µs of
 * 125 µs), and a segment planned one origin early is nearly always still the right one; plans
 * a whole batch of origins early doubled the iterations (see algorithm-b-shift.ts).
 *
 * The threads hand over through one shared counter, the applies done in the round: a thread
 * spins on it briefly, then sleeps on it (Atomics.wait). Both threads pick each sweep's slots
 * from the shared lastShift once the sweep before has ended, and meet before either writes it
 * again. A thread whose partner makes no progress for PROGRESS_TIMEOUT_MS (it died) ends the
 * run with an error instead of a hang.
 */
import type { Bushes } from './bush.ts';
import type { LinkState } from './algorithm-b-links.ts';
import { applyShifts, planShifts, type Touched } from './algorithm-b-shift.ts';
import { ShiftMode } from './shift-mode.ts';

/**
 * Shift-only sweeps after each round of bush updates: at most SWEEPS; an origin sits out once
 * its last pass moved at most SWEEP_RATIO × the round's largest shift. Tuned on Terrassa,
 * Hessen and Porto Alegre: four passes in a row per origin, or at most 20 sweeps, took
 * 1.5–3× longer to gap 1e-6.
 */
const SWEEPS = 100;
const SWEEP_RATIO = 0.01;

/** Spins on the counter before sleeping on it (loads; a few tens of µs). */
const SPINS = 20_000;
/** A partner this long without progress has died (an apply takes milliseconds). */
const PROGRESS_TIMEOUT_MS = 30_000;

/** Indices of ShiftBuffers.state. */
const APPLIED = 0;
const TOUCHED = 1; // and 2: how many edges each parity's last apply touched
const STARTED = 3;
/** Threads that have begun each sweep, summed over the round (a barrier: 2 per sweep). */
const ARRIVED = 4;
/**
 * And 6: 1 when a sweep runs on the calling thread alone (shift-mode.ts), at ALONE + the sweep's
 * parity; set before the calling thread arrives at the sweep. Two of them, since the calling
 * thread may set the next sweep's before the other has read this one's.
 */
const ALONE = 5;

/** Arrays shared by the threads of a round (SharedArrayBuffers when two threads run it). */
export interface ShiftBuffers {
  /** 1 for the slots this round updates and shifts (the others sit it out: see algorithm-b.ts). */
  active: Uint8Array;
  /** Largest single shift of each slot's last pass. */
  lastShift: Float64Array;
  /** Costs each parity plans at. */
  snapshot: [Float64Array, Float64Array];
  /** Edges each parity's last apply touched (count in state[TOUCHED + parity]). */
  touched: [Int32Array, Int32Array];
  /** [applies done in the round, touched count even, touched count odd, odd thread started, sweep arrivals, sweep alone ×2]. */
  state: Int32Array;
}

export function shiftBuffers(edgeCount: number, slotCount: number, shared: boolean): ShiftBuffers {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(Math.max(8, bytes)) : new ArrayBuffer(Math.max(8, bytes)));
  // one thread plans at the live costs: no snapshots or touched lists
  const m = shared ? edgeCount : 0;
  return {
    active: new Uint8Array(buffer(slotCount)).fill(1),
    lastShift: new Float64Array(buffer(8 * slotCount)),
    snapshot: [new Float64Array(buffer(8 * m)), new Float64Array(buffer(8 * m))],
    touched: [new Int32Array(buffer(4 * m)), new Int32Array(buffer(4 * m))],
    state: new Int32Array(buffer(32)),
  };
}

export class ShiftPipeline {
  /** The slots of the current sweep (each thread builds the same). */
  private readonly list: Int32Array;
  /** Plan scratch per parity, grown on demand. */
  private plans: [Int32Array, Int32Array] = [new Int32Array(1 << 14), new Int32Array(1 << 14)];
  private readonly lengths = new Int32Array(2);
  private readonly touched: Touched;
  /** Applies of the round before the current sweep. */
  private base = 0;
  /** Sweeps of the round begun. */
  private sweeps = 0;
  /** Whether two-thread sweeps run on both threads (decided by the calling thread). */
  private readonly mode: ShiftMode;

  constructor(
    private readonly bushes: Bushes,
    private readonly links: LinkState,
    readonly buffers: ShiftBuffers,
    private readonly progressTimeoutMs = PROGRESS_TIMEOUT_MS,
  ) {
    this.list = new Int32Array(bushes.origins.length);
    this.touched = { mark: new Uint8Array(buffers.snapshot[0].length), list: buffers.touched[0], count: 0 };
    this.mode = new ShiftMode();
  }

  /**
   * One round: a pass over every active slot, then sweeps over those still moving. Alone
   * (`parity` undefined), or as one of two threads (even or odd slots of every sweep), the
   * other run by a worker. Returns the round's largest single shift.
   */
  round(parity?: 0 | 1): number {
    const { list } = this;
    const { lastShift, active } = this.buffers;
    const slotCount = list.length;
    this.base = 0;
    this.sweeps = 0;
    // the calling thread polls this (it yields to its event loop until then)
    if (parity === 1) Atomics.store(this.buffers.state, STARTED, 1);
    let first = 0;
    for (let s = 0; s < slotCount; s++) if (active[s] === 1) list[first++] = s;
    let largest = this.sweep(first, parity);
    const settled = SWEEP_RATIO * largest;
    for (let k = 0; k < SWEEPS; k++) {
      let count = 0;
      for (let s = 0; s < slotCount; s++) if (active[s] === 1 && lastShift[s] > settled) list[count++] = s;
      if (count === 0) break;
      const moved = this.sweep(count, parity);
      if (moved > largest) largest = moved;
      if (moved <= settled) break;
    }
    return largest;
  }

  /** Before a two-thread round (the calling thread, before the worker starts): snapshots = the current costs, counters at zero. */
  prepareShared(): void {
    const { snapshot, state } = this.buffers;
    snapshot[0].set(this.links.cost);
    snapshot[1].set(this.links.cost);
    state.fill(0);
  }

  /** Whether the thread of the odd slots has begun its round (the calling thread waits for that before it blocks). */
  partnerStarted(): boolean {
    return Atomics.load(this.buffers.state, STARTED) === 1;
  }

  /** A pass over each of the first `count` listed slots; returns the largest shift. */
  private sweep(count: number, parity?: 0 | 1): number {
    if (parity === undefined) this.sweepAlone(count);
    else this.sweepParity(count, parity);
    const { list } = this;
    const { lastShift } = this.buffers;
    let moved = 0;
    for (let k = 0; k < count; k++) if (lastShift[list[k]] > moved) moved = lastShift[list[k]];
    return moved;
  }

  /** A sweep on this thread alone; `progress` given, the applies done are counted in it from `base` (the other thread watches). */
  private sweepAlone(count: number, progress?: Int32Array): void {
    const { list, base } = this;
    const { lastShift } = this.buffers;
    if (count > 0) this.plan(list[0], 0, this.links.cost);
    for (let i = 1; i <= count; i++) {
      if (i < count) this.plan(list[i], i & 1, this.links.cost);
      const p = (i - 1) & 1;
      lastShift[list[i - 1]] = applyShifts(this.bushes, this.links, list[i - 1], this.plans[p], 0, this.lengths[p]);
      if (progress) Atomics.store(progress, APPLIED, base + i);
    }
  }

  /** This thread's slots of a sweep (every other one), in step with the other thread; returns when the whole sweep is applied. */
  private sweepParity(count: number, parity: 0 | 1): void {
    const { list, base } = this;
    const { lastShift, snapshot, touched, state } = this.buffers;
    const own = this.touched;
    own.list = touched[parity];
    const cost = this.links.cost;
    const started = performance.now();
    // Both threads have read the last sweep's lastShift (its figures, this sweep's slots) before either writes it again.
    this.sweeps++;
    const aloneAt = ALONE + (this.sweeps & 1);
    const alone = parity === 0 && this.mode.next(count);
    if (parity === 0) Atomics.store(state, aloneAt, alone ? 1 : 0);
    Atomics.add(state, ARRIVED, 1);
    Atomics.notify(state, ARRIVED);
    this.waitFor(ARRIVED, 2 * this.sweeps);
    if (Atomics.load(state, aloneAt) === 1) {
      // the calling thread shifts at the live costs; the other sleeps until it is done
      if (parity === 0) {
        this.sweepAlone(count, state);
        snapshot[0].set(cost);
        snapshot[1].set(cost);
        Atomics.notify(state, APPLIED);
        this.mode.report(true, count, this.edgesOf(count), performance.now() - started);
      }
      this.waitFor(APPLIED, base + count);
      this.base = base + count;
      return;
    }
    for (let i = parity; i < count; i += 2) {
      const s = list[i];
      this.waitFor(APPLIED, base + i - 1);
      this.plan(s, parity, snapshot[parity]);
      this.waitFor(APPLIED, base + i);
      own.count = 0;
      lastShift[s] = applyShifts(this.bushes, this.links, s, this.plans[parity], 0, this.lengths[parity], own);
      state[TOUCHED + parity] = own.count;
      for (let k = 0; k < own.count; k++) own.mark[own.list[k]] = 0;
      if (i === count - 1) {
        // the sweep's last apply: the next sweep plans from the costs as they are now
        snapshot[0].set(cost);
        snapshot[1].set(cost);
      } else {
        // this snapshot goes from the costs after apply(i − 2) to those after apply(i)
        const mine = snapshot[parity];
        for (let k = 0; k < own.count; k++) mine[own.list[k]] = cost[own.list[k]];
        const other = touched[1 - parity];
        for (let k = 0, n = i > 0 ? state[TOUCHED + 1 - parity] : 0; k < n; k++) mine[other[k]] = cost[other[k]];
      }
      Atomics.store(state, APPLIED, base + i + 1);
      Atomics.notify(state, APPLIED);
    }
    this.waitFor(APPLIED, base + count);
    this.base = base + count;
    if (parity === 0) this.mode.report(false, count, this.edgesOf(count), performance.now() - started);
  }

  /** Bush edges of the first `count` listed slots. */
  private edgesOf(count: number): number {
    let edges = 0;
    for (let k = 0; k < count; k++) edges += this.bushes.size[this.list[k]];
    return edges;
  }

  private plan(s: number, parity: number, cost: Float64Array): void {
    for (;;) {
      const length = planShifts(this.bushes, s, cost, this.plans[parity], 0, this.plans[parity].length);
      if (length >= 0) {
        this.lengths[parity] = length;
        return;
      }
      this.plans[parity] = new Int32Array(this.plans[parity].length * 2);
    }
  }

  /** Returns once the counter state[at] has reached `target`. */
  private waitFor(at: number, target: number): void {
    const state = this.buffers.state;
    let seen = Atomics.load(state, at);
    if (seen >= target) return;
    for (let k = 0; k < SPINS; k++) if (Atomics.load(state, at) >= target) return;
    let since = performance.now();
    for (;;) {
      // sleeps only while the counter still reads `seen` (else returns at once)
      Atomics.wait(state, at, seen, Math.min(1000, this.progressTimeoutMs));
      const now = Atomics.load(state, at);
      if (now >= target) return;
      if (now !== seen) {
        seen = now;
        since = performance.now();
      } else if (performance.now() - since > this.progressTimeoutMs) {
        throw new Error(`Algorithm B: the other shifting thread made no progress for ${this.progressTimeoutMs / 1000} s (it stopped)`);
      }
    }
  }
}
