/**
 * The run result file (`result.fb`): a RunResult as one flatbuffer (schema in
 * schema/run-result.fbs, identifier "GMRS", format version 1). Every per-edge and per-zone
 * column is a vector of its own scalar type, so decoding hands out typed-array views over the
 * file's bytes (no per-element rebuild, result-decode.ts); the viewer decodes with the same code
 * in the browser and passes the geometry and value columns to deck.gl as binary attributes.
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
import { InputError } from '../util/input-error.ts';
import { AssignmentFb, AttractionFb, InterventionFb, RunMetaFb, RunResultFile, RunTotalsFb } from './generated/run-result_generated.ts';
import { typedVector, type Column } from '../util/fb-vector.ts';
import { CONV_FIELDS, decodeResult, EDGE_FIELDS, RESULT_FILE_VERSION, TRUCKS_FIELD, WAY_FIELDS, ZONE_FIELDS, ZONE_IDS_FIELD } from './result-decode.ts';
import { WayNames } from '../graph/way-names.ts';
import { dynamicBytes, encodeDynamic } from './result-dynamic.ts';
import type { RunMeta, RunResult } from './run-result.ts';

export { decodeResult, RESULT_FILE_IDENTIFIER, RESULT_FILE_VERSION } from './result-decode.ts';


/** Serialises a run result to the bytes of a result file. */
export function encodeResult(r: RunResult): Uint8Array {
  let estimate = 4096 + 48 * (r.wayNames?.count ?? 0) + 64 * r.zones.count + 128 * (r.attractions.length + r.interventions.length + r.convergence.length);
  for (const [name] of EDGE_FIELDS) estimate += (r.edges[name] as Column).byteLength + 16;
  if (r.edges.trucksVph) estimate += r.edges.trucksVph.byteLength + 16;
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
      const label = b.createString(x.label ?? '');
      const from = b.createString(x.from ?? '');
      const to = b.createString(x.to ?? '');
      InterventionFb.startInterventionFb(b);
      InterventionFb.addIntervention(b, x.intervention);
      InterventionFb.addType(b, type);
      InterventionFb.addEdges(b, x.edges);
      InterventionFb.addNote(b, note);
      InterventionFb.addLabel(b, label);
      InterventionFb.addAttendance(b, x.attendance ?? 0);
      InterventionFb.addFrom(b, from);
      InterventionFb.addTo(b, to);
      return InterventionFb.endInterventionFb(b);
    }),
  );
  const zoneIds = RunResultFile.createZoneIdsVector(b, r.zones.ids.map((id) => b.createString(id)));
  const zoneNames = r.zones.names ? RunResultFile.createZoneNamesVector(b, r.zones.names.map((n) => b.createString(n))) : 0;
  const names = r.wayNames ?? WayNames.EMPTY;
  const wayNames = RunResultFile.createWayNamesVector(b, names.names.map((x) => b.createString(x)));
  const wayRefs = RunResultFile.createWayRefsVector(b, names.refs.map((x) => b.createString(x)));

  const vectors: [number, number][] = [];
  for (const [name, field] of EDGE_FIELDS) vectors.push([field, typedVector(b, r.edges[name] as Column)]);
  if (r.edges.trucksVph) vectors.push([TRUCKS_FIELD, typedVector(b, r.edges.trucksVph)]);
  for (const [name, field] of ZONE_FIELDS) vectors.push([field, typedVector(b, r.zones[name] as Column)]);
  const conv = r.convergence;
  vectors.push([CONV_FIELDS.iteration, typedVector(b, Uint32Array.from(conv, (c) => c.iteration))]);
  for (const key of ['gap', 'step', 'objective', 'seconds'] as const) vectors.push([CONV_FIELDS[key], typedVector(b, Float64Array.from(conv, (c) => c[key]))]);
  if (r.dynamic) vectors.push(...encodeDynamic(b, r.dynamic));
  vectors.push([WAY_FIELDS.ids, typedVector(b, names.ids)], [WAY_FIELDS.names, wayNames], [WAY_FIELDS.refs, wayRefs], [WAY_FIELDS.synthetic, typedVector(b, names.synthetic)]);

  RunResultFile.startRunResultFile(b);
  RunResultFile.addVersion(b, RESULT_FILE_VERSION);
  RunResultFile.addMeta(b, meta);
  RunResultFile.addTotals(b, totals);
  RunResultFile.addAssignment(b, assignment);
  RunResultFile.addEdgeCount(b, r.edges.count);
  RunResultFile.addZoneCount(b, r.zones.count);
  for (const [field, offset] of vectors) b.addFieldOffset(field, offset, 0);
  b.addFieldOffset(ZONE_IDS_FIELD, zoneIds, 0);
  if (zoneNames) RunResultFile.addZoneNames(b, zoneNames);
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
