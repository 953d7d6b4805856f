import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { randomGridGraph } from '../graph/random-graph.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { buildRoadGraph } from '../osm/build-road-graph.ts';
import { readPbf } from '../osm/read-pbf.ts';
import { mulberry32 } from '../util/random.ts';
import { EdgeIndex } from './edge-index.ts';
import { haversineM } from './geo.ts';

// Reference implementations, written apart from the index: plain loops over every segment.
const R = 6_371_008.8;
const K = (R * Math.PI) / 180;

interface Ref {
  edge: number;
  d: number;
  /** Fraction along the polyline (by length) of the nearest point. */
  along: number;
}

/** Distance from the query to edge e (min over its segments) and the along-fraction there. */
function bruteEdge(g: RoadGraph, e: number, lon: number, lat: number): Ref {
  const { offsets, coords } = g.geometry;
  const kx = K * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  let bestAlong = 0;
  let along = 0;
  for (let p = offsets[e]; p + 1 < offsets[e + 1]; p++) {
    const ax = (coords[2 * p] - lon) * kx;
    const ay = (coords[2 * p + 1] - lat) * K;
    const bx = (coords[2 * p + 2] - lon) * kx;
    const by = (coords[2 * p + 3] - lat) * K;
    const vx = bx - ax;
    const vy = by - ay;
    const l2 = vx * vx + vy * vy;
    const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / l2));
    const d = Math.hypot(ax + t * vx, ay + t * vy);
    const midLat = (coords[2 * p + 1] + coords[2 * p + 3]) / 2;
    const segLen = Math.hypot((coords[2 * p + 2] - coords[2 * p]) * K * Math.cos((midLat * Math.PI) / 180), (coords[2 * p + 3] - coords[2 * p + 1]) * K);
    if (d < best) {
      best = d;
      bestAlong = along + t * segLen;
    }
    along += segLen;
  }
  return { edge: e, d: best, along: along > 0 ? bestAlong / along : 0 };
}

function bruteDistances(g: RoadGraph, lon: number, lat: number): Ref[] {
  return Array.from({ length: g.edgeCount }, (_, e) => bruteEdge(g, e, lon, lat));
}

/** The nearest edge by a plain loop over every segment (first found wins, i.e. the lowest id). */
function bruteNearest(g: RoadGraph, lon: number, lat: number): { edge: number; d: number } {
  const { offsets, coords } = g.geometry;
  const kx = K * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  let edge = -1;
  for (let e = 0; e < g.edgeCount; e++) {
    for (let p = offsets[e]; p + 1 < offsets[e + 1]; p++) {
      const ax = (coords[2 * p] - lon) * kx;
      const ay = (coords[2 * p + 1] - lat) * K;
      const vx = (coords[2 * p + 2] - lon) * kx - ax;
      const vy = (coords[2 * p + 3] - lat) * K - ay;
      const l2 = vx * vx + vy * vy;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / l2));
      const x = ax + t * vx;
      const y = ay + t * vy;
      const d2 = x * x + y * y;
      if (d2 < best) {
        best = d2;
        edge = e;
      }
    }
  }
  return { edge, d: Math.sqrt(best) };
}

