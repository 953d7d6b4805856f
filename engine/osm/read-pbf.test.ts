import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { PbfWriter } from 'pbf';
import { describe, expect, it } from 'vitest';
import { InputError } from '../util/input-error.ts';
import { readPbf } from './read-pbf.ts';

const POA = fileURLToPath(new URL('../../data/osm/porto-alegre/poa_osm.pbf', import.meta.url));
const SPO = fileURLToPath(new URL('../../data/osm/sao-paulo/spo_osm.pbf', import.meta.url));

function minMax(a: Float64Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of a) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

// Expected figures come from osmium-tool 1.15 (`osmium fileinfo -e`, `osmium tags-filter`,
// `osmium getid -f opl`), an independent reader.
describe('readPbf on the real extracts', () => {
  it('reads Porto Alegre: every node, ways with highway tags, POIs', () => {
    const e = readPbf(POA);
    expect(e.source).toEqual({ format: 'pbf', file: POA });
    expect(e.counts).toEqual({ nodes: 43_264, ways: 16_032, relations: 23 });
    expect(e.nodeIds.length).toBe(43_264);
    expect(e.nodeLon.length).toBe(43_264);
    expect(e.ways.length).toBe(15_886); // tags-filter w/highway
    expect(e.pois.length).toBe(420); // tags-filter n/tourism n/leisure n/amenity n/historic
    // highway=traffic_signals nodes (1,662, as counted for bench/RESULTS.md's transit section), 9 with a direction
    expect(e.signals!.nodeIds.length).toBe(1_662);
    expect(e.signals!.direction.filter((d) => d !== 0).length).toBe(9);
    expect(minMax(e.nodeIds)).toEqual([293_538_337, 7_796_273_136]);
    expect(minMax(e.nodeLon)).toEqual([-51.2663537, -51.1321566]);
    expect(minMax(e.nodeLat)).toEqual([-30.1133278, -29.9876429]);
    expect(e.ways[0]).toEqual({
      id: 26_786_712,
      nodes: [293_823_205, 3_618_665_294, 293_823_526],
      tags: {
        highway: 'primary',
        horse: 'no',
        lanes: '3',
        maxspeed: '60',
        name: 'Avenida Bento Gonçalves',
        oneway: 'yes',
        sidewalk: 'right',
        'sidewalk:surface': 'paving_stones',
        'source:highway': 'PDDUA-PMPA',
        'source:maxspeed': 'sign',
        surface: 'asphalt',
      },
    });
    expect(e.ways.at(-1)!.id).toBeLessThanOrEqual(835_202_042);
    expect(e.pois.find((p) => p.id === 1_051_646_474)).toEqual({
      id: 1_051_646_474,
      lon: -51.2303854,
      lat: -30.0292681,
      tags: { historic: 'memorial', name: 'Busto do General José Gervasio Artigas', start_date: '1987' },
    });
    // ascending ids, and every way node is present
    let unordered = 0;
    for (let i = 1; i < e.nodeIds.length; i++) if (!(e.nodeIds[i] > e.nodeIds[i - 1])) unordered++;
    expect(unordered).toBe(0);
    const ids = new Set(e.nodeIds);
    expect(e.ways.every((w) => w.nodes.every((n) => ids.has(n)))).toBe(true);
  });

  it('reads São Paulo', () => {
    const e = readPbf(SPO);
    expect(e.counts).toEqual({ nodes: 24_648, ways: 6_223, relations: 0 });
    expect(e.nodeIds.length).toBe(24_648);
    expect(e.ways.length).toBe(6_000);
    expect(e.pois.length).toBe(17);
    expect(minMax(e.nodeIds)).toEqual([582_438, 7_935_670_764]);
    expect(minMax(e.nodeLon)).toEqual([-46.7080934, -46.581772]);
    expect(minMax(e.nodeLat)).toEqual([-23.5954218, -23.4642985]);
  });

  it('takes the bytes when given and is deterministic', () => {
    const bytes = readFileSync(SPO);
    const a = readPbf('spo.pbf', bytes);
    const b = readPbf('spo.pbf', bytes);
    expect(a.source.file).toBe('spo.pbf');
    expect(isDeepStrictEqual(a, b)).toBe(true); // node:util: far faster than toEqual on 6,000 ways
  });

  it('reads Porto Alegre fast (≈ 30–70 ms on 2 cores; loose bound for busy machines)', () => {
    const bytes = readFileSync(POA);
    readPbf(POA, bytes);
    const t = performance.now();
    readPbf(POA, bytes);
    expect(performance.now() - t).toBeLessThan(1500);
  });

  it('refuses a truncated file with the byte where it ends', () => {
    const head = readFileSync(POA).subarray(0, 10_000);
    expect(() => readPbf('poa-head.pbf', head)).toThrow(
      /^poa-head\.pbf: truncated: block \d+ at byte \d+ needs \d+ bytes but the file ends at byte 10000/,
    );
  });
});

