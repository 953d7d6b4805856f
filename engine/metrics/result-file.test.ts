import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gridRunPair } from '../../test/fixtures/compare-runs.ts';
import { decodeResult, encodeResult, readResultFile, writeResultFile } from './result-file.ts';
import type { RunResult } from './run-result.ts';
import { WayNames } from '../graph/way-names.ts';

const dir = mkdtempSync(join(tmpdir(), 'gemeo-result-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sample(): RunResult {
  const { b } = gridRunPair(6);
  // NaN and odd values must survive the trip bit for bit
  b.zones.timeS[1] = NaN;
  b.zones.names = b.zones.ids.map((_, z) => (z === 0 ? '' : `Bairro ${z} — São José`));
  b.attractions = [{ name: 'Salto Belo — cachoeira', lon: -56.1, lat: -14.7, accessMin: NaN }, { name: 'Gruta', lon: -56.2, lat: -14.6, accessMin: 12.5 }];
  b.interventions = [
    { intervention: 0, type: 'close', edges: 4, note: 'ponte fechada' },
    { intervention: 1, type: 'event', edges: 0, note: '8000 attending', label: 'Jogo na Arena', attendance: 8000, from: '18:30', to: '21:00' },
    { intervention: 2, type: 'close', edges: 2, note: 'closed in time', label: 'Avenida Ipiranga', from: '07:00', to: '07:30' },
  ];
  b.wayNames = WayNames.from(new Map([[1003, { name: 'Avenida Ipiranga', ref: '', synthetic: false }], [-1, { name: 'Nova ligação 1', ref: '', synthetic: true }], [1004, { name: '', ref: 'BR-116', synthetic: false }]]));
  // trucks as a class: a column of their own, part of the vehicles
  b.edges.trucksVph = Float64Array.from(b.edges.flowVph, (f, e) => (e % 3 === 0 ? 0 : f * 0.125));
  b.convergence = [
    { iteration: 0, gap: 0.5, step: NaN, objective: 1e6, seconds: 0.01 },
    { iteration: 1, gap: 1e-5, step: 0.25, objective: 9.9e5, seconds: 0.02 },
  ];
  return b;
}

function readBack(r: RunResult): RunResult {
  return decodeResult(encodeResult(r));
}

function bits(a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe('result.fb', () => {
  it('round-trips every field exactly', () => {
    const r = sample();
    const file = join(dir, 'result.fb');
    writeResultFile(file, r);
    const back = readResultFile(file);
    expect(back.meta).toEqual(r.meta);
    expect(back.totals).toEqual(r.totals);
    expect(back.assignment).toEqual(r.assignment);
    expect(back.attractions).toEqual(r.attractions);
    expect(back.interventions).toEqual(r.interventions);
    expect(back.wayNames!.label(1003)).toBe('Avenida Ipiranga');
    expect(back.wayNames!.label(1004)).toBe('BR-116');
    expect(back.wayNames!.get(-1)).toEqual({ name: 'Nova ligação 1', ref: '', synthetic: true });
    expect(back.wayNames!.count).toBe(3);
    expect(back.zones.names).toEqual(r.zones.names);
    expect(back.convergence).toEqual(r.convergence);
    expect(back.zones.ids).toEqual(r.zones.ids);
    expect(back.edges.count).toBe(r.edges.count);
    for (const key of Object.keys(r.edges) as (keyof RunResult['edges'])[]) {
      if (key === 'count') continue;
      const a = r.edges[key]!;
      const b = back.edges[key]!;
      expect(b.constructor, key).toBe(a.constructor);
      expect(bits(b), key).toEqual(bits(a));
    }
    for (const key of ['lon', 'lat', 'timeS', 'trips'] as const) expect(bits(back.zones[key]), key).toEqual(bits(r.zones[key]));
    expect(encodeResult(back)).toEqual(encodeResult(r));
  });

  it('keeps the trucks column only in runs that have one, checked against the edge count', () => {
    const r = sample();
    expect(readBack(r).edges.trucksVph![1]).toBe(r.edges.flowVph[1]! * 0.125);
    delete r.edges.trucksVph;
    expect(readBack(r).edges.trucksVph).toBeUndefined();
    r.edges.trucksVph = new Float64Array(r.edges.count - 1);
    expect(() => decodeResult(encodeResult(r), 'short.fb')).toThrow(/short\.fb: column trucksVph has \d+ values, expected \d+/);
  });

  it('hands out views over the file bytes, not copies', () => {
    const bytes = encodeResult(sample());
    const r = decodeResult(bytes);
    expect(r.edges.flowVph.buffer).toBe(bytes.buffer);
    expect(r.edges.geometryCoords.buffer).toBe(bytes.buffer);
    expect(r.zones.timeS.buffer).toBe(bytes.buffer);
  });

  it('copies columns when the bytes sit at an odd offset', () => {
    const bytes = encodeResult(sample());
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const r = decodeResult(shifted.subarray(1));
    expect(bits(r.edges.flowVph)).toEqual(bits(sample().edges.flowVph));
  });

  it('rejects wrong files with one line naming the file', () => {
    const check = (bytes: Uint8Array, message: RegExp) => {
      const file = join(dir, 'bad.fb');
      writeFileSync(file, bytes);
      expect(() => readResultFile(file)).toThrow(message);
      try {
        readResultFile(file);
      } catch (err) {
        expect((err as Error).message).not.toContain('\n');
        expect((err as Error).message.startsWith(file)).toBe(true);
      }
    };
    check(new Uint8Array(0), /empty/);
    check(new Uint8Array([1, 2, 3]), /not a gemeo run result/);
    check(new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'), /identifier .* expected "GMRS"/);
    const good = encodeResult(sample());
    check(good.slice(0, Math.floor(good.length / 2)), /truncated|corrupt/);
    expect(() => readResultFile(join(dir, 'missing.fb'))).toThrow(/no such file/);
    // a graph file is not a result file
    const graphFile = new URL('../../data/graphs/cuiaba/graph.fb', import.meta.url);
    try {
      const g = readFileSync(graphFile);
      check(new Uint8Array(g), /identifier "GMEO", expected "GMRS"/);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  });

  it('refuses a version it does not read', () => {
    const bytes = encodeResult(sample());
    const root = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const vtable = root - view.getInt32(root, true);
    const versionAt = root + view.getUint16(vtable + 4, true);
    view.setUint32(versionAt, 99, true);
    expect(() => decodeResult(bytes, 'x.fb')).toThrow(/x\.fb: unsupported run result format version 99/);
  });
});