/** Checks the index against brute force on `n` seeded points over the graph's box. */
function agreesWithBruteForce(g: RoadGraph, index: EdgeIndex, n: number, seed: number): void {
  const rand = mulberry32(seed);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < g.nodeCount; i++) {
    minX = Math.min(minX, g.nodeLon[i]); maxX = Math.max(maxX, g.nodeLon[i]);
    minY = Math.min(minY, g.nodeLat[i]); maxY = Math.max(maxY, g.nodeLat[i]);
  }
  const padX = (maxX - minX) * 0.05;
  const padY = (maxY - minY) * 0.05;
  for (let q = 0; q < n; q++) {
    const lon = minX - padX + rand() * (maxX - minX + 2 * padX);
    const lat = minY - padY + rand() * (maxY - minY + 2 * padY);
    const hit = index.nearestEdge(lon, lat)!;
    const ref = bruteNearest(g, lon, lat);
    expect(hit.distanceM).toBeCloseTo(ref.d, 6);
    const mine = bruteEdge(g, hit.edge, lon, lat);
    if (hit.edge !== ref.edge) {
      // only a tie (two directions of one street, or a shared end node) may pick another edge
      expect(Math.abs(mine.d - ref.d)).toBeLessThan(1e-6);
      expect(Math.abs(bruteEdge(g, ref.edge, lon, lat).d - hit.distanceM)).toBeLessThan(1e-6);
    }
    // the reported point is on the edge, at the reported distance (checked against great-circle distance)
    const gc = haversineM(lon, lat, hit.point[0], hit.point[1]);
    expect(Math.abs(gc - hit.distanceM)).toBeLessThan(1e-3 * hit.distanceM + 0.01);
    expect(hit.fraction).toBeCloseTo(mine.along, 6);
  }
}

function tinyStreet(): RoadGraph {
  // A two-way street along latitude -15.6 with a bend, and a one-way side street.
  const b = new GraphBuilder({ name: 'tiny', source: 'test', synthetic: false });
  const a = b.addNode(-56.1, -15.6);
  const c = b.addNode(-56.09, -15.6);
  const d = b.addNode(-56.09, -15.59);
  const shape = [-56.1, -15.6, -56.095, -15.6, -56.09, -15.6];
  const base = { lengthM: 1071, speedKmh: 50, capacityVph: 900, lanes: 1, roadClass: 11 };
  b.addEdge({ ...base, tail: c, head: a, geometry: [-56.09, -15.6, -56.095, -15.6, -56.1, -15.6] }); // edge 1 after sorting by tail
  b.addEdge({ ...base, tail: a, head: c, geometry: shape }); // edge 0
  b.addEdge({ ...base, tail: c, head: d }); // edge 2
  return b.finish();
}

