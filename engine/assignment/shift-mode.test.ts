/**
 * The choice between two threads and one for each shifting sweep: both ways are timed early,
 * the faster one is kept, and the slower one is tried again now and then, so that a machine
 * whose other load comes and goes gets the faster way back.
 */
import { describe, expect, it } from 'vitest';
import { ShiftMode } from './shift-mode.ts';

/** Runs `sweeps` sweeps of 100 slots over 1,000 bush edges, each taking `msBoth` or `msAlone`; returns how many ran alone. */
function runAlone(mode: ShiftMode, sweeps: number, msBoth: number, msAlone: number): number {
  let alone = 0;
  for (let k = 0; k < sweeps; k++) {
    const isAlone = mode.next(100);
    alone += isAlone ? 1 : 0;
    mode.report(isAlone, 100, 1000, isAlone ? msAlone : msBoth);
  }
  return alone;
}

describe('ShiftMode', () => {
  it('times both threads first, then one thread alone', () => {
    const mode = new ShiftMode();
    expect(mode.next(100)).toBe(false);
    mode.report(false, 100, 1000, 5);
    expect(mode.next(100)).toBe(true);
  });

  it('keeps the faster way and tries the other in one sweep of ten', () => {
    const quiet = new ShiftMode();
    // two threads faster (a quiet machine): 1 timing sweep alone, then 1 in 20
    expect(runAlone(quiet, 102, 5, 8)).toBe(1 + 5);
    const busy = new ShiftMode();
    // one thread faster (another process takes a core): all but 1 in 20, and the first
    expect(runAlone(busy, 102, 12, 8)).toBe(102 - 1 - 5);
  });

  it('finds two threads again once they have become faster', () => {
    const mode = new ShiftMode();
    runAlone(mode, 40, 12, 8);
    // the other load ends: the next probe of two threads (within twenty sweeps) times them faster, and they stay
    runAlone(mode, 20, 5, 8);
    expect(runAlone(mode, 60, 5, 8)).toBe(3);
  });

  it('keeps two threads where one is faster by less than a tenth (noise)', () => {
    expect(runAlone(new ShiftMode(), 102, 8.5, 8)).toBe(1 + 5);
  });

  it('runs sweeps too short to time the faster way, untimed', () => {
    const mode = new ShiftMode();
    runAlone(mode, 12, 12, 8);
    expect(mode.next(5)).toBe(true);
    mode.report(true, 5, 10, 1000); // ignored: too few slots to judge
    expect(mode.next(5)).toBe(true);
  });
});
