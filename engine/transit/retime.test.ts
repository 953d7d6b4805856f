import { describe, expect, it } from 'vitest';
import { readGtfs } from './gtfs.ts';
import { retimed, runSeconds, tripsInWindow } from './retime.ts';
import { syntheticFeedFiles } from './synthetic-feed.ts';
import { buildTimetable, DEFAULT_WALK } from './timetable.ts';

const tt = buildTimetable(readGtfs(syntheticFeedFiles(7), 'synthetic'), '20240102', DEFAULT_WALK);

describe('retimed timetables', () => {
  it('keeps departures from the first stop, runs modelled hops plus the stop time, and keeps unmodelled hops as scheduled', () => {
    const p = 1;
    const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
    const hopS = new Float64Array(n - 1).fill(100);
    hopS[0] = NaN; // not matched: keep the schedule
    const hops = Array.from({ length: tt.patternCount }, (_, q) => (q === p ? { hopS, dwell: true } : null));
    const r = retimed(tt, hops, 30);
    for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
      const at = tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n;
      expect(r.dep[at]).toBe(tt.dep[at]);
      expect(r.arr[at + 1] - r.dep[at]).toBe(tt.arr[at + 1] - tt.dep[at]);
      for (let i = 2; i < n; i++) expect(r.arr[at + i] - r.dep[at + i - 1]).toBe(100);
      for (let i = 1; i < n - 1; i++) expect(r.dep[at + i] - r.arr[at + i]).toBe(i === 1 ? tt.dep[at + 1] - tt.arr[at + 1] : 30);
    }
    // other patterns untouched; trips of the pattern still never overtake
    const q = 0;
    const m = tt.patternStopStart[q + 1] - tt.patternStopStart[q];
    expect(Array.from(r.arr.subarray(tt.patternTimeStart[q], tt.patternTimeStart[q] + m))).toEqual(Array.from(tt.arr.subarray(tt.patternTimeStart[q], tt.patternTimeStart[q] + m)));
    for (let j = tt.patternTripStart[p] + 1; j < tt.patternTripStart[p + 1]; j++) {
      const a = tt.patternTimeStart[p] + (j - 1 - tt.patternTripStart[p]) * n;
      for (let i = 0; i < n; i++) expect(r.arr[a + n + i]).toBeGreaterThanOrEqual(r.arr[a + i]);
    }
    // the median run time of the pattern: its trips now differ only in their (scheduled) first hop and dwell
    const runs = Array.from({ length: tt.patternTripStart[p + 1] - tt.patternTripStart[p] }, (_, k) => r.arr[tt.patternTimeStart[p] + k * n + n - 1] - r.dep[tt.patternTimeStart[p] + k * n]).sort((x, y) => x - y);
    expect(runSeconds(r, p)).toBe(runs[runs.length >> 1]);
  });

  it('counts the trips leaving in a window', () => {
    let all = 0;
    for (let p = 0; p < tt.patternCount; p++) all += tripsInWindow(tt, p, 0, 48 * 3600);
    expect(all).toBe(tt.slotTrip.length);
  });
});
