import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCity, pointInCityPolygon } from '../city/registry.ts';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { columnNames, type RoadGraph } from '../graph/road-graph.ts';
import { readGeojsonLines } from '../osm/read-geojson-lines.ts';
import { buildStandIn, generateStandIn } from './generate-stand-in.ts';

const highways = readGeojsonLines(fileURLToPath(new URL('../../data/mt/federal-highways-51.geojson', import.meta.url)));
const cuiaba = findCity('cuiaba');
const first = buildStandIn(cuiaba, highways, { seed: 7 });
const g = first.graph;

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Nodes reachable from node 0 following edges forwards (or backwards). */
function reach(graph: RoadGraph, backwards: boolean): number {
  const into: number[][] = Array.from({ length: graph.nodeCount }, () => []);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (backwards) into[graph.head[e]].push(graph.tail[e]);
    else into[graph.tail[e]].push(graph.head[e]);
  }
  const seen = new Uint8Array(graph.nodeCount);
  const queue = [0];
  seen[0] = 1;
  for (let q = 0; q < queue.length; q++) {
    for (const w of into[queue[q]]) {
      if (!seen[w]) {
        seen[w] = 1;
        queue.push(w);
      }
    }
  }
  return queue.length;
}

describe('generateStandIn (Cuiabá)', () => {
  it('is bit-identical for the same city and seed, and differs for another seed', () => {
    const again = generateStandIn(cuiaba, highways, { seed: 7 });
    const differing = columnNames().filter((name) => !sameBytes(again.column(name), g.column(name)));
    expect(differing).toEqual([]);
    expect(sameBytes(again.geometry.coords, g.geometry.coords)).toBe(true);
    expect(sameBytes(again.geometry.offsets, g.geometry.offsets)).toBe(true);
    expect(again.meta).toEqual(g.meta);
    const other = generateStandIn(cuiaba, highways, { seed: 8 });
    expect(other.nodeCount === g.nodeCount && other.nodeLon.every((v, i) => v === g.nodeLon[i])).toBe(false);
  });

  it('has a few thousand to 20k edges', () => {
    expect(g.edgeCount).toBeGreaterThan(3000);
    expect(g.edgeCount).toBeLessThan(20_000);
  });

  it('is strongly connected (BFS forwards and backwards from one node reaches every node)', () => {
    expect(reach(g, false)).toBe(g.nodeCount);
    expect(reach(g, true)).toBe(g.nodeCount);
  });

  it('puts every node inside the municipality, except the ends of highways clipped at its boundary', () => {
    const trunk = roadClassCode('trunk');
    const onTrunk = new Uint8Array(g.nodeCount);
    for (let e = 0; e < g.edgeCount; e++) if (g.roadClass[e] === trunk) onTrunk[g.tail[e]] = onTrunk[g.head[e]] = 1;
    let outside = 0;
    const stray: number[] = [];
    for (let v = 0; v < g.nodeCount; v++) {
      if (pointInCityPolygon([g.nodeLon[v], g.nodeLat[v]], cuiaba.polygon)) continue;
      if (!onTrunk[v]) stray.push(v);
      outside++;
    }
    expect(stray).toEqual([]);
    expect(outside).toBeLessThan(10);
  });

  it('carries BR-163, BR-364 and BR-070 through town as trunk edges joined to the streets', () => {
    const trunk = roadClassCode('trunk');
    const nameOf = new Map(first.ways.map((w) => [w.id, w.name]));
    const numbers = new Set<string>();
    let joined = 0;
    for (let e = 0; e < g.edgeCount; e++) {
      if (g.roadClass[e] !== trunk) continue;
      for (const n of nameOf.get(g.osmWayId[e])!.split('/')) numbers.add(n);
      for (let f = g.firstOut[g.head[e]]; f < g.firstOut[g.head[e] + 1]; f++) if (g.roadClass[f] !== trunk) joined++;
    }
    expect(numbers).toContain('BR-163');
    expect(numbers).toContain('BR-364');
    expect(numbers).toContain('BR-070');
    expect(joined).toBeGreaterThan(20);
  });

  it('marks everything synthetic and gives every way a negative id with a name', () => {
    expect(g.meta).toMatchObject({ source: 'stand-in', synthetic: true });
    expect(g.meta.notes).toContain('seed 7');
    expect(g.meta.notes).toContain('cuiaba');
    expect(g.meta.notes).toContain('623614');
    const ids = new Set(first.ways.map((w) => w.id));
    const bad: string[] = [];
    for (let e = 0; e < g.edgeCount; e++) {
      if ((g.flags[e] & EdgeFlag.Synthetic) === 0) bad.push(`edge ${e} not flagged synthetic`);
      if (!(g.osmWayId[e] < 0) || !ids.has(g.osmWayId[e])) bad.push(`edge ${e} way id ${g.osmWayId[e]}`);
      if (!(g.lengthM[e] > 0)) bad.push(`edge ${e} length ${g.lengthM[e]}`);
      if (Math.abs(g.freeFlowS[e] - g.lengthM[e] / (g.speedKmh[e] / 3.6)) > 1e-6) bad.push(`edge ${e} free-flow time`);
    }
    expect(bad).toEqual([]);
    expect(first.ways.every((w) => w.id < 0 && w.name.length > 0)).toBe(true);
  });

  it('has one-way pairs: one-way edges with no twin, still inside a strongly connected network', () => {
    const twin = new Set<string>();
    for (let e = 0; e < g.edgeCount; e++) twin.add(`${g.tail[e]}>${g.head[e]}`);
    let oneWay = 0;
    for (let e = 0; e < g.edgeCount; e++) if (!twin.has(`${g.head[e]}>${g.tail[e]}`)) oneWay++;
    expect(oneWay).toBeGreaterThan(10);
    expect(first.ways.filter((w) => w.oneway).length).toBeGreaterThanOrEqual(2);
  });

  it('uses the class speeds of data/road-classes.json: 60 km/h arterials, 40 collectors, 30 locals (CTB art. 61)', () => {
    const speeds = new Map<number, Set<number>>();
    for (let e = 0; e < g.edgeCount; e++) {
      const set = speeds.get(g.roadClass[e]) ?? new Set<number>();
      set.add(g.speedKmh[e]);
      speeds.set(g.roadClass[e], set);
    }
    expect([...speeds.get(roadClassCode('primary'))!]).toEqual([60]);
    expect([...speeds.get(roadClassCode('tertiary'))!]).toEqual([40]);
    expect([...speeds.get(roadClassCode('residential'))!]).toEqual([30]);
  });
});

