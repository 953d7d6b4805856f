import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { InputError } from '../util/input-error.ts';
import { geojsonLinesToGraph, readGeojsonLines } from './read-geojson-lines.ts';
import { haversineM } from '../spatial/geo.ts';

const DNIT = fileURLToPath(new URL('../../data/mt/federal-highways-51.geojson', import.meta.url));

const line = (coords: number[][], props: Record<string, unknown> = { Codigo_BR: '163' }) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'LineString', coordinates: coords },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('readGeojsonLines on the DNIT federal highways of MT', () => {
  const { graph, edgeRef } = readGeojsonLines(DNIT);

  it('keeps the eight highway numbers the source lists and marks the graph as GeoJSON, not OSM', () => {
    const numbers = new Set(edgeRef.flatMap((r) => r.split('/')));
    expect([...numbers].sort()).toEqual(['BR-070', 'BR-080', 'BR-158', 'BR-163', 'BR-174', 'BR-242', 'BR-251', 'BR-364']);
    expect(graph.meta.source).toBe('geojson');
    expect(graph.meta.synthetic).toBe(false);
    expect(graph.meta.notes).toContain('BR-364');
    expect(edgeRef).toHaveLength(graph.edgeCount);
  });

  it('gives two-way trunk edges with the rural trunk defaults and no OSM way id', () => {
    const trunk = roadClassCode('trunk');
    let forward = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      expect(graph.roadClass[e]).toBe(trunk);
      expect(graph.osmWayId[e]).toBe(-1);
      expect(graph.speedKmh[e]).toBe(100); // CTB art. 61: rodovia de pista simples
      expect(graph.lengthM[e]).toBeGreaterThan(0);
      if (!(graph.flags[e] & EdgeFlag.Reverse)) forward++;
    }
    expect(forward * 2).toBe(graph.edgeCount);
  });

  it('merges concurrent highways into one piece carrying both numbers (BR-163/BR-364 south of Cuiabá)', () => {
    expect(edgeRef).toContain('BR-163/BR-364');
    expect(edgeRef).toContain('BR-070/BR-163/BR-364');
  });

  it('measures the same network length as the distinct segments of the file', () => {
    const doc = JSON.parse(readFileSync(DNIT, 'utf8')) as { features: { geometry: { coordinates: number[][] } }[] };
    const seen = new Set<string>();
    let expected = 0;
    for (const f of doc.features) {
      const c = f.geometry.coordinates;
      for (let k = 1; k < c.length; k++) {
        const a = c[k - 1].join(','), b = c[k].join(',');
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        expected += haversineM(c[k - 1][0], c[k - 1][1], c[k][0], c[k][1]);
      }
    }
    let total = 0;
    for (let e = 0; e < graph.edgeCount; e++) if (!(graph.flags[e] & EdgeFlag.Reverse)) total += graph.lengthM[e];
    expect(total).toBeCloseTo(expected, 0);
  });
});

describe('geojsonLinesToGraph', () => {
  const step = 5 / 111_320;
  const at = (x: number, y: number) => [Math.round(x / step) * step, Math.round(y / step) * step];

  it('joins lines at a shared vertex and at ends less than the snapping distance apart', () => {
    const c = at(-56, -15);
    const a = at(-56.01, -15);
    const b = at(-55.99, -15);
    const n = at(-56, -14.99);
    const s = at(-56, -15.01);
    const e = at(-55.98, -15);
    const eNear = [e[0] + 0.2 * step, e[1] + 0.2 * step]; // about 1.4 m away, same cell
    const { graph, edgeRef } = geojsonLinesToGraph(fc(line([a, c, b, eNear]), line([n, c, s], { Codigo_BR: '070' }), line([e, at(-55.97, -15)], { Codigo_BR: '364' })), 'test.geojson');
    // nodes: a, c (crossing), e (joint), n, s, end of the third line
    expect(graph.nodeCount).toBe(6);
    expect(graph.edgeCount).toBe(2 * 5);
    const degree4 = Array.from({ length: graph.nodeCount }, (_, v) => graph.degree(v)).filter((d) => d === 4);
    expect(degree4).toHaveLength(1);
    expect(new Set(edgeRef)).toEqual(new Set(['BR-163', 'BR-070', 'BR-364']));
  });

  it('reads MultiLineString parts and keeps interior vertices as geometry', () => {
    const doc = fc({
      type: 'Feature',
      properties: { ref: 'MT-251' },
      geometry: { type: 'MultiLineString', coordinates: [[at(-56, -15), at(-55.99, -15.001), at(-55.98, -15)], [at(-55.98, -15), at(-55.97, -15)]] },
    });
    const { graph, edgeRef } = geojsonLinesToGraph(doc, 'multi.geojson', { refProperty: 'ref', refPrefix: '' });
    expect(graph.nodeCount).toBe(3);
    expect(graph.edgeCount).toBe(4);
    expect(edgeRef[0]).toBe('MT-251');
    const e = edgeRef.findIndex((_, i) => graph.geometry.offsets[i + 1] - graph.geometry.offsets[i] === 3);
    expect(e).toBeGreaterThanOrEqual(0);
  });

  it('refuses what is not GeoJSON or has no line features, naming the file', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as Error).message;
      }
      throw new Error('expected an InputError');
    };
    expect(err(() => geojsonLinesToGraph({ type: 'Topology' }, 'x.json'))).toBe(
      'x.json: not GeoJSON: top-level type is "Topology", expected a "FeatureCollection" (or "Feature") of LineString/MultiLineString features',
    );
    const points = fc({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }, { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 0] } });
    expect(err(() => geojsonLinesToGraph(points, 'p.geojson'))).toBe('p.geojson: no LineString or MultiLineString features (found 2 Point)');
    expect(err(() => geojsonLinesToGraph(fc(line([[0, 0], [200, 0]])), 'b.geojson'))).toBe(
      'b.geojson: features[0].geometry.coordinates[1]: is [200,0], expected [lon, lat] in degrees',
    );
    const dir = mkdtempSync(join(tmpdir(), 'gemeo-geojson-'));
    writeFileSync(join(dir, 'bad.geojson'), '{"type": "FeatureCollection", ');
    expect(err(() => readGeojsonLines(join(dir, 'bad.geojson')))).toMatch(/bad\.geojson: not GeoJSON: the file is not valid JSON/);
    expect(err(() => readGeojsonLines(join(dir, 'none.geojson')))).toBe(`${join(dir, 'none.geojson')}: file not found`);
  });
});
