/**
 * The graph file (`graph.fb`): a RoadGraph stored as one flatbuffer (schema in
 * schema/road-graph.fbs, identifier "GMEO", format version 2: 1 had no street names, and
 * a version-1 file is refused so that a city's cached graph is rebuilt). Every column is a vector of its
 * own scalar type, so loading reads the file once into a SharedArrayBuffer and hands out
 * typed-array views over those bytes: no per-element decoding, and the graph can go to workers
 * as it is.
 *
 * Terms: a *field id* is the column's slot in the schema's root table (fixed by `(id: N)`);
 * *position* is a byte offset from the start of the flatbuffer. Flatbuffers aligns each vector
 * to its element size relative to the end of the buffer and pads the whole buffer to the
 * largest alignment, so a file read at offset 0 gives legal views; a column that is not aligned
 * (a file from another writer, bytes handed in at an odd offset) is copied instead.
 * Numbers are little-endian in the file and in memory (every platform Node runs on here).
 * The `flags` column holds the bits of edge-flags.ts; EdgeFlag.Signal came later without a new
 * format version (no column changed): a file written before it reads as a graph without signals.
 * The default cities' graphs are rebuilt anyway, as the code that builds them changed
 * (app/city-graphs.ts, graphCodeFingerprint); a graph imported by hand keeps its old flags until
 * it is imported again.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { typedVector } from '../util/fb-vector.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import * as flatbuffers from 'flatbuffers';
import { InputError } from '../util/input-error.ts';
import { GraphMeta as FbMeta, RoadGraphFile } from './generated/road-graph_generated.ts';
import { columnLength, columnNames, columnType, RoadGraph, view, type ColumnName, type EdgeGeometry, type GraphMeta } from './road-graph.ts';
import { WayNames } from './way-names.ts';

export const GRAPH_FILE_VERSION = 2;
export const GRAPH_FILE_IDENTIFIER = 'GMEO';

/** Schema field id of each column in the root table (see road-graph.fbs). */
const FIELD: Record<ColumnName | 'geometryOffsets' | 'geometryCoords', number> = {
  firstOut: 4,
  nodeLon: 5,
  nodeLat: 6,
  nodeOsmId: 7,
  tail: 8,
  head: 9,
  lengthM: 10,
  freeFlowS: 11,
  capacityVph: 12,
  speedKmh: 13,
  osmWayId: 14,
  lanes: 15,
  roadClass: 16,
  flags: 17,
  geometryOffsets: 18,
  geometryCoords: 19,
};
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const META_FIELD = { name: 0, source: 1, notes: 3 };
const ROOT_FIELD = { meta: 1 };
const WAY_FIELD = { ids: 20, names: 21, refs: 22, synthetic: 23 };

/** Serialises a graph to the bytes of a graph file. */
export function encodeGraph(graph: RoadGraph): Uint8Array {
  let estimate = 1024 + graph.geometry.offsets.byteLength + graph.geometry.coords.byteLength;
  for (const name of columnNames()) estimate += graph.column(name).byteLength + 16;
  // a capacity that is a multiple of 8 keeps the finished bytes 8-aligned in their ArrayBuffer
  const b = new flatbuffers.Builder(Math.ceil(estimate / 8) * 8);

  const m = graph.meta;
  const name = b.createString(m.name);
  const source = b.createString(m.source);
  const notes = m.notes !== undefined ? b.createString(m.notes) : 0;
  FbMeta.startGraphMeta(b);
  FbMeta.addName(b, name);
  FbMeta.addSource(b, source);
  FbMeta.addSynthetic(b, m.synthetic);
  if (notes) FbMeta.addNotes(b, notes);
  const meta = FbMeta.endGraphMeta(b);

  const vectors: [number, number][] = [];
  for (const col of columnNames()) vectors.push([FIELD[col], typedVector(b, graph.column(col))]);
  vectors.push([FIELD.geometryOffsets, typedVector(b, graph.geometry.offsets)]);
  vectors.push([FIELD.geometryCoords, typedVector(b, graph.geometry.coords)]);
  const w = graph.wayNames;
  vectors.push([WAY_FIELD.ids, typedVector(b, w.ids)]);
  vectors.push([WAY_FIELD.names, RoadGraphFile.createWayNamesVector(b, w.names.map((x) => b.createString(x)))]);
  vectors.push([WAY_FIELD.refs, RoadGraphFile.createWayRefsVector(b, w.refs.map((x) => b.createString(x)))]);
  vectors.push([WAY_FIELD.synthetic, typedVector(b, w.synthetic)]);

  RoadGraphFile.startRoadGraphFile(b);
  RoadGraphFile.addVersion(b, GRAPH_FILE_VERSION);
  RoadGraphFile.addMeta(b, meta);
  RoadGraphFile.addNodeCount(b, graph.nodeCount);
  RoadGraphFile.addEdgeCount(b, graph.edgeCount);
  for (const [field, offset] of vectors) b.addFieldOffset(field, offset, 0);
  RoadGraphFile.finishRoadGraphFileBuffer(b, RoadGraphFile.endRoadGraphFile(b));
  const out = b.asUint8Array();
  return out.byteOffset % 8 === 0 ? out : out.slice();
}

