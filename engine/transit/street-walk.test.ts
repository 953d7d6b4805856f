import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { haversineM } from '../spatial/geo.ts';
import { StreetWalk } from './street-walk.ts';
import { walkWayProfile } from './walk-way-profile.ts';

/**
 * A block, synthetic: A —— B along the bottom (200 m), and a detour A — C — D — B over the top
 * (the river case: the straight line crosses no street).
 */
function block() {
  const b = new GraphBuilder({ name: 'a block (synthetic)', source: 'test', synthetic: true });
  const lat0 = -30;
  const dLon = 0.001; // ≈ 96 m at this latitude
  const dLat = 0.002; // ≈ 221 m
  const A = b.addNode(-51, lat0);
  const B = b.addNode(-51 + 2 * dLon, lat0);
  const C = b.addNode(-51, lat0 + dLat);
  const D = b.addNode(-51 + 2 * dLon, lat0 + dLat);
  const lon = [-51, -51 + 2 * dLon, -51, -51 + 2 * dLon];
  const lat = [lat0, lat0, lat0 + dLat, lat0 + dLat];
  const way = (u: number, v: number, id: number) => {
    const m = haversineM(lon[u], lat[u], lon[v], lat[v]);
    for (const [t, h] of [[u, v], [v, u]]) b.addEdge({ tail: t, head: h, lengthM: m, speedKmh: 4.32, capacityVph: 1, lanes: 1, roadClass: 11, osmWayId: id });
  };
  way(A, B, 1);
  way(A, C, 2);
  way(C, D, 3);
  way(D, B, 4);
  return { graph: b.finish(), lon, lat };
}

describe('StreetWalk', () => {
  it('walks along one street, to its ends and round the block, the same both ways', () => {
    const { graph, lon, lat } = block();
    const walk = new StreetWalk(graph);
    const ab = haversineM(lon[0], lat[0], lon[1], lat[1]);
    const ac = haversineM(lon[0], lat[0], lon[2], lat[2]);
    // a quarter and three quarters along A–B, a few metres off it
    const p = walk.snap(lon[0] + 0.25 * (lon[1] - lon[0]), lat[0] - 0.00003)!;
    const q = walk.snap(lon[0] + 0.75 * (lon[1] - lon[0]), lat[0] - 0.00003)!;
    expect(p.offM).toBeGreaterThan(3);
    const [pq] = walk.metres(p, [q], 1e4);
    expect(pq).toBeCloseTo(0.5 * ab + p.offM + q.offM, 0);
    expect(walk.metres(q, [p], 1e4)[0]).toBeCloseTo(pq, 6);
    // the middle of C–D: up A–C (from a quarter along A–B) and half of C–D
    const r = walk.snap((lon[2] + lon[3]) / 2, lat[2])!;
    const [pr] = walk.metres(p, [r], 1e4);
    expect(pr).toBeCloseTo(0.25 * ab + ac + 0.5 * ab + p.offM + r.offM, 0);
    // beyond the bound: unreachable
    expect(walk.metres(p, [r], pr - 1)[0]).toBe(Infinity);
    // nowhere near the streets
    expect(walk.snap(-50.9, -30)).toBeNull();
  });
});

describe('walkWayProfile', () => {
  it('walks streets both ways and the ways for people, not motorways or closed ways', () => {
    const both = walkWayProfile({ highway: 'primary', oneway: 'yes' });
    if (typeof both === 'string') throw new Error(both);
    expect(both.forward).not.toBeNull();
    expect(both.backward).not.toBeNull();
    for (const h of ['footway', 'pedestrian', 'steps', 'path', 'living_street', 'service']) expect(typeof walkWayProfile({ highway: h })).toBe('object');
    expect(walkWayProfile({ highway: 'motorway' })).toBe('class');
    expect(typeof walkWayProfile({ highway: 'trunk', sidewalk: 'both' })).toBe('object');
    expect(walkWayProfile({ highway: 'footway', foot: 'no' })).toBe('access');
    expect(walkWayProfile({ highway: 'service', access: 'private' })).toBe('access');
    expect(typeof walkWayProfile({ highway: 'service', access: 'no', foot: 'yes' })).toBe('object');
    // a bus corridor closed to everyone else
    expect(walkWayProfile({ highway: 'service', access: 'no', bus: 'designated' })).toBe('access');
  });
});