// A tiny pbf written here from the format's .proto numbers, to reach what the real extracts
// do not use: plain Nodes, granularity and offsets, raw blobs, unknown block types.
const STRINGS = ['', 'highway', 'residential', 'tourism', 'museum', 'name', 'Museu & Cia', 'building', 'yes', 'amenity', 'cafe', 'traffic_signals'];

function block(type: string, payload: Uint8Array, compression: 'zlib' | 'raw' | 'lzma' = 'zlib'): Uint8Array {
  const blob = new PbfWriter();
  if (compression === 'raw') blob.writeBytesField(1, payload);
  else if (compression === 'zlib') {
    blob.writeVarintField(2, payload.length);
    blob.writeBytesField(3, deflateSync(payload));
  } else blob.writeBytesField(4, payload);
  const blobBytes = blob.finish();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();
  const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, headerBytes.length);
  out.set(headerBytes, 4);
  out.set(blobBytes, 4 + headerBytes.length);
  return out;
}

function headerBlock(features: string[], replicationTime?: number): Uint8Array {
  const pbf = new PbfWriter();
  for (const f of features) pbf.writeStringField(4, f);
  pbf.writeStringField(16, 'gemeo test');
  if (replicationTime !== undefined) pbf.writeVarintField(32, replicationTime);
  return block('OSMHeader', pbf.finish());
}

type Group = (pbf: PbfWriter) => void;

function primitiveBlock(strings: string[], groups: Group[], scale?: { granularity: number; lat: number; lon: number }): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (s: string[], w: PbfWriter) => s.forEach((x) => w.writeBytesField(1, new TextEncoder().encode(x))), strings);
  for (const g of groups) pbf.writeMessage(2, (fn: Group, w: PbfWriter) => fn(w), g);
  if (scale !== undefined) {
    pbf.writeVarintField(17, scale.granularity);
    pbf.writeVarintField(19, scale.lat);
    pbf.writeVarintField(20, scale.lon);
  }
  return pbf.finish();
}

