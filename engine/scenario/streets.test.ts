import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { applyScenario } from './apply-scenario.ts';
import { parseScenario, validateScenario } from './parse-scenario.ts';
import { ScenarioError } from './scenario.ts';
import { findStreet, resolveStreets, searchStreets, streetWays } from './streets.ts';

/**
 * A line of five nodes ≈ 100 m apart: ways 1 and 2 are two pieces of "Avenida Ipiranga"
 * (two-way, 2 lanes), way 3 "Rua Ipiranga Velha" (one-way), way 4 "Avenida Bento Gonçalves"
 * with ref RS-040, way 5 unnamed.
 */
function graph(): RoadGraph {
  const b = new GraphBuilder({ name: 'line', source: 'test', synthetic: false });
  for (let i = 0; i < 6; i++) b.addNode(-51.2 + i * 0.001, -30.05);
  const road = (t: number, h: number, way: number, lanes: number, twoWay: boolean, cls = 'secondary') => {
    const e = { lengthM: 100, speedKmh: 50, capacityVph: 900 * lanes, lanes, roadClass: roadClassCode(cls), osmWayId: way };
    b.addEdge({ ...e, tail: t, head: h });
    if (twoWay) b.addEdge({ ...e, tail: h, head: t, flags: EdgeFlag.Reverse });
  };
  road(0, 1, 1, 2, true);
  road(1, 2, 2, 2, true);
  road(2, 3, 3, 1, false, 'residential');
  road(3, 4, 4, 3, true, 'primary');
  road(4, 5, 5, 1, true, 'residential');
  road(5, 4, 6, 1, false, 'residential'); // named but shorter: one way only
  b.nameWay(1, 'Avenida Ipiranga');
  b.nameWay(2, 'Avenida Ipiranga');
  b.nameWay(3, 'Rua Ipiranga Velha');
  b.nameWay(4, 'Avenida Bento Gonçalves', 'RS-040');
  b.nameWay(6, 'Rua Sintética 1', '', true);
  b.nameWay(99, 'Rua sem trechos');
  return b.finish();
}

const scenario = (iv: unknown) => validateScenario({ city: 'test', name: 't', interventions: [iv] }, 'test.json');

describe('streets by name', () => {
  it('lists the named ways that have edges, a two-way street counted once', () => {
    const ways = streetWays(graph());
    expect(ways.map((w) => w.way)).toEqual([4, 1, 2, 3, 6]);
    expect(ways[0]).toMatchObject({ label: 'Avenida Bento Gonçalves (RS-040)', roadClass: 'primary', lengthM: 100, lanes: 3, oneway: false });
    expect(ways.find((w) => w.way === 3)).toMatchObject({ lengthM: 100, oneway: true, roadClass: 'residential' });
    expect(ways.find((w) => w.way === 6)!.synthetic).toBe(true);
  });

  it('searches names and refs ignoring case and accents', () => {
    const g = graph();
    expect(searchStreets(g, 'IPIRANGA').map((w) => w.way)).toEqual([1, 2, 3]);
    expect(searchStreets(g, 'goncalves').map((w) => w.way)).toEqual([4]);
    expect(searchStreets(g, 'rs-040').map((w) => w.way)).toEqual([4]);
    expect(searchStreets(g, 'nothing here')).toEqual([]);
  });

  it('finds a street by its full name, its ref, or a part only one name holds', () => {
    const g = graph();
    expect(findStreet(g, ' AVENIDA  ipiranga')).toEqual({ ok: true, label: 'Avenida Ipiranga', ways: [1, 2] });
    expect(findStreet(g, 'RS-040')).toMatchObject({ ok: true, ways: [4] });
    expect(findStreet(g, 'Bento')).toMatchObject({ ok: true, label: 'Avenida Bento Gonçalves', ways: [4] });
  });

  it('answers a name that fits several streets with the candidates, longest first', () => {
    expect(findStreet(graph(), 'Ipiranga')).toEqual({ ok: false, candidates: ['Avenida Ipiranga', 'Rua Ipiranga Velha'] });
    expect(findStreet(graph(), 'Rua Augusta')).toEqual({ ok: false, candidates: [] });
  });

  it('turns a scenario street into its way ids, with one-line errors for none or several', () => {
    const g = graph();
    const s = resolveStreets(scenario({ type: 'close', street: 'Avenida Ipiranga' }), g, 'x.json');
    expect(s.interventions[0]).toMatchObject({ type: 'close', street: 'Avenida Ipiranga', ways: [1, 2] });
    expect(() => resolveStreets(scenario({ type: 'lanes', street: 'Ipiranga', lanes: 3 }), g, 'x.json')).toThrow(
      'x.json: interventions[0].street: "Ipiranga" names 2 streets: "Avenida Ipiranga", "Rua Ipiranga Velha"; expected one street\'s full name, or its way ids in "ways"',
    );
    expect(() => resolveStreets(scenario({ type: 'close', street: 'Rua Augusta' }), g, 'x.json')).toThrow(/interventions\[0\]\.street: no street named "Rua Augusta" in the road graph; list the names with gemeo streets test --search <word>$/);
  });

  it('closes the same edges by street name as by way ids, and names them in the log', () => {
    const g = graph();
    const byName = applyScenario(g, scenario({ type: 'close', street: 'avenida ipiranga' }), { city: { slug: 'test', name: 'Test' } });
    const byIds = applyScenario(g, scenario({ type: 'close', ways: [1, 2] }), { city: { slug: 'test', name: 'Test' } });
    expect(byName.graph.edgeCount).toBe(g.edgeCount - 4);
    expect(Array.from(byName.baseEdge)).toEqual(Array.from(byIds.baseEdge));
    expect(byName.log[0]).toMatchObject({ edges: 4, label: 'Avenida Ipiranga' });
    // the applied graph keeps the names
    expect(byName.graph.wayNames.label(4)).toBe('Avenida Bento Gonçalves (RS-040)');
  });

  it('refuses both ways and street, or neither, in one line', () => {
    expect(() => parseScenario('{"city":"test","name":"t","interventions":[{"type":"close","ways":[1],"street":"Avenida Ipiranga"}]}', 's.json')).toThrow(ScenarioError);
    expect(() => parseScenario('{"city":"test","name":"t","interventions":[{"type":"close","ways":[1],"street":"Avenida Ipiranga"}]}', 's.json')).toThrow(/^s\.json: interventions\[0\]\.street: expected either "ways" or "street", not both/);
    expect(() => parseScenario('{"city":"test","name":"t","interventions":[{"type":"bus-lane"}]}', 's.json')).toThrow(/^s\.json: interventions\[0\]\.ways: missing, expected a non-empty array of OSM way ids, or "street" with a street name$/);
    expect(() => parseScenario('{"city":"test","name":"t","interventions":[{"type":"toll","street":"","brl":2}]}', 's.json')).toThrow(/interventions\[0\]\.street/);
  });
});
