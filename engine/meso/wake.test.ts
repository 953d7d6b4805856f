import { describe, expect, it } from 'vitest';
import { NodeWake } from './wake.ts';

const due = (w: NodeWake, t: number) => {
  const out = new Int32Array(16);
  return Array.from(out.subarray(0, w.take(t, out))).sort((a, b) => a - b);
};

describe('node wake-up calendar', () => {
  it('hands each node over once, at its earliest asked step', () => {
    const w = new NodeWake(8, 10);
    w.at(3, 5, 0);
    w.at(3, 7, 0); // later than the pending one: nothing
    w.at(4, 7, 0);
    w.at(4, 2, 0); // earlier: replaces it
    w.at(5, 2, 0);
    w.at(5, 2, 0);
    expect(due(w, 0)).toEqual([]);
    expect(due(w, 2)).toEqual([4, 5]);
    expect(due(w, 5)).toEqual([3]);
    expect(due(w, 7)).toEqual([]); // 4's step-7 entry went stale when it was woken at 2
    // once handed over, a node can be asked for again, even for a step far round the ring
    w.at(3, 5 + 1024, 5);
    for (let t = 6; t < 5 + 1024; t++) expect(due(w, t)).toEqual([]);
    expect(due(w, 5 + 1024)).toEqual([3]);
  });

  it('clear() drops every pending wake-up', () => {
    const w = new NodeWake(4, 10);
    w.at(1, 3, 0);
    w.at(2, 4, 0);
    w.clear();
    expect(due(w, 3)).toEqual([]);
    expect(due(w, 4)).toEqual([]);
    w.at(1, 9, 8); // not blocked by the dropped one
    expect(due(w, 9)).toEqual([1]);
  });

  it('grows its pool past the node count', () => {
    const w = new NodeWake(2, 2000);
    // stale entries pile up: node 0 asked earlier and earlier
    for (let s = 1500; s > 0; s--) w.at(0, s, 0);
    expect(due(w, 1)).toEqual([0]);
    for (let t = 2; t <= 1500; t++) expect(due(w, t)).toEqual([]);
  });
});
