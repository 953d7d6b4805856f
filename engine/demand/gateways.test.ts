import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCity } from '../city/registry.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { readGeojsonLines } from '../osm/read-geojson-lines.ts';
import { buildStandIn } from '../standin/generate-stand-in.ts';
import { highwayGateways } from './gateways.ts';

const DNIT = readGeojsonLines(fileURLToPath(new URL('../../data/mt/federal-highways-51.geojson', import.meta.url)));

describe('highwayGateways', () => {
  it('finds where the DNIT highways leave the Rondonópolis stand-in: BR-364 south-east, BR-163/364 north-west, BR-163 south', () => {
    const { graph } = buildStandIn(findCity('rondonopolis'), DNIT, { seed: 1 });
    const g = highwayGateways(graph, DNIT);
    expect(g.map((x) => x.ref).sort()).toEqual(['BR-163', 'BR-163/BR-364', 'BR-364']);
    const at = (ref: string) => g.find((x) => x.ref === ref)!;
    // each on the municipal boundary, far from the seat (-54.6358, -16.4673)
    expect(at('BR-364').lon).toBeGreaterThan(-54.6);
    expect(at('BR-163/BR-364').lat).toBeGreaterThan(-16.3);
    expect(at('BR-163').lat).toBeLessThan(-16.9);
  });

  it('Sorriso: three highway ends; Lucas do Rio Verde: two, on BR-163', () => {
    expect(highwayGateways(buildStandIn(findCity('sorriso'), DNIT, { seed: 1 }).graph, DNIT)).toHaveLength(3);
    expect(highwayGateways(buildStandIn(findCity('lucas-do-rio-verde'), DNIT, { seed: 1 }).graph, DNIT).map((x) => x.ref)).toEqual(['BR-163', 'BR-163']);
  });

  it('takes a trunk dead end, not a primary one nor a trunk node with two neighbours, and leaves the ref empty without lines', () => {
    const b = new GraphBuilder({ name: 't', source: 'test', synthetic: true });
    for (let i = 0; i < 4; i++) b.addNode(i * 0.01, 0);
    b.addNode(0.01, 0.01);
    const two = (u: number, v: number, cls: string) => {
      for (const [t, h] of [[u, v], [v, u]]) b.addEdge({ tail: t!, head: h!, lengthM: 1000, speedKmh: 80, capacityVph: 2000, lanes: 1, roadClass: roadClassCode(cls) });
    };
    two(0, 1, 'trunk');
    two(1, 2, 'trunk');
    two(2, 3, 'trunk');
    two(1, 4, 'primary');
    const g = highwayGateways(b.finish());
    expect(g.map((x) => [x.node, x.ref])).toEqual([
      [0, ''],
      [3, ''],
    ]);
  });
});
