/**
 * decodeRunResult: a run result file (result.fb) in the browser — the engine's decoder reads
 * files with node:fs, so this one works on the fetched bytes alone, over the same generated
 * flatbuffers code. Columns are typed-array views over the bytes (the writer keeps every vector
 * aligned to its element size), ready to hand to deck.gl as binary attributes. A dynamic run's
 * sections (trips, 15-min series, sampled trajectories) are read by the engine's decodeDynamic,
 * which needs nothing of Node, over a column reader of the same bytes.
 */
import * as flatbuffers from 'flatbuffers';
import { RunResultFile } from '../../engine/metrics/generated/run-result_generated.ts';
import { decodeDynamic } from '../../engine/metrics/result-dynamic.ts';
import type { RunEdges, RunMeta, RunResult, RunTotals } from '../../engine/metrics/run-result.ts';
import type { Column, ColumnCtor } from '../../engine/util/fb-vector.ts';

export const RESULT_FILE_VERSION = 1;

/** What the viewer needs of a run: everything but the convergence history. */
export type ViewerRun = Omit<RunResult, 'convergence' | 'assignment'>;

export class ResultDecodeError extends Error {
  override name = 'ResultDecodeError';
}

export function decodeRunResult(buffer: ArrayBuffer, source = 'result.fb'): ViewerRun {
  const bytes = new Uint8Array(buffer);
  const fail = (problem: string): never => {
    throw new ResultDecodeError(`${source}: ${problem}`);
  };
  if (bytes.length < 8) fail(`only ${bytes.length} bytes; not a gemeo run result`);
  const bb = new flatbuffers.ByteBuffer(bytes);
  if (!RunResultFile.bufferHasIdentifier(bb)) fail('not a gemeo run result (identifier is not "GMRS")');
  const fb = RunResultFile.getRootAsRunResultFile(bb);
  if (fb.version() !== RESULT_FILE_VERSION) fail(`format version ${fb.version()}, this viewer reads ${RESULT_FILE_VERSION}`);
  const need = <T>(v: T | null, what: string): T => (v === null ? fail(`${what} is missing`) : v);
  const count = fb.edgeCount();
  const edges: RunEdges = {
    count,
    osmWayId: need(fb.osmWayIdArray(), 'osm_way_id'),
    dir: need(fb.dirArray(), 'dir'),
    roadClass: need(fb.roadClassArray(), 'road_class'),
    lanes: need(fb.lanesArray(), 'lanes'),
    lengthM: need(fb.lengthMArray(), 'length_m'),
    capacityVph: need(fb.capacityVphArray(), 'capacity_vph'),
    freeFlowS: need(fb.freeFlowSArray(), 'free_flow_s'),
    flowVph: need(fb.flowVphArray(), 'flow_vph'),
    timeS: need(fb.timeSArray(), 'time_s'),
    vc: need(fb.vcArray(), 'vc'),
    speedKmh: need(fb.speedKmhArray(), 'speed_kmh'),
    changed: need(fb.changedArray(), 'changed'),
    geometryOffsets: need(fb.geometryOffsetsArray(), 'geometry_offsets'),
    geometryCoords: need(fb.geometryCoordsArray(), 'geometry_coords'),
  };
  if (edges.flowVph.length !== count || edges.geometryOffsets.length !== count + 1) fail(`edge columns do not have ${count} values`);
  if (edges.geometryOffsets[count] * 2 !== edges.geometryCoords.length) fail('geometry offsets do not end at the point count');
  const m = need(fb.meta(), 'meta');
  const t = need(fb.totals(), 'totals');
  const zoneCount = fb.zoneCount();
  const ids: string[] = [];
  for (let z = 0; z < zoneCount; z++) ids.push(fb.zoneIds(z) ?? '');
  const meta: RunMeta = {
    city: m.city() ?? '',
    cityName: m.cityName() ?? '',
    scenario: m.scenario() ?? '',
    name: m.name() ?? '',
    model: m.model() === 'dynamic' ? 'dynamic' : 'static',
    period: m.period() ?? '',
    seed: m.seed(),
    synthetic: m.synthetic(),
    graphName: m.graphName() ?? '',
    inputHash: m.inputHash() ?? '',
    version: m.version() ?? '',
    createdAt: m.createdAt() ?? '',
  };
  const totals: RunTotals = { vkt: t.vkt(), vht: t.vht(), delayVh: t.delayVh(), meanTripMin: t.meanTripMin(), trips: t.trips(), unreachableTrips: t.unreachableTrips(), co2Kg: t.co2Kg() };
  const attractions: ViewerRun['attractions'] = [];
  for (let i = 0; i < fb.attractionsLength(); i++) {
    const x = fb.attractions(i)!;
    attractions.push({ name: x.name() ?? '', lon: x.lon(), lat: x.lat(), accessMin: x.accessMin() });
  }
  const interventions: ViewerRun['interventions'] = [];
  for (let i = 0; i < fb.interventionsLength(); i++) {
    const x = fb.interventions(i)!;
    interventions.push({ intervention: x.intervention(), type: x.type() ?? '', edges: x.edges(), note: x.note() ?? '' });
  }
  const root = fb.bb_pos;
  const column = (field: number, Ctor: ColumnCtor, what: string, want: number | null): Column => {
    const off = bb.__offset(root, 4 + 2 * field);
    if (!off) return fail(`column ${what} is missing`);
    const vec = bb.__vector(root + off);
    const length = bb.__vector_len(root + off);
    const end = vec + length * Ctor.BYTES_PER_ELEMENT;
    if (end > bytes.length) return fail(`truncated run result: column ${what} needs ${end} bytes, the file has ${bytes.length}`);
    if (want !== null && length !== want) return fail(`column ${what} has ${length} values, expected ${want}`);
    // a vector at an offset its element size does not divide cannot be viewed; copy it then
    return vec % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(buffer, vec, length) : new Ctor(bytes.slice(vec, end).buffer);
  };
  const dynamic = decodeDynamic(fb, count, column, fail);
  return {
    meta,
    edges,
    zones: {
      count: zoneCount,
      ids,
      lon: need(fb.zoneLonArray(), 'zone_lon'),
      lat: need(fb.zoneLatArray(), 'zone_lat'),
      timeS: need(fb.zoneTimeSArray(), 'zone_time_s'),
      trips: need(fb.zoneTripsArray(), 'zone_trips'),
    },
    totals,
    attractions,
    interventions,
    ...(dynamic ? { dynamic } : {}),
  };
}
