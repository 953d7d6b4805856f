/**
 * What time-dependent routing reads and returns: experienced link times per bin (LinkTimes,
 * built by simulate.ts's experiencedTimes) and the paths of a list of trips (TripPaths, from
 * best-paths.ts).
 */

/** Experienced link times per bin, bin-major: link e in bin b at time[b * linkCount + e] (Infinity = closed). */
export interface LinkTimes {
  binS: number;
  startS: number;
  binCount: number;
  linkCount: number;
  time: Float64Array;
  /** Mean wait of departures to enter link e, by departure bin, same layout (waiting for room on a full first link); absent: none. */
  entryWaitS?: Float64Array;
}

/** The paths of trips[i] (origin, dest, departure indexed by trip): links[starts[i] .. starts[i+1]-1]; empty when unreachable. */
export interface TripPaths {
  starts: Int32Array;
  links: Int32Array;
  /** Time each path takes on the link times it was found on (NaN without a path). */
  timeS: Float64Array;
}
