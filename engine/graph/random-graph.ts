/**
 * Seeded random street grids for tests and benchmarks: a jittered `cols` × `rows` grid of
 * nodes around a centre, links between grid neighbours (most two-way, whose two directions
 * share one polyline drawn in opposite orders), some links bent with extra shape points, and
 * every column filled with plausible values. Same options → same graph, bit for bit.
 */
import { mulberry32, randomIn, randomInt } from '../util/random.ts';
import { EdgeFlag } from './edge-flags.ts';
import { GraphBuilder } from './graph-builder.ts';
import type { RoadGraph } from './road-graph.ts';

export interface RandomGridOptions {
  seed: number;
  cols: number;
  rows: number;
  /** Grid spacing in metres (default 120). */
  spacingM?: number;
  /** Centre [lon, lat] (default Cuiabá's centre). */
  center?: [number, number];
  /** Share of links that are one-way (default 0.2). */
  oneWayShare?: number;
  /** Share of links drawn with 1–3 shape points between the nodes (default 0.4). */
  bentShare?: number;
  /** Share of grid links left out (default 0.1), so the grid is not perfectly regular. */
  missingShare?: number;
}

const M_PER_DEG_LAT = 111_320;

export function randomGridGraph(o: RandomGridOptions): RoadGraph {
  const rand = mulberry32(o.seed);
  const spacing = o.spacingM ?? 120;
  const [lon0, lat0] = o.center ?? [-56.0967, -15.601];
  const dLat = spacing / M_PER_DEG_LAT;
  const dLon = spacing / (M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180));
  const b = new GraphBuilder({ name: `random grid ${o.cols}x${o.rows} seed ${o.seed}`, source: 'test', synthetic: true, notes: 'randomGridGraph' });
  const id = (c: number, r: number) => r * o.cols + c;
  const nodeLon: number[] = [];
  const nodeLat: number[] = [];
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      nodeLon.push(lon0 + (c - o.cols / 2 + randomIn(rand, -0.3, 0.3)) * dLon);
      nodeLat.push(lat0 + (r - o.rows / 2 + randomIn(rand, -0.3, 0.3)) * dLat);
      b.addNode(nodeLon[nodeLon.length - 1], nodeLat[nodeLat.length - 1], 1e9 + id(c, r) * 7);
    }
  }
  let way = 5_000_000_000; // above 2^32, as real OSM way ids now are
  const link = (u: number, v: number) => {
    if (rand() < (o.missingShare ?? 0.1)) return;
    const shape = [nodeLon[u], nodeLat[u]];
    if (rand() < (o.bentShare ?? 0.4)) {
      const k = 1 + randomInt(rand, 3);
      for (let i = 1; i <= k; i++) {
        const f = i / (k + 1);
        shape.push(nodeLon[u] + f * (nodeLon[v] - nodeLon[u]) + randomIn(rand, -0.15, 0.15) * dLon);
        shape.push(nodeLat[u] + f * (nodeLat[v] - nodeLat[u]) + randomIn(rand, -0.15, 0.15) * dLat);
      }
    }
    shape.push(nodeLon[v], nodeLat[v]);
    let lengthM = 0;
    for (let i = 2; i < shape.length; i += 2) {
      const kx = M_PER_DEG_LAT * Math.cos((((shape[i + 1] + shape[i - 1]) / 2) * Math.PI) / 180);
      lengthM += Math.hypot((shape[i] - shape[i - 2]) * kx, (shape[i + 1] - shape[i - 1]) * M_PER_DEG_LAT);
    }
    const lanes = 1 + randomInt(rand, 3);
    const attrs = {
      lengthM,
      speedKmh: [30, 40, 50, 60][randomInt(rand, 4)],
      capacityVph: 900 * lanes,
      lanes,
      roadClass: [4, 6, 8, 11][randomInt(rand, 4)],
      osmWayId: way++,
    };
    b.addEdge({ tail: u, head: v, geometry: shape, ...attrs });
    if (rand() >= (o.oneWayShare ?? 0.2)) {
      const back: number[] = [];
      for (let i = shape.length - 2; i >= 0; i -= 2) back.push(shape[i], shape[i + 1]);
      b.addEdge({ tail: v, head: u, geometry: back, flags: EdgeFlag.Reverse, ...attrs });
    }
  };
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.cols; c++) {
      if (c + 1 < o.cols) link(id(c, r), id(c + 1, r));
      if (r + 1 < o.rows) link(id(c, r), id(c, r + 1));
    }
  }
  return b.finish();
}