function way(id: number, refs: number[], keys: number[], vals: number[]): Group {
  return (g) =>
    g.writeMessage(
      3,
      (_: null, w: PbfWriter) => {
        w.writeVarintField(1, id);
        w.writePackedVarint(2, keys);
        w.writePackedVarint(3, vals);
        w.writePackedSVarint(8, refs.map((r, i) => r - (refs[i - 1] ?? 0)));
      },
      null,
    );
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function tinyPbf(features = ['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation'], compression: 'zlib' | 'raw' = 'zlib'): Uint8Array {
  const dense: Group = (g) =>
    g.writeMessage(
      2,
      (_: null, w: PbfWriter) => {
        w.writePackedSVarint(1, [10, 1, 1]); // ids 10, 11, 12 (delta coded)
        w.writePackedSVarint(8, [-30_000_000, -100, -100]);
        w.writePackedSVarint(9, [-51_000_000, -200, -200]);
        w.writePackedVarint(10, [0, 3, 4, 5, 6, 0, 7, 8, 1, 11, 0]); // 12: a signal
      },
      null,
    );
  const plainNode: Group = (g) =>
    g.writeMessage(
      1,
      (_: null, w: PbfWriter) => {
        w.writeSVarintField(1, 5);
        w.writePackedVarint(2, [9, 1]); // a café at a signal
        w.writePackedVarint(3, [10, 11]);
        w.writeSVarintField(8, -30_000_300);
        w.writeSVarintField(9, -51_000_600);
      },
      null,
    );
  const relation: Group = (g) => g.writeMessage(4, (_: null, w: PbfWriter) => w.writeVarintField(1, 7), null);
  const scale = { granularity: 1000, lat: 5000, lon: -7000 };
  return concat(
    headerBlock(features, 1_600_000_000),
    block('OSMData', primitiveBlock(STRINGS, [dense, plainNode, way(100, [10, 11, 12], [1], [2]), way(101, [12, 5], [7], [8]), relation], scale), compression),
    block('OSMIndex', new Uint8Array([1, 2, 3]), 'raw'), // unknown block types are skipped
    block('OSMData', primitiveBlock(['', 'highway', 'service'], [way(99, [5, 10], [1], [2])]), 'raw'),
  );
}

describe('readPbf on a hand-made file', () => {
  it('decodes dense and plain nodes with granularity and offsets, ways, POIs, raw blobs', () => {
    const e = readPbf('tiny.pbf', tinyPbf());
    // lat = (lat_offset + granularity × raw) / 1e9, e.g. (5000 − 1000 × 30,000,000) / 1e9
    expect(Array.from(e.nodeIds)).toEqual([5, 10, 11, 12]);
    expect(Array.from(e.nodeLat)).toEqual([-30.000295, -29.999995, -30.000095, -30.000195]);
    expect(Array.from(e.nodeLon)).toEqual([-51.000607, -51.000007, -51.000207, -51.000407]);
    expect(e.ways).toEqual([
      { id: 99, nodes: [5, 10], tags: { highway: 'service' } },
      { id: 100, nodes: [10, 11, 12], tags: { highway: 'residential' } },
    ]);
    expect(e.pois).toEqual([
      { id: 5, lon: -51.000607, lat: -30.000295, tags: { amenity: 'cafe', highway: 'traffic_signals' } },
      { id: 11, lon: -51.000207, lat: -30.000095, tags: { tourism: 'museum', name: 'Museu & Cia' } },
    ]);
    // highway=traffic_signals on a plain node and on a dense one
    expect(Array.from(e.signals!.nodeIds)).toEqual([5, 12]);
    expect(Array.from(e.signals!.direction)).toEqual([0, 0]);
    expect(e.counts).toEqual({ nodes: 4, ways: 3, relations: 1 });
    expect(e.source.timestamp).toBe('2020-09-13T12:26:40.000Z');
  });

  it('refuses required features it cannot read', () => {
    expect(() => readPbf('f.pbf', tinyPbf(['OsmSchema-V0.6', 'LocationsOnWays']))).toThrow(
      /^f\.pbf: requires the pbf feature\(s\) LocationsOnWays, which this reader cannot read/,
    );
  });

  it('names unsupported compression, a missing header block and corrupt data', () => {
    const lzma = concat(headerBlock(['OsmSchema-V0.6']), block('OSMData', new Uint8Array(4), 'lzma'));
    expect(() => readPbf('l.pbf', lzma)).toThrow(/^l\.pbf: block 1 uses lzma compression/);
    const noHeader = block('OSMData', primitiveBlock(STRINGS, []));
    expect(() => readPbf('h.pbf', noHeader)).toThrow(/the first block is "OSMData", expected "OSMHeader"/);
    const damaged = concat(headerBlock(['OsmSchema-V0.6']), block('OSMData', primitiveBlock(STRINGS, [])));
    damaged[damaged.length - 2] ^= 0xff; // the deflate stream's checksum
    expect(() => readPbf('z.pbf', damaged)).toThrow(InputError);
    expect(() => readPbf('z.pbf', damaged)).toThrow(/^z\.pbf: block 1 at byte \d+: corrupt zlib data/);
    const badString = concat(headerBlock(['OsmSchema-V0.6']), block('OSMData', primitiveBlock(['', 'highway'], [way(1, [1], [50], [1])])));
    expect(() => readPbf('s.pbf', badString)).toThrow(/^s\.pbf: block 1: string index 50 is outside/);
  });

  it('answers damaged uncompressed blocks with an InputError, never another error or a hang', () => {
    const good = tinyPbf(undefined, 'raw');
    expect(readPbf('ok.pbf', good).ways.length).toBe(2);
    let seed = 2024;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
    let refused = 0;
    for (let trial = 0; trial < 300; trial++) {
      const bytes = good.slice();
      for (let k = 0; k < 2; k++) bytes[Math.floor(random() * bytes.length)] ^= 1 + Math.floor(random() * 255);
      try {
        readPbf('bad.pbf', bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).not.toContain('\n');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(50);
  });

  it('refuses bytes that are not a pbf', () => {
    expect(() => readPbf('x.pbf', new TextEncoder().encode('<?xml version="1.0"?><osm/>'))).toThrow(
      /^x\.pbf: byte 0: block 0 declares a \d+-byte header; expected an OSM PBF block/,
    );
  });
});