describe('EdgeIndex.nearestEdge', () => {
  it('snaps to a known street with the right distance, point and fraction', () => {
    const g = tinyStreet();
    const index = new EdgeIndex(g);
    expect(index.segmentCount).toBe(5);
    const hit = index.nearestEdge(-56.0975, -15.599)!;
    // both directions are 0.001° of latitude away; the lower id wins
    expect(hit.edge).toBe(0);
    expect(hit.point[0]).toBeCloseTo(-56.0975, 12);
    expect(hit.point[1]).toBeCloseTo(-15.6, 12);
    expect(hit.fraction).toBeCloseTo(0.25, 9);
    // external check: great-circle distance over 0.001° of latitude
    expect(hit.distanceM).toBeCloseTo(haversineM(-56.0975, -15.599, -56.0975, -15.6), 3);
    const both = index.nearestEdges(-56.0975, -15.599, 2);
    expect(both.map((h) => h.edge)).toEqual([0, 1]);
    expect(both[1].distanceM).toBe(both[0].distanceM); // same bits for both directions
    expect(both[1].fraction).toBeCloseTo(0.75, 9);
    // past the end of the street: the end node, fraction 1 on edge 0
    const end = index.nearestEdge(-56.11, -15.6)!;
    expect(end.edge).toBe(0);
    expect(end.point).toEqual([-56.1, -15.6]);
    expect(end.fraction).toBe(0);
  });

  it('respects maxDistanceM', () => {
    const index = new EdgeIndex(tinyStreet());
    const d = index.nearestEdge(-56.0975, -15.599)!.distanceM;
    expect(index.nearestEdge(-56.0975, -15.599, d - 0.01)).toBeNull();
    expect(index.nearestEdge(-56.0975, -15.599, d + 0.01)!.edge).toBe(0);
    expect(index.nearestEdges(-56.0975, -15.599, 5, d + 0.01).length).toBe(2);
    expect(index.nearestEdge(-50, -10, 5000)).toBeNull();
    expect(index.nearestEdge(-56.0975, -15.599, -1)).toBeNull();
  });

  it('agrees with brute force on 1,000 seeded random points over a random graph', () => {
    const g = randomGridGraph({ seed: 42, cols: 25, rows: 20 });
    agreesWithBruteForce(g, new EdgeIndex(g), 1000, 7);
  });

  it('returns the k nearest distinct edges in the brute-force order', () => {
    const g = randomGridGraph({ seed: 9, cols: 12, rows: 12 });
    const index = new EdgeIndex(g);
    const rand = mulberry32(99);
    for (let q = 0; q < 100; q++) {
      const lon = g.nodeLon[0] + rand() * (g.nodeLon[g.nodeCount - 1] - g.nodeLon[0]);
      const lat = g.nodeLat[0] + rand() * (g.nodeLat[g.nodeCount - 1] - g.nodeLat[0]);
      const hits = index.nearestEdges(lon, lat, 6);
      const ref = bruteDistances(g, lon, lat).sort((a, b) => a.d - b.d || a.edge - b.edge);
      expect(hits.length).toBe(6);
      hits.forEach((h, i) => expect(h.distanceM).toBeCloseTo(ref[i].d, 6));
      expect(new Set(hits.map((h) => h.edge)).size).toBe(6);
      for (let i = 1; i < hits.length; i++) {
        expect(hits[i].distanceM > hits[i - 1].distanceM || (hits[i].distanceM === hits[i - 1].distanceM && hits[i].edge > hits[i - 1].edge)).toBe(true);
      }
    }
  });

  it('is deterministic and rejects invalid points', () => {
    const g = randomGridGraph({ seed: 4, cols: 10, rows: 10 });
    const a = new EdgeIndex(g);
    const b = new EdgeIndex(g, 4);
    const rand = mulberry32(5);
    for (let q = 0; q < 200; q++) {
      const lon = -56.1 + rand() * 0.01;
      const lat = -15.605 + rand() * 0.01;
      expect(a.nearestEdge(lon, lat)).toEqual(b.nearestEdge(lon, lat));
    }
    expect(() => a.nearestEdge(NaN, 0)).toThrow(/nearestEdge: \(NaN, 0\) is not a valid lon\/lat position/);
    expect(new EdgeIndex(new GraphBuilder({ name: '', source: '', synthetic: false }).finish()).nearestEdge(0, 0)).toBeNull();
  });

  it('agrees with brute force on the Porto Alegre street graph', () => {
    const pbf = new URL('../../data/osm/porto-alegre/poa_osm.pbf', import.meta.url).pathname;
    const { graph } = buildRoadGraph(readPbf(pbf));
    expect(graph.edgeCount).toBeGreaterThan(10_000);
    agreesWithBruteForce(graph, new EdgeIndex(graph), 500, 2026);
  });
});

// --- box and polygon: an independent reference ---------------------------------------------

function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function segsMeet(a: number[], b: number[]): boolean {
  const [p1x, p1y, p2x, p2y] = a;
  const [q1x, q1y, q2x, q2y] = b;
  const d1 = cross(q1x, q1y, q2x, q2y, p1x, p1y);
  const d2 = cross(q1x, q1y, q2x, q2y, p2x, p2y);
  const d3 = cross(p1x, p1y, p2x, p2y, q1x, q1y);
  const d4 = cross(p1x, p1y, p2x, p2y, q2x, q2y);
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  const within = (ax: number, ay: number, bx: number, by: number, x: number, y: number) => x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by);
  return (d1 === 0 && within(q1x, q1y, q2x, q2y, p1x, p1y)) || (d2 === 0 && within(q1x, q1y, q2x, q2y, p2x, p2y)) || (d3 === 0 && within(p1x, p1y, p2x, p2y, q1x, q1y)) || (d4 === 0 && within(p1x, p1y, p2x, p2y, q2x, q2y));
}

