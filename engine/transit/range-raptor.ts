/**
 * rRAPTOR (Delling, Pajor and Werneck 2012, section 4): earliest arrivals at every stop for a
 * series of departures from one origin, run from the latest departure to the earliest without
 * clearing the labels in between. Anything reachable leaving later is reachable leaving earlier
 * (by waiting), so a later run's labels are valid bounds for an earlier one and prune most of its
 * work; each run then only propagates what leaving earlier improves.
 *
 * Arrivals only (no journeys: raptor.ts rebuilds those). Labels are kept per round, so a bound
 * from a later departure reached with more vehicles never prunes a journey with fewer, and both
 * families stay monotone over rounds (an improvement in round k is written to every later round):
 *  - `tau[k]`: earliest arrival with at most k vehicles, by vehicle, access or footpath;
 *  - `ride[k]`: the same by vehicle or access only — footpaths leave from these, never from a
 *    footpath's arrival (one walk between two vehicles, as in raptor.ts).
 */
import { firstTrip, NONE, queuePatterns, type Source } from './raptor.ts';
import type { RaptorColumns } from './timetable.ts';

export class RangeRaptor {
  readonly stops: number;
  /** Earliest arrival per (round, stop), kept across departures: `tau[k * stops + s]`. */
  readonly tau: Int32Array;
  private readonly ride: Int32Array;
  private readonly marked: Uint8Array;
  private readonly markedList: Uint32Array;
  private markedCount = 0;
  private readonly rode: Uint8Array;
  private readonly rodeList: Uint32Array;
  private rodeCount = 0;
  private readonly queuePos: Int32Array;
  private readonly queued: Uint32Array;
  private lastDepartS = Infinity;

  constructor(
    readonly tt: RaptorColumns,
    readonly maxRounds = 6,
  ) {
    const S = (this.stops = tt.stopCount);
    this.tau = new Int32Array((maxRounds + 1) * S).fill(NONE);
    this.ride = new Int32Array((maxRounds + 1) * S).fill(NONE);
    this.marked = new Uint8Array(S);
    this.markedList = new Uint32Array(S);
    this.rode = new Uint8Array(S);
    this.rodeList = new Uint32Array(S);
    this.queuePos = new Int32Array(tt.patternCount).fill(-1);
    this.queued = new Uint32Array(tt.patternCount);
  }

  /** Forgets every label: the next `depart` starts a new origin. */
  reset(): void {
    this.tau.fill(NONE);
    this.ride.fill(NONE);
    this.lastDepartS = Infinity;
  }

  /** Earliest arrival at stop s with at most `maxRounds` vehicles, for the last departure run. */
  arrival(s: number): number {
    return this.tau[this.maxRounds * this.stops + s];
  }

  /** The next departure from the same origin: `departS` no later than the one before; `sources` its access walks. */
  depart(departS: number, sources: readonly Source[]): void {
    if (departS > this.lastDepartS) throw new Error(`rRAPTOR: departure ${departS} after ${this.lastDepartS}; run departures latest first, or reset()`);
    this.lastDepartS = departS;
    const S = this.stops;
    const { patternStopStart, patternStops, patternTripStart, patternTimeStart, arr, dep } = this.tt;
    const { tau, ride, marked, markedList, queuePos, queued } = this;
    for (const { stop, time } of sources) {
      if (time < tau[stop]) this.improve(0, stop, time);
      if (time < ride[stop]) this.rodeTo(0, stop, time);
    }
    this.walk(0);
    for (let k = 1; k <= this.maxRounds && this.markedCount > 0; k++) {
      const prev = (k - 1) * S;
      const cur = k * S;
      const nq = queuePatterns(this.tt, markedList, this.markedCount, marked, queuePos, queued);
      this.markedCount = 0;
      for (let q = 0; q < nq; q++) {
        const p = queued[q];
        const from = queuePos[p];
        queuePos[p] = -1;
        const s0 = patternStopStart[p];
        const n = patternStopStart[p + 1] - s0;
        const base = patternTimeStart[p];
        const trips = patternTripStart[p + 1] - patternTripStart[p];
        let t = -1;
        for (let i = from; i < n; i++) {
          const s = patternStops[s0 + i];
          if (t >= 0) {
            const a = arr[base + t * n + i];
            if (a < tau[cur + s]) this.improve(k, s, a);
            if (a < ride[cur + s]) this.rodeTo(k, s, a);
          }
          const ready = tau[prev + s];
          if (ready === NONE) continue;
          if (t < 0) t = firstTrip(dep, base, n, i, trips, ready);
          else if (ready < dep[base + t * n + i]) {
            while (t > 0 && dep[base + (t - 1) * n + i] >= ready) t--;
          }
        }
      }
      this.walk(k);
    }
    // stops marked in the last round allowed: their labels are final, nothing left to scan
    for (let m = 0; m < this.markedCount; m++) marked[markedList[m]] = 0;
    this.markedCount = 0;
  }

  /** Footpaths from the stops reached by vehicle (or access) in round k. */
  private walk(k: number): void {
    const { transferStart, transferStop, transferS } = this.tt;
    const { tau, ride } = this;
    const cur = k * this.stops;
    for (let m = 0; m < this.rodeCount; m++) {
      const s = this.rodeList[m];
      this.rode[s] = 0;
      const a0 = ride[cur + s];
      for (let j = transferStart[s]; j < transferStart[s + 1]; j++) {
        const o = transferStop[j];
        const a = a0 + transferS[j];
        if (a < tau[cur + o]) this.improve(k, o, a);
      }
    }
    this.rodeCount = 0;
  }

  /** tau of stop s = time from round k on; s is scanned in round k + 1. */
  private improve(k: number, s: number, time: number): void {
    const { tau, stops } = this;
    for (let r = k; r <= this.maxRounds && time < tau[r * stops + s]; r++) tau[r * stops + s] = time;
    if (!this.marked[s]) {
      this.marked[s] = 1;
      this.markedList[this.markedCount++] = s;
    }
  }

  /** ride of stop s = time from round k on; footpaths leave s at the end of round k. */
  private rodeTo(k: number, s: number, time: number): void {
    const { ride, stops } = this;
    for (let r = k; r <= this.maxRounds && time < ride[r * stops + s]; r++) ride[r * stops + s] = time;
    if (!this.rode[s]) {
      this.rode[s] = 1;
      this.rodeList[this.rodeCount++] = s;
    }
  }
}