describe('generateStandIn across cities', () => {
  it('grows the urban area with population: Cuiabá > Sinop > Nobres', () => {
    const sinop = buildStandIn(findCity('sinop'), highways, { seed: 7 });
    const nobres = buildStandIn(findCity('nobres'), highways, { seed: 7 });
    expect(first.radiusM).toBeGreaterThan(sinop.radiusM);
    expect(sinop.radiusM).toBeGreaterThan(nobres.radiusM);
    expect(g.edgeCount).toBeGreaterThan(sinop.graph.edgeCount);
    expect(sinop.graph.edgeCount).toBeGreaterThan(nobres.graph.edgeCount);
    // 3,000 inhabitants per km² over a disc: Cuiabá's 623,614 people → 8.1 km
    expect(first.radiusM / 1000).toBeCloseTo(Math.sqrt(623_614 / 3000 / Math.PI), 6);
  });

  it('builds a strongly connected town without highways too', () => {
    const town = generateStandIn(findCity('pocone'), null, { seed: 1 });
    expect(town.edgeCount).toBeGreaterThan(100);
    expect(Array.from(town.roadClass).includes(roadClassCode('trunk'))).toBe(false);
    expect(reach(town, false)).toBe(town.nodeCount);
    expect(reach(town, true)).toBe(town.nodeCount);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => generateStandIn(cuiaba, highways, { seed: 0.5 })).toThrow('seed is 0.5, expected an integer');
  });
});