function insideRing(ring: [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function bruteInPolygon(g: RoadGraph, ring: [number, number][]): number[] {
  const { offsets, coords } = g.geometry;
  const out: number[] = [];
  for (let e = 0; e < g.edgeCount; e++) {
    let hit = false;
    for (let p = offsets[e]; p + 1 < offsets[e + 1] && !hit; p++) {
      const s = [coords[2 * p], coords[2 * p + 1], coords[2 * p + 2], coords[2 * p + 3]];
      if (insideRing(ring, s[0], s[1]) || insideRing(ring, s[2], s[3])) hit = true;
      for (let i = 0; i < ring.length && !hit; i++) {
        const j = (i + 1) % ring.length;
        if (segsMeet(s, [ring[i][0], ring[i][1], ring[j][0], ring[j][1]])) hit = true;
      }
    }
    if (hit) out.push(e);
  }
  return out;
}

function boxRing(minX: number, minY: number, maxX: number, maxY: number): [number, number][] {
  return [[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY]];
}

describe('EdgeIndex box and polygon queries', () => {
  const g = randomGridGraph({ seed: 77, cols: 20, rows: 20 });
  const index = new EdgeIndex(g);
  const rand = mulberry32(31);
  const lon0 = Math.min(...g.nodeLon);
  const lon1 = Math.max(...g.nodeLon);
  const lat0 = Math.min(...g.nodeLat);
  const lat1 = Math.max(...g.nodeLat);

  it('edgesInBox agrees with brute force (a box is a 4-point polygon)', () => {
    for (let q = 0; q < 60; q++) {
      const x = lon0 + rand() * (lon1 - lon0);
      const y = lat0 + rand() * (lat1 - lat0);
      const w = rand() * (lon1 - lon0) * 0.3;
      const h = rand() * (lat1 - lat0) * 0.3;
      const got = index.edgesInBox(x, y, x + w, y + h);
      expect(Array.from(got)).toEqual(bruteInPolygon(g, boxRing(x, y, x + w, y + h)));
      for (let i = 1; i < got.length; i++) expect(got[i]).toBeGreaterThan(got[i - 1]);
    }
    expect(index.edgesInBox(0, 0, 1, 1).length).toBe(0);
    expect(index.edgesInBox(lon0 - 1, lat0 - 1, lon1 + 1, lat1 + 1).length).toBe(g.edgeCount);
  });

  it('edgesInPolygon agrees with brute force on random non-convex rings', () => {
    for (let q = 0; q < 40; q++) {
      const cx = lon0 + rand() * (lon1 - lon0);
      const cy = lat0 + rand() * (lat1 - lat0);
      const n = 3 + Math.floor(rand() * 12);
      const ring: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n;
        const r = (0.05 + rand() * 0.3) * (lon1 - lon0);
        ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
      }
      const closed = q % 2 === 0 ? [...ring, ring[0]] : ring;
      expect(Array.from(index.edgesInPolygon(closed))).toEqual(bruteInPolygon(g, ring));
    }
  });

  it('counts an edge crossing the polygon but not one passing near it', () => {
    const t = new EdgeIndex(tinyStreet());
    // a small square straddling the east-west street, away from any node
    expect(Array.from(t.edgesInPolygon(boxRing(-56.097, -15.601, -56.096, -15.599)))).toEqual([0, 1]);
    // a triangle just north of the street: near, not touching
    expect(Array.from(t.edgesInPolygon([[-56.097, -15.5999], [-56.096, -15.5999], [-56.0965, -15.5995]]))).toEqual([]);
    // touching the street at one vertex counts (boundary included)
    expect(Array.from(t.edgesInPolygon([[-56.097, -15.6], [-56.096, -15.599], [-56.098, -15.599]]))).toEqual([0, 1]);
    expect(() => t.edgesInPolygon([[0, 0], [1, 1], [0, 0]])).toThrow(/polygon: the ring has 2 distinct points, expected at least 3/);
  });
});