/** Writes the graph file atomically: a temporary file in the same folder, then a rename. */
export function writeGraphFile(path: string, graph: RoadGraph): void {
  writeFileAtomic(path, encodeGraph(graph));
}

/** Reads a graph file once into a SharedArrayBuffer; the graph's columns are views over it. */
export function readGraphFile(path: string): RoadGraph {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file; expected a gemeo graph file (graph.fb)' : `cannot open (${code ?? String(err)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputError(path, 'is not a file; expected a gemeo graph file (graph.fb)');
    if (stat.size === 0) throw new InputError(path, 'the file is empty; expected a gemeo graph file (graph.fb)');
    const bytes = new Uint8Array(new SharedArrayBuffer(stat.size));
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) throw new InputError(path, `file shrank while being read (${read} of ${stat.size} bytes)`);
      read += n;
    }
    return decodeGraph(bytes, path);
  } finally {
    closeSync(fd);
  }
}

/**
 * Builds a RoadGraph over the bytes of a graph file. When `bytes` lie in a SharedArrayBuffer
 * and every column is aligned, the columns are views over that buffer (no copy). Otherwise the
 * bytes are copied once into a new SharedArrayBuffer, since RoadGraph keeps all its columns
 * in one buffer, and any column still misaligned there is copied to its end.
 * `file` names the source in error messages.
 */
export function decodeGraph(bytes: Uint8Array, file = 'graph bytes'): RoadGraph {
  const fail = (problem: string): never => {
    throw new InputError(file, problem);
  };
  if (!LITTLE_ENDIAN) fail('graph files are read as typed-array views, which needs a little-endian machine');
  if (bytes.length === 0) fail('the file is empty; expected a gemeo graph file (graph.fb)');
  if (bytes.length < 8) fail(`only ${bytes.length} bytes; not a gemeo graph file (graph.fb)`);
  const bb = new flatbuffers.ByteBuffer(bytes);
  if (!RoadGraphFile.bufferHasIdentifier(bb)) {
    const id = String.fromCharCode(...bytes.subarray(4, 8)).replace(/[^\x20-\x7e]/g, '?');
    fail(`not a gemeo graph file (identifier "${id}", expected "${GRAPH_FILE_IDENTIFIER}")`);
  }
  const reader = new TableReader(bb, bytes.length, fail);
  const root = reader.table(bb.readUint32(0), 'root table');
  const fb = RoadGraphFile.getRootAsRoadGraphFile(bb);
  const version = fb.version();
  if (version !== GRAPH_FILE_VERSION) {
    fail(`unsupported graph file format version ${version}; this gemeo reads version ${GRAPH_FILE_VERSION} (rebuild the graph)`);
  }
  const nodeCount = fb.nodeCount();
  const edgeCount = fb.edgeCount();

  const metaTable = reader.table(reader.indirect(root, ROOT_FIELD.meta, 'meta'), 'meta');
  const meta: GraphMeta = {
    name: reader.string(metaTable, META_FIELD.name, 'meta.name') ?? '',
    source: reader.string(metaTable, META_FIELD.source, 'meta.source') ?? '',
    synthetic: fb.meta()!.synthetic(),
  };
  const notes = reader.string(metaTable, META_FIELD.notes, 'meta.notes');
  if (notes !== null) meta.notes = notes;

  // Locate every vector (position, length) and check it lies inside the file.
  const names = [...columnNames(), 'geometryOffsets', 'geometryCoords'] as const;
  const sizes = names.map((n) => (n === 'geometryOffsets' ? 4 : n === 'geometryCoords' ? 8 : columnType(n).BYTES_PER_ELEMENT));
  const found = names.map((n, i) => reader.vector(root, FIELD[n], sizes[i], n));
  names.forEach((n, i) => {
    if (n === 'geometryOffsets' || n === 'geometryCoords') return;
    const want = columnLength(n, nodeCount, edgeCount);
    if (found[i].length !== want) fail(`column ${n} has ${found[i].length} values, expected ${want} (nodes ${nodeCount}, edges ${edgeCount})`);
  });
  if (found[names.length - 2].length !== edgeCount + 1) fail(`geometry offsets have ${found[names.length - 2].length} values, expected ${edgeCount + 1}`);
  if (found[names.length - 1].length % 2 !== 0) fail('geometry coords have an odd count; expected lon,lat pairs');

  const placed = place(bytes, found.map((f, i) => ({ at: f.at, bytes: f.length * sizes[i] })), sizes);
  const cols: Record<string, unknown> = {};
  names.forEach((n, i) => {
    const Ctor = n === 'geometryOffsets' ? Uint32Array : n === 'geometryCoords' ? Float64Array : columnType(n);
    cols[n] = view(Ctor, placed.buffer, placed.offsets[i], found[i].length);
  });
  const geometry: EdgeGeometry = { offsets: cols.geometryOffsets as Uint32Array, coords: cols.geometryCoords as Float64Array };
  const graph = new RoadGraph(nodeCount, edgeCount, cols as never, geometry, meta, readWayNames(fb, reader, root, fail));
  checkTopology(graph, fail);
  return graph;
}

