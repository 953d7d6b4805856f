/**
 * The dynamic model's two tables, written the same way by `gemeo run` (a dynamic scenario) and
 * `gemeo simulate` (a trips file):
 *  - trips.csv: id,kind,status,depart_s,arrive_s,travel_s,distance_m,delay_s — one row per trip;
 *    arrive_s, travel_s and delay_s are empty where the trip did not arrive, kind is empty for
 *    trips read from a file;
 *  - link-series.csv: bin_start_s,edge,way,dir,flow_vph,speed_kmh,density_vpkm,queue_veh — cells
 *    with any vehicle on the edge; speed is empty in bins where no vehicle left the edge.
 */
import { TRIP_KIND_NAMES } from '../demand/agents.ts';
import { csvText, writeCsvChunked } from '../util/csv-write.ts';
import { TRIP_STATUS_NAMES } from './trip-records.ts';

export const TRIPS_CSV_HEADER = 'id,kind,status,depart_s,arrive_s,travel_s,distance_m,delay_s';
export const LINK_SERIES_CSV_HEADER = 'bin_start_s,edge,way,dir,flow_vph,speed_kmh,density_vpkm,queue_veh';

export interface TripRows {
  count: number;
  id: ArrayLike<number> | readonly string[];
  /** engine/demand/agents.ts TripKind; absent for trips read from a file. */
  kind?: Uint8Array;
  status: Uint8Array;
  departS: ArrayLike<number>;
  /** NaN unless arrived. */
  arriveS: ArrayLike<number>;
  distanceM: ArrayLike<number>;
  /** NaN unless arrived. */
  delayS: ArrayLike<number>;
}

export interface SeriesCells {
  binS: number;
  startS: number;
  binCount: number;
  flowVph: ArrayLike<number>;
  speedKmh: ArrayLike<number>;
  densityVpkm: ArrayLike<number>;
  queueVeh: ArrayLike<number>;
}

export function writeTripsCsv(file: string, t: TripRows): void {
  const num = (v: number, d: number) => (Number.isFinite(v) ? String(round(v, d)) : '');
  writeCsvChunked(file, TRIPS_CSV_HEADER, t.count, (i) => {
    const id = typeof t.id[i] === 'string' ? csvText(t.id[i] as string) : String(t.id[i]);
    const kind = t.kind ? (TRIP_KIND_NAMES[t.kind[i]] ?? String(t.kind[i])) : '';
    return `${id},${kind},${TRIP_STATUS_NAMES[t.status[i]] ?? t.status[i]},${t.departS[i]},${num(t.arriveS[i], 0)},${num(t.arriveS[i] - t.departS[i], 0)},${num(t.distanceM[i], 1)},${num(t.delayS[i], 0)}`;
  });
}

/** `edges`: way id and direction (1 = against the way's drawing order) of each edge. */
export function writeLinkSeriesCsv(file: string, s: SeriesCells, edges: { count: number; osmWayId: ArrayLike<number>; dir: ArrayLike<number> }): void {
  const m = edges.count;
  const cells: number[] = [];
  for (let c = 0; c < s.binCount * m; c++) if (s.flowVph[c] > 0 || s.densityVpkm[c] > 0) cells.push(c);
  writeCsvChunked(file, LINK_SERIES_CSV_HEADER, cells.length, (i) => {
    const c = cells[i];
    const k = c % m;
    const speed = s.speedKmh[c];
    return `${s.startS + Math.floor(c / m) * s.binS},${k},${edges.osmWayId[k]},${edges.dir[k]},${round(s.flowVph[c], 2)},${Number.isFinite(speed) ? round(speed, 2) : ''},${round(s.densityVpkm[c], 3)},${round(s.queueVeh[c], 3)}`;
  });
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
