/**
 * Decoding of the run result file (`result.fb`, written by result-file.ts): a RunResult over
 * the file's bytes, every column a typed-array view over them (a column at an offset its
 * element size does not divide is copied). Nothing here needs Node, so the viewer decodes the
 * fetched bytes with the same code (viewer/src/result-decode.ts). Field ids and column types
 * are the schema's (schema/run-result.fbs).
 */
import * as flatbuffers from 'flatbuffers';
import { InputError } from '../util/input-error.ts';
import { RunResultFile } from './generated/run-result_generated.ts';
import type { Column, ColumnCtor } from '../util/fb-vector.ts';
import { decodeDynamic } from './result-dynamic.ts';
import { WayNames } from '../graph/way-names.ts';
import type { RunEdges, RunMeta, RunResult, RunZones } from './run-result.ts';

export const RESULT_FILE_VERSION = 1;
export const RESULT_FILE_IDENTIFIER = 'GMRS';

/** Schema field id and type of each edge column (see run-result.fbs). */
export const EDGE_FIELDS: [keyof RunEdges, number, ColumnCtor][] = [
  ['osmWayId', 6, Float64Array],
  ['dir', 7, Uint8Array],
  ['roadClass', 8, Uint8Array],
  ['lanes', 9, Uint8Array],
  ['lengthM', 10, Float64Array],
  ['capacityVph', 11, Float64Array],
  ['freeFlowS', 12, Float64Array],
  ['flowVph', 13, Float64Array],
  ['timeS', 14, Float64Array],
  ['vc', 15, Float32Array],
  ['speedKmh', 16, Float32Array],
  ['changed', 17, Uint8Array],
  ['geometryOffsets', 18, Uint32Array],
  ['geometryCoords', 19, Float64Array],
];
export const ZONE_FIELDS: [keyof RunZones, number, ColumnCtor][] = [
  ['lon', 21, Float64Array],
  ['lat', 22, Float64Array],
  ['timeS', 23, Float32Array],
  ['trips', 24, Float32Array],
];
export const CONV_FIELDS = { iteration: 25, gap: 26, step: 27, objective: 28, seconds: 29 } as const;
export const ZONE_IDS_FIELD = 20;
export const WAY_FIELDS = { ids: 48, names: 49, refs: 50, synthetic: 51 } as const;
/** Trucks per hour per edge, only in runs with trucks as a class (run-result.fbs, trucks_vph). */
export const TRUCKS_FIELD = 53;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A RunResult over the bytes of a result file; `file` names the source in error messages. */
export function decodeResult(bytes: Uint8Array, file = 'result bytes'): RunResult {
  const fail = (problem: string): never => {
    throw new InputError(file, problem);
  };
  if (!LITTLE_ENDIAN) fail('result files are read as typed-array views, which needs a little-endian machine');
  if (bytes.length === 0) fail('the file is empty; expected a gemeo run result (result.fb)');
  if (bytes.length < 8) fail(`only ${bytes.length} bytes; not a gemeo run result (result.fb)`);
  const bb = new flatbuffers.ByteBuffer(bytes);
  if (!RunResultFile.bufferHasIdentifier(bb)) {
    const id = String.fromCharCode(...bytes.subarray(4, 8)).replace(/[^\x20-\x7e]/g, '?');
    fail(`not a gemeo run result (identifier "${id}", expected "${RESULT_FILE_IDENTIFIER}")`);
  }
  try {
    return decodeChecked(bb, bytes, fail);
  } catch (err) {
    if (err instanceof InputError) throw err;
    // The generated accessors read past the end of a truncated or corrupt buffer.
    return fail(`corrupt or truncated run result (${(err as Error).message})`);
  }
}

