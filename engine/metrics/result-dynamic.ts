/**
 * The dynamic sections of the result file (schema fields 32–47 of run-result.fbs): the
 * simulation summary table, per-trip vectors, per-link 15-min series and sampled trajectories
 * (deck.gl TripsLayer layout). Static runs leave them all out; a reader finds `dynamic`
 * undefined then. Vectors are typed-array views over the file's bytes, like the edge columns.
 */
import type * as flatbuffers from 'flatbuffers';
import { DynamicSummaryFb, MesoIterationFb, RunResultFile } from './generated/run-result_generated.ts';
import { typedVector, type Column, type ColumnCtor } from '../util/fb-vector.ts';
import type { DynamicSeries, DynamicTrajectories, DynamicTrips, RunDynamic } from './run-result.ts';

export const DYNAMIC_FIELD = 32;
const TRIP_FIELDS: [keyof DynamicTrips, number, ColumnCtor][] = [
  ['id', 33, Float64Array],
  ['kind', 34, Uint8Array],
  ['status', 35, Uint8Array],
  ['departS', 36, Float64Array],
  ['arriveS', 37, Float64Array],
  ['distanceM', 38, Float64Array],
  ['delayS', 39, Float64Array],
];
const SERIES_FIELDS: [keyof DynamicSeries, number, ColumnCtor][] = [
  ['flowVph', 40, Float32Array],
  ['speedKmh', 41, Float32Array],
  ['densityVpkm', 42, Float32Array],
  ['queueVeh', 43, Float32Array],
];
const TRAJ_FIELDS: [keyof DynamicTrajectories, number, ColumnCtor][] = [
  ['trip', 44, Int32Array],
  ['startIndices', 45, Uint32Array],
  ['coords', 46, Float64Array],
  ['timestamps', 47, Float32Array],
];

/** Bytes the dynamic vectors take (for the builder's first size). */
export function dynamicBytes(d: RunDynamic | undefined): number {
  if (!d) return 0;
  let n = 1024;
  for (const [k] of TRIP_FIELDS) n += (d.trips[k] as Column).byteLength + 16;
  for (const [k] of SERIES_FIELDS) n += (d.series[k] as Column).byteLength + 16;
  for (const [k] of TRAJ_FIELDS) n += (d.trajectories[k] as Column).byteLength + 16;
  return n;
}

/** Builds the summary table and vectors; returns [field, offset] pairs to add to the root table. */
export function encodeDynamic(b: flatbuffers.Builder, d: RunDynamic): [number, number][] {
  const s = d.summary;
  DynamicSummaryFb.startHistoryVector(b, s.history.length);
  for (let i = s.history.length - 1; i >= 0; i--) {
    const h = s.history[i];
    MesoIterationFb.createMesoIterationFb(b, h.arrived, h.stuck, h.meanTravelTimeS, h.vehicleSeconds, h.squeezed, h.gap);
  }
  const history = b.endVector();
  const moved = DynamicSummaryFb.createHistoryMovedVector(b, s.history.map((h) => h.moved));
  DynamicSummaryFb.startDynamicSummaryFb(b);
  DynamicSummaryFb.addVehicles(b, s.vehicles);
  DynamicSummaryFb.addArrived(b, s.arrived);
  DynamicSummaryFb.addStuck(b, s.stuck);
  DynamicSummaryFb.addStuckTimedOut(b, s.stuckTimedOut);
  DynamicSummaryFb.addUnfinished(b, s.unfinished);
  DynamicSummaryFb.addMeanTravelTimeS(b, s.meanTravelTimeS);
  DynamicSummaryFb.addVehicleSeconds(b, s.vehicleSeconds);
  DynamicSummaryFb.addVehicleKm(b, s.vehicleKm);
  DynamicSummaryFb.addRejectedUnknownNode(b, s.rejected.unknownNode);
  DynamicSummaryFb.addRejectedOutsideHorizon(b, s.rejected.outsideHorizon);
  DynamicSummaryFb.addRejectedSameNode(b, s.rejected.sameNode);
  DynamicSummaryFb.addRejectedUnreachable(b, s.rejected.unreachable);
  DynamicSummaryFb.addWindowStartS(b, s.windowStartS);
  DynamicSummaryFb.addWindowEndS(b, s.windowEndS);
  DynamicSummaryFb.addIterations(b, s.iterations);
  DynamicSummaryFb.addSeconds(b, s.seconds);
  DynamicSummaryFb.addConserved(b, s.conserved);
  DynamicSummaryFb.addSeriesBinS(b, d.series.binS);
  DynamicSummaryFb.addSeriesStartS(b, d.series.startS);
  DynamicSummaryFb.addSeriesBinCount(b, d.series.binCount);
  DynamicSummaryFb.addTimedClosures(b, s.timedClosures);
  DynamicSummaryFb.addSqueezed(b, s.squeezed);
  DynamicSummaryFb.addRoutesDrawn(b, s.routesDrawn);
  DynamicSummaryFb.addHistory(b, history);
  DynamicSummaryFb.addHistoryMoved(b, moved);
  DynamicSummaryFb.addRelativeGap(b, s.relativeGap);
  DynamicSummaryFb.addEndedAtClosure(b, s.endedAtClosure);
  const out: [number, number][] = [[DYNAMIC_FIELD, DynamicSummaryFb.endDynamicSummaryFb(b)]];
  for (const [k, field] of TRIP_FIELDS) out.push([field, typedVector(b, d.trips[k] as Column)]);
  for (const [k, field] of SERIES_FIELDS) out.push([field, typedVector(b, d.series[k] as Column)]);
  for (const [k, field] of TRAJ_FIELDS) out.push([field, typedVector(b, d.trajectories[k] as Column)]);
  return out;
}

