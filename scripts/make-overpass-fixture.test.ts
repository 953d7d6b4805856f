import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPbf } from '../engine/osm/read-pbf.ts';
import { CENTRO_BBOX, FIXTURE, SOURCE_PBF, overpassJsonFromExtract } from './make-overpass-fixture.ts';

describe('make-overpass-fixture', () => {
  it('the committed fixture is what the script makes today, in the API shape, under 1 MB', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    expect(text.length).toBeLessThan(1_000_000);
    expect(overpassJsonFromExtract(readPbf(fileURLToPath(SOURCE_PBF)), CENTRO_BBOX)).toBe(text);
    const doc = JSON.parse(text) as {
      version: number;
      generator: string;
      osm3s: { timestamp_osm_base: string; copyright: string };
      elements: { type: string; id: number; tags?: object; nodes?: number[] }[];
    };
    expect(doc.version).toBe(0.6);
    expect(doc.generator).toMatch(/^Overpass API \d+\.\d+/);
    expect(doc.osm3s.copyright).toMatch(/openstreetmap\.org.*ODbL/);
    // `out body` (tagged nodes, then ways), then `>; out skel qt` (bare nodes)
    const kinds = doc.elements.map((e) => (e.type === 'way' ? 'w' : e.tags ? 'p' : 'n')).join('');
    expect(kinds).toMatch(/^p+w+n+$/);
    expect(doc.elements.some((e) => e.type === 'way' && e.tags === undefined)).toBe(false);
  });
});
