import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OsmExtract } from './osm-extract.ts';
import { readPbf } from './read-pbf.ts';
import { readOsmXml } from './read-xml.ts';

const POA = fileURLToPath(new URL('../../data/osm/porto-alegre/poa_osm.pbf', import.meta.url));

const JOSM = `<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="JOSM">
  <bounds minlat="-15.61" minlon="-56.11" maxlat="-15.59" maxlon="-56.09"/>
  <node id="3" lat="-15.6" lon="-56.1" version="1"/>
  <node id="1" lat="-15.601" lon="-56.1005">
    <tag k="tourism" v="museum"/>
    <tag k="name" v="Museu do Rio &amp; Cia &quot;Hid&#233;lbrando&quot;"/>
  </node>
  <node id="2" lat="-15.602" lon="-56.101"><tag k="highway" v="traffic_signals"/></node>
  <node id="4" lat="0" lon="0" action="delete"/>
  <way id="20">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/><tag k="name" v="Rua 13 de Junho"/>
  </way>
  <way id="21"><nd ref="1"/><nd ref="2"/><tag k="building" v="yes"/></way>
  <way id="19" action="delete"><nd ref="1"/><nd ref="2"/><tag k="highway" v="service"/></way>
  <relation id="30"><member type="way" ref="20" role=""/><tag k="type" v="route"/></relation>
</osm>
`;

