import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as flatbuffers from 'flatbuffers';
import { GraphBuilder } from './graph-builder.ts';
import { decodeGraph, encodeGraph, GRAPH_FILE_VERSION, readGraphFile, writeGraphFile } from './graph-file.ts';
import { RoadGraphFile } from './generated/road-graph_generated.ts';
import { randomGridGraph } from './random-graph.ts';
import { columnNames, RoadGraph } from './road-graph.ts';

const dir = mkdtempSync(join(tmpdir(), 'gemeo-graph-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tiny(notes?: string): RoadGraph {
  const b = new GraphBuilder({ name: 'Cuiabá — três nós', source: 'test', synthetic: false, ...(notes !== undefined ? { notes } : {}) });
  const a = b.addNode(-56.0967, -15.601, 7796273136);
  const c = b.addNode(-56.09, -15.6, 11);
  const d = b.addNode(-56.09, -15.61);
  b.addEdge({ tail: d, head: a, lengthM: 1400.25, speedKmh: 47.3, capacityVph: 900, lanes: 1, roadClass: 11, osmWayId: 9_007_199_254_740_991 });
  b.addEdge({ tail: a, head: c, lengthM: 960, speedKmh: 60, capacityVph: 1800, lanes: 2, roadClass: 4, osmWayId: 100, geometry: [-56.0967, -15.601, -56.093, -15.5995, -56.09, -15.6] });
  b.addEdge({ tail: c, head: d, lengthM: 0.1, speedKmh: 40, capacityVph: 900, lanes: 0, roadClass: 16, freeFlowS: 1e-9 });
  b.nameWay(100, 'Avenida Fernando Corrêa da Costa', 'BR-070');
  b.nameWay(9_007_199_254_740_991, 'Rua São Benedito');
  b.nameWay(-1, 'Via local sintética 1', '', true);
  return b.finish();
}

/** Bit-for-bit comparison of two typed arrays. */
function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function expectSameGraph(got: RoadGraph, want: RoadGraph): void {
  expect(got.nodeCount).toBe(want.nodeCount);
  expect(got.edgeCount).toBe(want.edgeCount);
  for (const name of columnNames()) {
    expect(got.column(name).constructor, name).toBe(want.column(name).constructor);
    expect(sameBits(got.column(name), want.column(name)), name).toBe(true);
  }
  expect(sameBits(got.geometry.offsets, want.geometry.offsets)).toBe(true);
  expect(sameBits(got.geometry.coords, want.geometry.coords)).toBe(true);
  expect(got.meta).toEqual(want.meta);
  expect(Array.from(got.wayNames.ids)).toEqual(Array.from(want.wayNames.ids));
  expect(got.wayNames.names).toEqual(want.wayNames.names);
  expect(got.wayNames.refs).toEqual(want.wayNames.refs);
  expect(Array.from(got.wayNames.synthetic)).toEqual(Array.from(want.wayNames.synthetic));
}

/** The same graph with no street names. */
function withoutNames(g: RoadGraph): RoadGraph {
  return new RoadGraph(g.nodeCount, g.edgeCount, g as never, g.geometry, g.meta);
}

describe('graph file round trip', () => {
  it('keeps a tiny hand-made graph exactly, meta and geometry included', () => {
    for (const notes of [undefined, '', 'OSM © contributors, ODbL; seed 7']) {
      const g = tiny(notes);
      const path = join(dir, `tiny-${notes?.length ?? 'none'}.fb`);
      writeGraphFile(path, g);
      const h = readGraphFile(path);
      expectSameGraph(h, g);
      expect('notes' in h.meta).toBe(notes !== undefined);
      expect(h.nodeOsmId[0]).toBe(7796273136);
      expect(h.osmWayId).toContain(9_007_199_254_740_991);
    }
  });

  it('keeps a random graph exactly and is deterministic', () => {
    const g = randomGridGraph({ seed: 11, cols: 30, rows: 25 });
    const bytes = encodeGraph(g);
    expect(sameBits(bytes, encodeGraph(randomGridGraph({ seed: 11, cols: 30, rows: 25 })))).toBe(true);
    const path = join(dir, 'nested', 'deeper', 'random.fb');
    writeGraphFile(path, g);
    expect(sameBits(readFileSync(path), bytes)).toBe(true);
    expectSameGraph(readGraphFile(path), g);
  });

  it('round-trips an empty graph', () => {
    const g = new GraphBuilder({ name: '', source: 'none', synthetic: true }).finish();
    expectSameGraph(decodeGraph(encodeGraph(g)), g);
  });

  it('is readable by the generated flatbuffers accessors (the schema is the contract)', () => {
    const g = tiny('n');
    const f = RoadGraphFile.getRootAsRoadGraphFile(new flatbuffers.ByteBuffer(encodeGraph(g)));
    expect(f.version()).toBe(GRAPH_FILE_VERSION);
    expect(f.wayNamesLength()).toBe(3);
    expect(f.wayNames(1)).toBe('Avenida Fernando Corrêa da Costa');
    expect(f.wayRefs(1)).toBe('BR-070');
    expect(f.nodeCount()).toBe(3);
    expect(f.meta()!.name()).toBe(g.meta.name);
    expect(Array.from(f.lengthMArray()!)).toEqual(Array.from(g.lengthM));
    expect(Array.from(f.speedKmhArray()!)).toEqual(Array.from(g.speedKmh));
    expect(Array.from(f.osmWayIdArray()!)).toEqual(Array.from(g.osmWayId));
    expect(Array.from(f.flagsArray()!)).toEqual(Array.from(g.flags));
    expect(Array.from(f.geometryCoordsArray()!)).toEqual(Array.from(g.geometry.coords));
  });

  it('writes atomically: no temporary file is left and an existing file is replaced whole', () => {
    const path = join(dir, 'atomic', 'graph.fb');
    writeGraphFile(path, randomGridGraph({ seed: 1, cols: 10, rows: 10 }));
    writeGraphFile(path, tiny());
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['graph.fb']);
    expectSameGraph(readGraphFile(path), tiny());
  });
});