function decodeChecked(bb: flatbuffers.ByteBuffer, bytes: Uint8Array, fail: (problem: string) => never): RunResult {
  const root = bb.readUint32(0);
  if (root < 8 || root + 4 > bytes.length) fail(`truncated run result: the root table at ${root} lies outside the ${bytes.length}-byte file`);
  const fb = RunResultFile.getRootAsRunResultFile(bb);
  const version = fb.version();
  if (version !== RESULT_FILE_VERSION) fail(`unsupported run result format version ${version}; this gemeo reads version ${RESULT_FILE_VERSION} (rerun the scenario)`);
  const m = fb.meta() ?? fail('meta is missing');
  const t = fb.totals() ?? fail('totals are missing');
  const a = fb.assignment() ?? fail('assignment is missing');
  const edgeCount = fb.edgeCount();
  const zoneCount = fb.zoneCount();

  const column = (field: number, Ctor: ColumnCtor, what: string, want: number | null): Column => {
    const off = bb.__offset(root, 4 + 2 * field);
    if (!off) return fail(`column ${what} is missing`);
    const at = root + off;
    if (at + 4 > bytes.length) return fail(`truncated run result: column ${what} needs ${at + 4} bytes, the file has ${bytes.length}`);
    const vec = bb.__vector(at);
    const length = bb.__vector_len(at);
    const end = vec + length * Ctor.BYTES_PER_ELEMENT;
    if (end > bytes.length) return fail(`truncated run result: column ${what} needs ${end} bytes, the file has ${bytes.length}`);
    if (want !== null && length !== want) return fail(`column ${what} has ${length} values, expected ${want}`);
    const byteAt = bytes.byteOffset + vec;
    if (byteAt % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, byteAt, length);
    return new Ctor(bytes.slice(vec, end).buffer as ArrayBuffer);
  };

  const edges = { count: edgeCount } as RunEdges;
  for (const [name, field, Ctor] of EDGE_FIELDS) {
    const want = name === 'geometryOffsets' ? edgeCount + 1 : name === 'geometryCoords' ? null : edgeCount;
    (edges as unknown as Record<string, Column>)[name] = column(field, Ctor, name, want);
  }
  if (bb.__offset(root, 4 + 2 * TRUCKS_FIELD)) edges.trucksVph = column(TRUCKS_FIELD, Float64Array, 'trucksVph', edgeCount) as Float64Array;
  const { geometryOffsets: go, geometryCoords: gc } = edges;
  if (gc.length % 2 !== 0) fail('column geometryCoords has an odd count; expected lon,lat pairs');
  if (go[0] !== 0 || go[edgeCount] !== gc.length / 2) fail(`column geometryOffsets must run from 0 to the point count ${gc.length / 2}`);

  const zones = { count: zoneCount, ids: [] as string[] } as RunZones;
  for (const [name, field, Ctor] of ZONE_FIELDS) {
    const want = name === 'lon' || name === 'lat' ? zoneCount : zoneCount * zoneCount;
    (zones as unknown as Record<string, Column>)[name] = column(field, Ctor, `zone ${name}`, want);
  }
  if (fb.zoneIdsLength() !== zoneCount) fail(`zone ids have ${fb.zoneIdsLength()} values, expected ${zoneCount}`);
  for (let z = 0; z < zoneCount; z++) zones.ids.push(fb.zoneIds(z) ?? '');
  if (fb.zoneNamesLength() > 0 || zoneCount === 0) {
    if (fb.zoneNamesLength() !== zoneCount) fail(`zone names have ${fb.zoneNamesLength()} values, expected ${zoneCount}`);
    if (zoneCount > 0) zones.names = Array.from({ length: zoneCount }, (_, z) => fb.zoneNames(z) ?? '');
  }

  const iteration = column(CONV_FIELDS.iteration, Uint32Array, 'convergence iteration', null);
  const conv = Object.fromEntries((['gap', 'step', 'objective', 'seconds'] as const).map((k) => [k, column(CONV_FIELDS[k], Float64Array, `convergence ${k}`, iteration.length)]));
  const convergence = Array.from(iteration, (it, i) => ({ iteration: it, gap: conv.gap[i], step: conv.step[i], objective: conv.objective[i], seconds: conv.seconds[i] }));

  const attractions = [];
  for (let i = 0; i < fb.attractionsLength(); i++) {
    const x = fb.attractions(i)!;
    attractions.push({ name: x.name() ?? '', lon: x.lon(), lat: x.lat(), accessMin: x.accessMin() });
  }
  const interventions = [];
  for (let i = 0; i < fb.interventionsLength(); i++) {
    const x = fb.interventions(i)!;
    const from = x.from() ?? '';
    const to = x.to() ?? '';
    interventions.push({
      intervention: x.intervention(),
      type: x.type() ?? '',
      edges: x.edges(),
      note: x.note() ?? '',
      ...(x.label() ? { label: x.label()! } : {}),
      ...(x.attendance() > 0 ? { attendance: x.attendance() } : {}),
      ...(from !== '' && to !== '' ? { from, to } : {}),
    });
  }
  const model = m.model();
  if (model !== 'static' && model !== 'dynamic') fail(`meta.model is ${JSON.stringify(model)}, expected "static" or "dynamic"`);
  const meta: RunMeta = {
    city: m.city() ?? '',
    cityName: m.cityName() ?? '',
    scenario: m.scenario() ?? '',
    name: m.name() ?? '',
    model: model as RunMeta['model'],
    period: m.period() ?? '',
    seed: m.seed(),
    synthetic: m.synthetic(),
    graphName: m.graphName() ?? '',
    inputHash: m.inputHash() ?? '',
    version: m.version() ?? '',
    createdAt: m.createdAt() ?? '',
  };
  const dynamic = decodeDynamic(fb, edgeCount, column, fail);
  // street names: absent in files written before they were kept
  let wayNames = WayNames.EMPTY;
  if (bb.__offset(root, 4 + 2 * WAY_FIELDS.ids)) {
    const ids = column(WAY_FIELDS.ids, Float64Array, 'way ids', null) as Float64Array;
    const n = ids.length;
    if (fb.wayNamesLength() !== n || fb.wayRefsLength() !== n) fail(`street names: ${n} way ids but ${fb.wayNamesLength()} names and ${fb.wayRefsLength()} refs`);
    const synthetic = column(WAY_FIELDS.synthetic, Uint8Array, 'way synthetic', n) as Uint8Array;
    try {
      wayNames = new WayNames(ids, Array.from({ length: n }, (_, i) => fb.wayNames(i) ?? ''), Array.from({ length: n }, (_, i) => fb.wayRefs(i) ?? ''), synthetic);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  return {
    meta,
    edges,
    zones,
    totals: { vkt: t.vkt(), vht: t.vht(), delayVh: t.delayVh(), meanTripMin: t.meanTripMin(), trips: t.trips(), unreachableTrips: t.unreachableTrips(), co2Kg: t.co2Kg() },
    convergence,
    assignment: { method: a.method() ?? '', iterations: a.iterations(), relativeGap: a.relativeGap(), seconds: a.seconds() },
    attractions,
    interventions,
    wayNames,
    ...(dynamic ? { dynamic } : {}),
  };
}
