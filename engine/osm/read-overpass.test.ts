import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readOverpassJson } from './read-overpass.ts';
import { readPbf } from './read-pbf.ts';

const FIXTURE = fileURLToPath(new URL('../../data/fixtures/overpass/porto-alegre-centro.json', import.meta.url));
const POA = fileURLToPath(new URL('../../data/osm/porto-alegre/poa_osm.pbf', import.meta.url));

const SMALL = JSON.stringify({
  version: 0.6,
  generator: 'Overpass API 0.7.62.1 084b4234',
  osm3s: { timestamp_osm_base: '2024-05-01T10:00:00Z', copyright: 'The data included in this document is from www.openstreetmap.org. The data is made available under ODbL.' },
  elements: [
    { type: 'node', id: 900, lat: -15.5961, lon: -56.0967, tags: { tourism: 'attraction', name: 'Morro da Luz' } },
    { type: 'way', id: 40, nodes: [900, 901], tags: { highway: 'tertiary', name: 'Avenida Getúlio Vargas' } },
    { type: 'way', id: 41, tags: { highway: 'residential' } }, // nodes omitted when empty
    { type: 'way', id: 42, nodes: [901, 902] }, // tags omitted when empty
    { type: 'relation', id: 5, members: [] },
    { type: 'node', id: 902, lat: -15.597, lon: -56.098 },
    { type: 'node', id: 901, lat: -15.5965, lon: -56.0975 },
    { type: 'node', id: 900, lat: -15.5961, lon: -56.0967 }, // again, from `>; out skel`
  ],
});

describe('readOverpassJson', () => {
  it('reads the [out:json] shape, with omitted tags/nodes and repeated nodes', () => {
    const e = readOverpassJson('small.json', SMALL);
    expect(Array.from(e.nodeIds)).toEqual([900, 901, 902]);
    expect(Array.from(e.nodeLon)).toEqual([-56.0967, -56.0975, -56.098]);
    expect(Array.from(e.nodeLat)).toEqual([-15.5961, -15.5965, -15.597]);
    expect(e.ways).toEqual([
      { id: 40, nodes: [900, 901], tags: { highway: 'tertiary', name: 'Avenida Getúlio Vargas' } },
      { id: 41, nodes: [], tags: { highway: 'residential' } },
    ]);
    expect(e.pois).toEqual([{ id: 900, lon: -56.0967, lat: -15.5961, tags: { tourism: 'attraction', name: 'Morro da Luz' } }]);
    expect(e.counts).toEqual({ nodes: 4, ways: 3, relations: 1 });
    expect(e.source).toEqual({ format: 'overpass-json', file: 'small.json', timestamp: '2024-05-01T10:00:00Z' });
  });

  it('keeps the traffic signals and the way of travel they govern', () => {
    const e = readOverpassJson(
      'signals.json',
      JSON.stringify({
        elements: [
          { type: 'node', id: 3, lat: -15.5, lon: -56.0, tags: { highway: 'traffic_signals', 'traffic_signals:direction': 'backward' } },
          { type: 'node', id: 1, lat: -15.5, lon: -56.1, tags: { highway: 'traffic_signals' } },
          { type: 'node', id: 2, lat: -15.5, lon: -56.2, tags: { highway: 'crossing', crossing: 'traffic_signals' } },
          { type: 'node', id: 4, lat: -15.5, lon: -56.3, tags: { highway: 'traffic_signals', direction: 'forward' } },
          { type: 'way', id: 40, nodes: [1, 2, 3, 4], tags: { highway: 'tertiary' } },
        ],
      }),
    );
    // a pedestrian crossing's own signal tag is not a junction's signal
    expect(Array.from(e.signals!.nodeIds)).toEqual([1, 3, 4]);
    expect(Array.from(e.signals!.direction)).toEqual([0, 2, 1]);
  });

  it('treats a remark as a failure', () => {
    const text = JSON.stringify({
      version: 0.6,
      elements: [{ type: 'node', id: 1, lat: 0, lon: 0 }],
      remark: 'runtime error: Query timed out in "query" at line 3 after 181 seconds.',
    });
    expect(() => readOverpassJson('r.json', text)).toThrow(
      /^r\.json: Overpass reported a problem instead of complete data: "runtime error: Query timed out.*" \(the query failed or timed out\)$/,
    );
  });

  it('gives the line and column of malformed JSON, and names missing parts', () => {
    expect(() => readOverpassJson('m.json', '{\n  "elements": [\n    {"type": "node",}\n  ]\n}')).toThrow(
      /^m\.json: line 3, column \d+: malformed JSON \(/,
    );
    expect(() => readOverpassJson('g.json', '{"type": "FeatureCollection", "features": []}')).toThrow(
      /^g\.json: no `elements` array \(this looks like GeoJSON\): expected Overpass API \[out:json\] output$/,
    );
    expect(() => readOverpassJson('a.json', '[1, 2]')).toThrow(/expected a JSON object with an `elements` array/);
    expect(() => readOverpassJson('i.json', '{"elements": [{"type": "node", "id": 3}]}')).toThrow(
      /^i\.json: elements\[0\] \(node 3\): no lat\/lon numbers; the query must print nodes with `out body`/,
    );
    expect(() => readOverpassJson('w.json', '{"elements": [{"type": "way", "id": 3, "nodes": [1, "2"]}]}')).toThrow(
      /elements\[0\] \(way 3\): nodes\[1\] must be an integer node id/,
    );
    expect(() => readOverpassJson('t.json', '{"elements": [{"type": "way", "id": 3, "tags": {"lanes": 2}}]}')).toThrow(
      /elements\[0\] \(way 3\): tag "lanes" must be a string/,
    );
  });

  it('reads the recorded Porto Alegre centre response', () => {
    const e = readOverpassJson(FIXTURE);
    // osmium extract -b <box> -s complete_ways, then tags-filter on the street classes: 722 ways,
    // 1,698 nodes; tags-filter on the POI keys/amenities inside the box: 16 nodes
    expect(e.ways.length).toBe(722);
    expect(e.pois.length).toBe(16);
    const wayNodes = new Set(e.ways.flatMap((w) => w.nodes));
    expect(wayNodes.size).toBe(1698);
    expect(e.nodeIds.length).toBe(1698 + e.pois.filter((p) => !wayNodes.has(p.id)).length);
    expect(e.source.timestamp).toBe('2020-08-12T19:31:51Z');
    // positions and tags agree with the pbf the fixture came from
    const full = readPbf(POA);
    const at = new Map<number, number>();
    full.nodeIds.forEach((id, i) => at.set(id, i));
    let moved = 0;
    for (let i = 0; i < e.nodeIds.length; i++) {
      const j = at.get(e.nodeIds[i])!;
      if (full.nodeLon[j] !== e.nodeLon[i] || full.nodeLat[j] !== e.nodeLat[i]) moved++;
    }
    expect(moved).toBe(0);
    const fullWays = new Map(full.ways.map((w) => [w.id, w]));
    expect(e.ways.every((w) => JSON.stringify(fullWays.get(w.id)) === JSON.stringify(w))).toBe(true);
  });
});