describe('zero-copy load', () => {
  it('views every column over the one SharedArrayBuffer that holds the file', () => {
    const g = randomGridGraph({ seed: 5, cols: 20, rows: 20 });
    const path = join(dir, 'zero-copy.fb');
    writeGraphFile(path, g);
    const h = readGraphFile(path);
    const buffer = h.firstOut.buffer;
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    // the buffer is exactly the file: nothing was appended for copies
    expect(buffer.byteLength).toBe(statSync(path).size);
    for (const name of columnNames()) expect(h.column(name).buffer, name).toBe(buffer);
    expect(h.geometry.coords.buffer).toBe(buffer);
    expect(h.geometry.offsets.buffer).toBe(buffer);
    // shareable with workers as it is
    expectSameGraph(RoadGraph.fromShared(h.share()), g);
  });

  it('copies when the bytes are not in a SharedArrayBuffer or sit misaligned', () => {
    const g = tiny('misaligned');
    const bytes = encodeGraph(g);
    // plain ArrayBuffer: one copy into a SharedArrayBuffer
    const plain = decodeGraph(bytes.slice());
    expect(plain.firstOut.buffer).toBeInstanceOf(SharedArrayBuffer);
    expectSameGraph(plain, g);
    // 4 bytes in: every 8-byte column is misaligned, so it must not be viewed in place
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 4), 4, bytes.length);
    shared.set(bytes);
    const h = decodeGraph(shared);
    expect(h.lengthM.buffer).not.toBe(shared.buffer);
    expect(h.lengthM.byteOffset % 8).toBe(0);
    expectSameGraph(h, g);
  });

  it('copies only a column that a foreign writer left misaligned', () => {
    const g = tiny();
    // Rebuild the file with lengthM stored at alignment 4 only, as a writer without padding could.
    const b = new flatbuffers.Builder(1024);
    const name = b.createString(g.meta.name);
    const source = b.createString(g.meta.source);
    const cols = columnNames();
    const offsets = new Map<number, number>();
    cols.forEach((c, i) => {
      const arr = g.column(c);
      const raw = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
      const size = arr.BYTES_PER_ELEMENT;
      const align = c === 'lengthM' ? 4 : size;
      b.startVector(size, arr.length, align);
      if (c === 'lengthM' && (b.offset() + raw.length) % 8 === 0) b.addInt32(0); // data 4 bytes off an 8-byte boundary
      for (let k = raw.length - 1; k >= 0; k--) b.addInt8(raw[k]);
      offsets.set(4 + i, b.endVector());
    });
    const geo = [g.geometry.offsets, g.geometry.coords].map((arr) => {
      b.startVector(arr.BYTES_PER_ELEMENT, arr.length, arr.BYTES_PER_ELEMENT);
      const raw = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
      for (let k = raw.length - 1; k >= 0; k--) b.addInt8(raw[k]);
      return b.endVector();
    });
    b.startObject(4);
    b.addFieldOffset(0, name, 0);
    b.addFieldOffset(1, source, 0);
    const meta = b.endObject();
    b.startObject(20);
    b.addFieldInt32(0, GRAPH_FILE_VERSION, 0);
    b.addFieldOffset(1, meta, 0);
    b.addFieldInt32(2, g.nodeCount, 0);
    b.addFieldInt32(3, g.edgeCount, 0);
    for (const [field, off] of offsets) b.addFieldOffset(field, off, 0);
    b.addFieldOffset(18, geo[0], 0);
    b.addFieldOffset(19, geo[1], 0);
    b.finish(b.endObject(), 'GMEO');
    const foreign = b.asUint8Array();
    const shared = new Uint8Array(new SharedArrayBuffer(foreign.length));
    shared.set(foreign);
    const h = decodeGraph(shared, 'foreign.fb');
    // no street names written: none read
    expect(h.wayNames.count).toBe(0);
    expectSameGraph(h, withoutNames(g));
    // lengthM was copied past the end of the file's bytes; the others are views in place
    expect(h.lengthM.byteOffset).toBeGreaterThanOrEqual(foreign.length);
    expect(h.freeFlowS.byteOffset).toBeLessThan(foreign.length);
  });
});