type ColumnReader = (field: number, Ctor: ColumnCtor, what: string, want: number | null) => Column;

/** The dynamic sections of a decoded file, or undefined for a static run; `fail` names the problem. */
export function decodeDynamic(fb: RunResultFile, edgeCount: number, column: ColumnReader, fail: (problem: string) => never): RunDynamic | undefined {
  const s = fb.dynamic();
  if (!s) return undefined;
  const tripCount = column(TRIP_FIELDS[0][1], Float64Array, 'trip id', null).length;
  const trips = { count: tripCount } as DynamicTrips;
  for (const [k, field, Ctor] of TRIP_FIELDS) (trips as unknown as Record<string, Column>)[k] = column(field, Ctor, `trip ${k}`, tripCount);
  const binCount = s.seriesBinCount();
  const series = { binS: s.seriesBinS(), startS: s.seriesStartS(), binCount } as DynamicSeries;
  for (const [k, field, Ctor] of SERIES_FIELDS) (series as unknown as Record<string, Column>)[k] = column(field, Ctor, `series ${k}`, binCount * edgeCount);
  const trip = column(TRAJ_FIELDS[0][1], Int32Array, 'trajectory trip', null) as Int32Array;
  const startIndices = column(TRAJ_FIELDS[1][1], Uint32Array, 'trajectory startIndices', trip.length + 1) as Uint32Array;
  const coords = column(TRAJ_FIELDS[2][1], Float64Array, 'trajectory coords', null) as Float64Array;
  const timestamps = column(TRAJ_FIELDS[3][1], Float32Array, 'trajectory timestamps', coords.length / 2) as Float32Array;
  if (startIndices[trip.length] !== timestamps.length) fail(`trajectory startIndices end at ${startIndices[trip.length]}, expected the point count ${timestamps.length}`);
  return {
    summary: {
      vehicles: s.vehicles(),
      arrived: s.arrived(),
      stuck: s.stuck(),
      stuckTimedOut: s.stuckTimedOut(),
      unfinished: s.unfinished(),
      meanTravelTimeS: s.meanTravelTimeS(),
      vehicleSeconds: s.vehicleSeconds(),
      vehicleKm: s.vehicleKm(),
      rejected: { unknownNode: s.rejectedUnknownNode(), outsideHorizon: s.rejectedOutsideHorizon(), sameNode: s.rejectedSameNode(), unreachable: s.rejectedUnreachable() },
      windowStartS: s.windowStartS(),
      windowEndS: s.windowEndS(),
      iterations: s.iterations(),
      seconds: s.seconds(),
      conserved: s.conserved(),
      timedClosures: s.timedClosures(),
      squeezed: s.squeezed(),
      routesDrawn: s.routesDrawn(),
      relativeGap: s.relativeGap(),
      endedAtClosure: s.endedAtClosure(),
      history: Array.from({ length: s.historyLength() }, (_, i) => {
        const h = s.history(i)!;
        return { iteration: i, arrived: h.arrived(), stuck: h.stuck(), meanTravelTimeS: h.meanTravelTimeS(), vehicleSeconds: h.vehicleSeconds(), squeezed: h.squeezed(), gap: h.gap(), moved: s.historyMoved(i) ?? 0 };
      }),
    },
    trips,
    series,
    trajectories: { count: trip.length, trip, startIndices, coords, timestamps },
  };
}
