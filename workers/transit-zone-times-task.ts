/** Worker task: a range of origin rows of the zone transit times (engine/transit/zone-times.ts). */
import { zoneTimeRows, type ZoneTimesProblem } from '../engine/transit/zone-times.ts';

export default function transitZoneTimesTask(t: { problem: ZoneTimesProblem; from: number; to: number }): { seconds: Float64Array; busShare: Float32Array } {
  return zoneTimeRows(t.problem, t.from, t.to);
}
