/**
 * The run result file (`result.fb`): a RunResult as one flatbuffer (schema in
 * schema/run-result.fbs, identifier "GMRS", format version 1). Every per-edge and per-zone
 * column is a vector of its own scalar type, so decoding hands out typed-array views over the
 * file's bytes (no per-element rebuild); the viewer does the same in the browser and passes the
 * geometry and value columns to deck.gl as binary attributes.
 *
 * Geometry is float64 lon,lat: the same numbers as graph.fb (edge keys join exactly across runs)
 * and deck.gl takes Float64Array positions; float32 would lose ~1 m at these longitudes.
 * Flatbuffers aligns each vector to its element size relative to the buffer's end and the
 * builder here keeps the whole buffer 8-aligned, so bytes read at offset 0 give legal views; a
 * column that is not aligned (bytes at an odd offset) is copied instead.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/write-atomic.ts';
import * as flatbuffers from 'flatbuffers';
import { InputError } from '../osm/osm-extract.ts';
import { AssignmentFb, AttractionFb, InterventionFb, RunMetaFb, RunResultFile, RunTotalsFb } from './generated/run-result_generated.ts';
import { typedVector, type Column, type ColumnCtor } from '../util/fb-vector.ts';
import { decodeDynamic, dynamicBytes, encodeDynamic } from './result-dynamic.ts';
import type { RunEdges, RunMeta, RunResult, RunZones } from './run-result.ts';

export const RESULT_FILE_VERSION = 1;
export const RESULT_FILE_IDENTIFIER = 'GMRS';


/** Schema field id and type of each edge column (see run-result.fbs). */
const EDGE_FIELDS: [keyof RunEdges, number, ColumnCtor][] = [
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
const ZONE_FIELDS: [keyof RunZones, number, ColumnCtor][] = [
  ['lon', 21, Float64Array],
  ['lat', 22, Float64Array],
  ['timeS', 23, Float32Array],
  ['trips', 24, Float32Array],
];
const CONV_FIELDS = { iteration: 25, gap: 26, step: 27, objective: 28, seconds: 29 } as const;
const ZONE_IDS_FIELD = 20;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Serialises a run result to the bytes of a result file. */
export function encodeResult(r: RunResult): Uint8Array {
  let estimate = 4096 + 64 * r.zones.count + 128 * (r.attractions.length + r.interventions.length + r.convergence.length);
  for (const [name] of EDGE_FIELDS) estimate += (r.edges[name] as Column).byteLength + 16;
  for (const [name] of ZONE_FIELDS) estimate += (r.zones[name] as Column).byteLength + 16;
  estimate += dynamicBytes(r.dynamic);
  // a capacity that is a multiple of 8 keeps the finished bytes 8-aligned in their ArrayBuffer
  const b = new flatbuffers.Builder(Math.ceil(estimate / 8) * 8);

  const meta = metaTable(b, r.meta);
  RunTotalsFb.startRunTotalsFb(b);
  RunTotalsFb.addVkt(b, r.totals.vkt);
  RunTotalsFb.addVht(b, r.totals.vht);
  RunTotalsFb.addDelayVh(b, r.totals.delayVh);
  RunTotalsFb.addMeanTripMin(b, r.totals.meanTripMin);
  RunTotalsFb.addTrips(b, r.totals.trips);
  RunTotalsFb.addUnreachableTrips(b, r.totals.unreachableTrips);
  RunTotalsFb.addCo2Kg(b, r.totals.co2Kg);
  const totals = RunTotalsFb.endRunTotalsFb(b);
  const method = b.createString(r.assignment.method);
  AssignmentFb.startAssignmentFb(b);
  AssignmentFb.addMethod(b, method);
  AssignmentFb.addIterations(b, r.assignment.iterations);
  AssignmentFb.addRelativeGap(b, r.assignment.relativeGap);
  AssignmentFb.addSeconds(b, r.assignment.seconds);
  const assignment = AssignmentFb.endAssignmentFb(b);

  const attractions = RunResultFile.createAttractionsVector(
    b,
    r.attractions.map((a) => {
      const name = b.createString(a.name);
      AttractionFb.startAttractionFb(b);
      AttractionFb.addName(b, name);
      AttractionFb.addLon(b, a.lon);
      AttractionFb.addLat(b, a.lat);
      AttractionFb.addAccessMin(b, a.accessMin);
      return AttractionFb.endAttractionFb(b);
    }),
  );
  const interventions = RunResultFile.createInterventionsVector(
    b,
    r.interventions.map((x) => {
      const type = b.createString(x.type);
      const note = b.createString(x.note);
      InterventionFb.startInterventionFb(b);
      InterventionFb.addIntervention(b, x.intervention);
      InterventionFb.addType(b, type);
      InterventionFb.addEdges(b, x.edges);
      InterventionFb.addNote(b, note);
      return InterventionFb.endInterventionFb(b);
    }),
  );
  const zoneIds = RunResultFile.createZoneIdsVector(b, r.zones.ids.map((id) => b.createString(id)));

  const vectors: [number, number][] = [];
  for (const [name, field] of EDGE_FIELDS) vectors.push([field, typedVector(b, r.edges[name] as Column)]);
  for (const [name, field] of ZONE_FIELDS) vectors.push([field, typedVector(b, r.zones[name] as Column)]);
  const conv = r.convergence;
  vectors.push([CONV_FIELDS.iteration, typedVector(b, Uint32Array.from(conv, (c) => c.iteration))]);
  for (const key of ['gap', 'step', 'objective', 'seconds'] as const) vectors.push([CONV_FIELDS[key], typedVector(b, Float64Array.from(conv, (c) => c[key]))]);
  if (r.dynamic) vectors.push(...encodeDynamic(b, r.dynamic));

  RunResultFile.startRunResultFile(b);
  RunResultFile.addVersion(b, RESULT_FILE_VERSION);
  RunResultFile.addMeta(b, meta);
  RunResultFile.addTotals(b, totals);
  RunResultFile.addAssignment(b, assignment);
  RunResultFile.addEdgeCount(b, r.edges.count);
  RunResultFile.addZoneCount(b, r.zones.count);
  for (const [field, offset] of vectors) b.addFieldOffset(field, offset, 0);
  b.addFieldOffset(ZONE_IDS_FIELD, zoneIds, 0);
  RunResultFile.addAttractions(b, attractions);
  RunResultFile.addInterventions(b, interventions);
  RunResultFile.finishRunResultFileBuffer(b, RunResultFile.endRunResultFile(b));
  const out = b.asUint8Array();
  return out.byteOffset % 8 === 0 ? out : out.slice();
}

/** Writes the result file atomically: a temporary file in the same folder, then a rename. */
export function writeResultFile(path: string, result: RunResult): void {
  writeFileAtomic(path, encodeResult(result));
}

/** Reads a result file; its columns are views over one 8-aligned copy of the file's bytes. */
export function readResultFile(path: string): RunResult {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file; expected a gemeo run result (result.fb)' : `cannot read (${code ?? String(err)})`);
  }
  // Node may hand back a slice of a shared pool at any offset; a fresh buffer starts aligned.
  const bytes = raw.byteOffset % 8 === 0 ? new Uint8Array(raw.buffer, raw.byteOffset, raw.length) : new Uint8Array(raw);
  return decodeResult(bytes, path);
}

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
    interventions.push({ intervention: x.intervention(), type: x.type() ?? '', edges: x.edges(), note: x.note() ?? '' });
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
  return {
    meta,
    edges,
    zones,
    totals: { vkt: t.vkt(), vht: t.vht(), delayVh: t.delayVh(), meanTripMin: t.meanTripMin(), trips: t.trips(), unreachableTrips: t.unreachableTrips(), co2Kg: t.co2Kg() },
    convergence,
    assignment: { method: a.method() ?? '', iterations: a.iterations(), relativeGap: a.relativeGap(), seconds: a.seconds() },
    attractions,
    interventions,
    ...(dynamic ? { dynamic } : {}),
  };
}

function metaTable(b: flatbuffers.Builder, m: RunMeta): flatbuffers.Offset {
  const s = (v: string) => b.createString(v);
  const city = s(m.city);
  const cityName = s(m.cityName);
  const scenario = s(m.scenario);
  const name = s(m.name);
  const model = s(m.model);
  const period = s(m.period);
  const graphName = s(m.graphName);
  const inputHash = s(m.inputHash);
  const version = s(m.version);
  const createdAt = s(m.createdAt);
  RunMetaFb.startRunMetaFb(b);
  RunMetaFb.addCity(b, city);
  RunMetaFb.addCityName(b, cityName);
  RunMetaFb.addScenario(b, scenario);
  RunMetaFb.addName(b, name);
  RunMetaFb.addModel(b, model);
  RunMetaFb.addPeriod(b, period);
  RunMetaFb.addSeed(b, m.seed);
  RunMetaFb.addSynthetic(b, m.synthetic);
  RunMetaFb.addGraphName(b, graphName);
  RunMetaFb.addInputHash(b, inputHash);
  RunMetaFb.addVersion(b, version);
  RunMetaFb.addCreatedAt(b, createdAt);
  return RunMetaFb.endRunMetaFb(b);
}
