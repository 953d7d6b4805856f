import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../util/input-error.ts';
import { detectOsmFormat, readOsmFile } from './read-osm.ts';

const data = (path: string): string => fileURLToPath(new URL(`../../data/${path}`, import.meta.url));
const POA = data('osm/porto-alegre/poa_osm.pbf');
const SPO = data('osm/sao-paulo/spo_osm.pbf');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemeo-read-osm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The one-line message of the InputError that `fn` throws (fails the test otherwise). */
function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an InputError');
}

describe('readOsmFile: formats by content', () => {
  it('reads the pbf, even under another extension', () => {
    const e = readOsmFile(POA);
    expect(e.source.format).toBe('pbf');
    expect(e.nodeIds.length).toBe(43_264);
    const renamed = write('streets.json', readFileSync(SPO));
    expect(readOsmFile(renamed).source.format).toBe('pbf');
  });

  it('reads OSM XML (with a BOM) and Overpass JSON', () => {
    const xml = write(
      'tiny.pbf',
      '\uFEFF<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="-15.6" lon="-56.1"/><node id="2" lat="-15.61" lon="-56.1"/>' +
        '<way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way></osm>',
    );
    const e = readOsmFile(xml);
    expect(e.source.format).toBe('xml');
    expect(e.ways.map((w) => w.id)).toEqual([3]);
    const json = readOsmFile(data('fixtures/overpass/porto-alegre-centro.json'));
    expect(json.source.format).toBe('overpass-json');
    expect(json.ways.length).toBe(722);
  });

  it('detects from the first bytes', () => {
    expect(detectOsmFormat('a', readFileSync(POA).subarray(0, 64))).toBe('pbf');
    expect(detectOsmFormat('a', new TextEncoder().encode('  \n<osm version="0.6">'))).toBe('xml');
    expect(detectOsmFormat('a', new TextEncoder().encode('{\n  "version": 0.6,'))).toBe('overpass-json');
  });
});

describe('readOsmFile: one clear line for each bad input', () => {
  it('missing file, a directory, an empty file', () => {
    const missing = join(dir, 'nowhere.osm.pbf');
    expect(problem(() => readOsmFile(missing))).toBe(`${missing}: file not found`);
    const sub = join(dir, 'folder.osm');
    mkdirSync(sub);
    expect(problem(() => readOsmFile(sub))).toBe(`${sub}: is a directory, expected a file`);
    const empty = write('empty.osm.pbf', '');
    expect(problem(() => readOsmFile(empty))).toBe(`${empty}: the file is empty (0 bytes)`);
  });

  it('a truncated pbf (the first 10,000 bytes of the real file)', () => {
    const file = write('head.osm.pbf', readFileSync(POA).subarray(0, 10_000));
    expect(problem(() => readOsmFile(file))).toMatch(
      /: truncated: block \d+ at byte \d+ needs \d+ bytes but the file ends at byte 10000 \(incomplete download\?\)$/,
    );
  });

  it('XML with no ways, and ways without highway tags', () => {
    const nodesOnly = write('nodes.osm', '<osm version="0.6"><node id="1" lat="1" lon="2"/><node id="2" lat="1" lon="3"/></osm>');
    expect(problem(() => readOsmFile(nodesOnly))).toBe(
      `${nodesOnly}: holds 2 nodes and no ways; expected streets (ways tagged highway=*)`,
    );
    const buildings = write(
      'buildings.json',
      JSON.stringify({ elements: [{ type: 'way', id: 5, nodes: [1, 2], tags: { building: 'yes' } }] }),
    );
    expect(problem(() => readOsmFile(buildings))).toBe(
      `${buildings}: none of its 1 ways has a highway tag; expected streets (ways tagged highway=*)`,
    );
  });

  it('an extract whose highway ways are all footways or paths', () => {
    const paths = write(
      'paths.json',
      JSON.stringify({
        elements: [
          { type: 'way', id: 5, nodes: [1, 2], tags: { highway: 'footway' } },
          { type: 'way', id: 6, nodes: [1, 2], tags: { highway: 'footway' } },
          { type: 'way', id: 7, nodes: [1, 2], tags: { highway: 'path' } },
        ],
      }),
    );
    expect(problem(() => readOsmFile(paths))).toMatch(
      /: none of its 3 highway ways is a road for vehicles \(found footway ×2, path ×1\); expected classes such as motorway, /,
    );
  });

  it('malformed JSON, GeoJSON without elements', () => {
    const broken = write('broken.json', '{"version": 0.6, "elements": [\n{"type": "node", "id": 1, "lat": 1, "lon": }\n]}');
    expect(problem(() => readOsmFile(broken))).toMatch(/: line 2, column \d+: malformed JSON \(/);
    expect(problem(() => readOsmFile(data('mt/federal-highways-51.geojson')))).toMatch(
      /federal-highways-51\.geojson: no `elements` array \(this looks like GeoJSON\): expected Overpass API \[out:json\] output$/,
    );
  });

  it('files of another type: PNG, CSV, ZIP, gzip, HTML, binary', () => {
    const png = write('map.osm.pbf', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    expect(problem(() => readOsmFile(png))).toBe(
      `${png}: this is a PNG image, not OSM data; expected an OSM extract (.osm.pbf, OSM XML or Overpass JSON)`,
    );
    expect(problem(() => readOsmFile(data('osm/porto-alegre/poa_hexgrid.csv')))).toMatch(
      /poa_hexgrid\.csv: a text file starting with ".+", perhaps CSV; expected an OSM extract/,
    );
    expect(problem(() => readOsmFile(data('osm/porto-alegre/poa_eptc.zip')))).toMatch(/: this is a ZIP archive \(unpack it first\)/);
    const gz = write('city.osm.gz', gzipSync('<osm/>'));
    expect(problem(() => readOsmFile(gz))).toMatch(/: this is gzip-compressed data \(decompress it first/);
    const html = write('error.osm', '<!DOCTYPE html>\n<html><body>429 Too Many Requests</body></html>');
    expect(problem(() => readOsmFile(html))).toMatch(/: an XML\/HTML document starting with <html>, not OSM XML/);
    const binary = write('blob.bin', new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8, 9]));
    expect(problem(() => readOsmFile(binary))).toMatch(/: unrecognised binary content \(first bytes 01 02 03 00 05 06 07 08\)/);
  });
});