describe('readOsmXml', () => {
  it('turns a small JOSM file into an extract', () => {
    const e = readOsmXml('small.osm', JOSM);
    expect(Array.from(e.nodeIds)).toEqual([1, 2, 3]);
    expect(Array.from(e.nodeLon)).toEqual([-56.1005, -56.101, -56.1]);
    expect(Array.from(e.nodeLat)).toEqual([-15.601, -15.602, -15.6]);
    expect(e.ways).toEqual([
      { id: 20, nodes: [1, 2, 3], tags: { highway: 'residential', name: 'Rua 13 de Junho' } },
    ]);
    expect(e.pois).toEqual([
      { id: 1, lon: -56.1005, lat: -15.601, tags: { tourism: 'museum', name: 'Museu do Rio & Cia "Hidélbrando"' } },
    ]);
    expect(Array.from(e.signals!.nodeIds)).toEqual([2]);
    expect(e.counts).toEqual({ nodes: 4, ways: 3, relations: 1 });
    expect(e.source).toEqual({ format: 'xml', file: 'small.osm' });
  });

  it('takes the timestamp from Overpass XML and fails on a remark', () => {
    const overpass = (body: string): string =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="Overpass API 0.7.62.1 084b4234">\n` +
      `<note>The data included in this document is from www.openstreetmap.org.</note>\n` +
      `<meta osm_base="2024-05-01T10:00:00Z"/>\n<node id="7" lat="-15.5" lon="-56.0"/>\n${body}</osm>\n`;
    expect(readOsmXml('o.osm', overpass('')).source.timestamp).toBe('2024-05-01T10:00:00Z');
    expect(() =>
      readOsmXml('o.osm', overpass('<remark> runtime error: Query timed out in "query" at line 3 after 181 seconds. </remark>\n')),
    ).toThrow(/^o\.osm: line 6: Overpass reported a problem instead of complete data: "runtime error: Query timed out/);
  });

  it('names the line of malformed XML, bad numbers and a foreign root', () => {
    expect(() => readOsmXml('m.osm', '<osm>\n<node id="1" lat="1" lon="2">\n</osm>')).toThrow(
      /^m\.osm: line 3, column \d+: malformed XML \(/,
    );
    expect(() => readOsmXml('n.osm', '<osm>\n<node id="1" lat="abc" lon="2"/>\n</osm>')).toThrow(
      /^n\.osm: line 2: <node id="1">: lat="abc" is not a number$/,
    );
    expect(() => readOsmXml('n.osm', '<osm>\n<node id="1" lon="2"/>\n</osm>')).toThrow(/<node id="1">: attribute lat is missing/);
    expect(() => readOsmXml('p.osm', '<osm><node id="1" lat="95" lon="2"/></osm>')).toThrow(/expected lon in \[-180, 180\] and lat in \[-90, 90\]/);
    expect(() => readOsmXml('g.gpx', '<?xml version="1.0"?>\n<gpx version="1.1"><trk/></gpx>')).toThrow(
      /^g\.gpx: line 2: the root element is <gpx>, expected <osm>/,
    );
    expect(() => readOsmXml('w.osm', '<osm><way id="1"><nd ref="x"/></way></osm>')).toThrow(/<nd> in way 1: ref="x" is not a number/);
  });

  it('reads back a bbox subset of the Porto Alegre pbf written out as XML', () => {
    const full = readPbf(POA);
    const subset = bboxSubset(full, { minLon: -51.235, minLat: -30.04, maxLon: -51.215, maxLat: -30.025 });
    expect(subset.ways.length).toBeGreaterThan(300);
    expect(subset.pois.length).toBeGreaterThan(10);
    const dir = mkdtempSync(join(tmpdir(), 'gemeo-xml-'));
    try {
      const file = join(dir, 'centro.osm');
      writeFileSync(file, toOsmXml(subset));
      const back = readOsmXml(file);
      expect(back.nodeIds).toEqual(subset.nodeIds);
      expect(back.nodeLon).toEqual(subset.nodeLon);
      expect(back.nodeLat).toEqual(subset.nodeLat);
      expect(back.ways).toEqual(subset.ways);
      expect(back.pois).toEqual(subset.pois);
      expect(back.counts).toEqual({ nodes: subset.nodeIds.length, ways: subset.ways.length, relations: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Highway ways with all their nodes inside the box, those nodes, and the POIs inside. */
function bboxSubset(e: OsmExtract, b: Bbox): OsmExtract {
  const inside = new Set<number>();
  for (let i = 0; i < e.nodeIds.length; i++) {
    if (e.nodeLon[i] >= b.minLon && e.nodeLon[i] <= b.maxLon && e.nodeLat[i] >= b.minLat && e.nodeLat[i] <= b.maxLat) {
      inside.add(e.nodeIds[i]);
    }
  }
  const keep = e.nodeIds.map((id) => (inside.has(id) ? 1 : 0));
  const pick = (a: Float64Array): Float64Array => a.filter((_, i) => keep[i] === 1);
  return {
    nodeIds: pick(e.nodeIds),
    nodeLon: pick(e.nodeLon),
    nodeLat: pick(e.nodeLat),
    ways: e.ways.filter((w) => w.nodes.every((n) => inside.has(n))),
    pois: e.pois.filter((p) => inside.has(p.id)),
    source: e.source,
  };
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

function toOsmXml(e: OsmExtract): string {
  const poiTags = new Map(e.pois.map((p) => [p.id, p.tags]));
  const tagLines = (tags: Record<string, string>): string =>
    Object.entries(tags)
      .map(([k, v]) => `    <tag k="${escapeXml(k)}" v="${escapeXml(v)}"/>\n`)
      .join('');
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="gemeo test">\n`;
  for (let i = 0; i < e.nodeIds.length; i++) {
    const open = `  <node id="${e.nodeIds[i]}" lat="${e.nodeLat[i]}" lon="${e.nodeLon[i]}"`;
    const tags = poiTags.get(e.nodeIds[i]);
    xml += tags === undefined ? `${open}/>\n` : `${open}>\n${tagLines(tags)}  </node>\n`;
  }
  for (const w of e.ways) {
    xml += `  <way id="${w.id}">\n${w.nodes.map((n) => `    <nd ref="${n}"/>\n`).join('')}${tagLines(w.tags)}  </way>\n`;
  }
  return `${xml}</osm>\n`;
}