/** The street names: four parallel vectors, checked for length and order (absent: a graph without names). */
function readWayNames(fb: RoadGraphFile, reader: TableReader, root: number, fail: (problem: string) => never): WayNames {
  if (!reader.field(root, WAY_FIELD.ids)) return WayNames.EMPTY;
  const ids = reader.vector(root, WAY_FIELD.ids, 8, 'way ids');
  const n = ids.length;
  const names = reader.vector(root, WAY_FIELD.names, 4, 'way names');
  const refs = reader.vector(root, WAY_FIELD.refs, 4, 'way refs');
  const synthetic = reader.vector(root, WAY_FIELD.synthetic, 1, 'way synthetic');
  if (names.length !== n || refs.length !== n || synthetic.length !== n) fail(`street names: ${n} way ids but ${names.length} names, ${refs.length} refs and ${synthetic.length} synthetic marks`);
  // copied: names are few and read on the main thread only, and the ids may sit misaligned
  const bytes = fb.bb!.bytes();
  const idArray = new Float64Array(bytes.slice(ids.at, ids.at + 8 * n).buffer);
  for (let i = 1; i < n; i++) if (!(idArray[i] > idArray[i - 1])) fail(`street names: way ids must ascend, way ${idArray[i]} follows ${idArray[i - 1]}`);
  const text = (get: (i: number) => string | null) => Array.from({ length: n }, (_, i) => get(i) ?? '');
  return new WayNames(idArray, text((i) => fb.wayNames(i)), text((i) => fb.wayRefs(i)), bytes.slice(synthetic.at, synthetic.at + n));
}


/** Byte offset of each vector in one SharedArrayBuffer, copying only when it must. */
function place(bytes: Uint8Array, vectors: { at: number; bytes: number }[], sizes: number[]) {
  const aligned = (base: number) => vectors.map((v, i) => (base + v.at) % sizes[i] === 0);
  if (bytes.buffer instanceof SharedArrayBuffer && aligned(bytes.byteOffset).every(Boolean)) {
    return { buffer: bytes.buffer, offsets: vectors.map((v) => bytes.byteOffset + v.at) };
  }
  const ok = aligned(0);
  const head = Math.ceil(bytes.length / 8) * 8;
  let extra = 0;
  vectors.forEach((v, i) => {
    if (!ok[i]) extra += Math.ceil(v.bytes / 8) * 8;
  });
  const buffer = new SharedArrayBuffer(head + extra);
  const out = new Uint8Array(buffer);
  out.set(bytes);
  let tail = head;
  const offsets = vectors.map((v, i) => {
    if (ok[i]) return v.at;
    out.copyWithin(tail, v.at, v.at + v.bytes);
    const at = tail;
    tail += Math.ceil(v.bytes / 8) * 8;
    return at;
  });
  return { buffer, offsets };
}