describe('graph file errors', () => {
  const good = encodeGraph(randomGridGraph({ seed: 2, cols: 6, rows: 6 }));
  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const messageOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect((err as Error).name).toBe('InputError');
      const message = (err as Error).message;
      expect(message).not.toContain('\n');
      return message;
    }
    throw new Error('expected an error');
  };

  it('names a missing file', () => {
    const path = join(dir, 'nope', 'graph.fb');
    expect(messageOf(() => readGraphFile(path))).toMatch(/nope\/graph\.fb: no such file; expected a gemeo graph file/);
  });

  it('names an empty file', () => {
    const path = write('empty.fb', '');
    expect(messageOf(() => readGraphFile(path))).toBe(`${path}: the file is empty; expected a gemeo graph file (graph.fb)`);
  });

  it('recognises a file that is not a gemeo graph', () => {
    const path = write('other.fb', 'type,id\nnode,1\nnode,2\n');
    expect(messageOf(() => readGraphFile(path))).toBe(`${path}: not a gemeo graph file (identifier ",id?", expected "GMEO")`);
    const tinyPath = write('tiny.fb', 'abc');
    expect(messageOf(() => readGraphFile(tinyPath))).toMatch(/tiny\.fb: only 3 bytes; not a gemeo graph file/);
  });

  it('reports a truncated file at every cut, never reading past the end', () => {
    for (const keep of [9, 64, good.length >> 1, good.length - 100, good.length - 8]) {
      const path = write(`cut-${keep}.fb`, good.subarray(0, keep));
      expect(messageOf(() => readGraphFile(path)), `cut at ${keep}`).toMatch(/cut-\d+\.fb: truncated graph file: .* needs \d+ bytes, the file has \d+/);
    }
  });

  it('refuses an unsupported format version', () => {
    const bytes = good.slice();
    const f = RoadGraphFile.getRootAsRoadGraphFile(new flatbuffers.ByteBuffer(bytes));
    const slot = f.bb_pos + f.bb!.__offset(f.bb_pos, 4);
    // version 1 had no street names: a cached graph of that version is rebuilt, never read
    new DataView(bytes.buffer).setUint32(slot, 1, true);
    const path = write('v1.fb', bytes);
    expect(messageOf(() => readGraphFile(path))).toBe(`${path}: unsupported graph file format version 1; this gemeo reads version 2 (rebuild the graph)`);
  });

  it('refuses columns whose lengths do not match the counts', () => {
    const bytes = good.slice();
    const f = RoadGraphFile.getRootAsRoadGraphFile(new flatbuffers.ByteBuffer(bytes));
    const slot = f.bb_pos + f.bb!.__offset(f.bb_pos, 10); // edge_count
    const dv = new DataView(bytes.buffer);
    dv.setUint32(slot, dv.getUint32(slot, true) + 1, true);
    expect(messageOf(() => decodeGraph(bytes, 'counts.fb'))).toMatch(/^counts\.fb: column tail has \d+ values, expected \d+/);
  });

  it('refuses dangling node ids', () => {
    const g = tiny();
    const bytes = encodeGraph(g);
    const f = RoadGraphFile.getRootAsRoadGraphFile(new flatbuffers.ByteBuffer(bytes));
    const head = f.headArray()!;
    head[1] = 99;
    expect(messageOf(() => decodeGraph(bytes, 'dangling.fb'))).toMatch(/^dangling\.fb: edge 1: tail \d+ \/ head 99, expected node ids below 3$/);
  });
});