/** Bounds-checked access to flatbuffer tables: a truncated or corrupt file fails here, not later. */
class TableReader {
  constructor(
    private readonly bb: flatbuffers.ByteBuffer,
    private readonly size: number,
    private readonly fail: (problem: string) => never,
  ) {}

  /** Checks the table at `pos` and its vtable lie inside the buffer; returns `pos`. */
  table(pos: number, what: string): number {
    if (pos < 8 || pos + 4 > this.size) this.truncated(what, pos + 4);
    const vtable = pos - this.bb.readInt32(pos);
    if (vtable < 4 || vtable + 4 > this.size) this.fail(`${what} is corrupt (vtable at ${vtable} outside the ${this.size}-byte file)`);
    const vtSize = this.bb.readUint16(vtable);
    const tableSize = this.bb.readUint16(vtable + 2);
    if (vtable + vtSize > this.size || pos + tableSize > this.size) this.truncated(what, Math.max(vtable + vtSize, pos + tableSize));
    return pos;
  }

  /** Position of the field `id` inside the table, or 0 when the field is absent. */
  field(table: number, id: number): number {
    const off = this.bb.__offset(table, 4 + 2 * id);
    return off ? table + off : 0;
  }

  /** Follows an offset field (sub-table, vector, string) and returns the target position. */
  indirect(table: number, id: number, what: string): number {
    const at = this.field(table, id);
    if (!at) this.fail(`${what} is missing`);
    if (at + 4 > this.size) this.truncated(what, at + 4);
    return at + this.bb.readUint32(at);
  }

  /** The data position and element count of a vector field, checked against the file size. */
  vector(table: number, id: number, elemSize: number, what: string): { at: number; length: number } {
    const vec = this.indirect(table, id, `column ${what}`);
    if (vec + 4 > this.size) this.truncated(`column ${what}`, vec + 4);
    const length = this.bb.readUint32(vec);
    const end = vec + 4 + length * elemSize;
    if (end > this.size) this.truncated(`column ${what}`, end);
    return { at: vec + 4, length };
  }

  /** A string field, or null when absent. */
  string(table: number, id: number, what: string): string | null {
    if (!this.field(table, id)) return null;
    const s = this.indirect(table, id, what);
    if (s + 4 > this.size) this.truncated(what, s + 4);
    const end = s + 4 + this.bb.readUint32(s);
    if (end > this.size) this.truncated(what, end);
    // slice(): TextDecoder refuses views over a SharedArrayBuffer
    try {
      return UTF8.decode(this.bb.bytes().slice(s + 4, end));
    } catch {
      return this.fail(`${what} is not valid UTF-8 text`);
    }
  }

  private truncated(what: string, needs: number): never {
    return this.fail(`truncated graph file: ${what} needs ${needs} bytes, the file has ${this.size}`);
  }
}

/** Cheap O(n + m) checks that keep kernels from reading out of bounds on a corrupt file. */
function checkTopology(g: RoadGraph, fail: (problem: string) => never): void {
  const { firstOut, tail, head, nodeCount: n, edgeCount: m } = g;
  if (firstOut[0] !== 0 || firstOut[n] !== m) fail(`column firstOut must run from 0 to the edge count ${m}`);
  for (let i = 0; i < n; i++) if (firstOut[i + 1] < firstOut[i]) fail(`column firstOut decreases at node ${i}`);
  for (let e = 0; e < m; e++) {
    if (tail[e] >= n || head[e] >= n) fail(`edge ${e}: tail ${tail[e]} / head ${head[e]}, expected node ids below ${n}`);
  }
  const { offsets, coords } = g.geometry;
  if (offsets[0] !== 0 || offsets[m] !== coords.length / 2) fail(`geometry offsets must run from 0 to the point count ${coords.length / 2}`);
  for (let e = 0; e < m; e++) if (offsets[e + 1] < offsets[e]) fail(`geometry offsets decrease at edge ${e}`);
}
