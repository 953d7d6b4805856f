/**
 * Seeded benchmark of the spatial indexes: `npx tsx engine/spatial/spatial-bench.ts [seed]`.
 * Prints build time and per-query times with the machine: best of several rounds, in CPU
 * time of this thread (process.cpuUsage), so a machine shared with other jobs still gives
 * comparable figures.
 */
import { cpus } from 'node:os';
import { randomGridGraph } from '../graph/random-graph.ts';
import { mulberry32 } from '../util/random.ts';
import { EdgeIndex } from './edge-index.ts';
import { PoiIndex } from './poi-index.ts';

const seed = Number(process.argv[2] ?? 1);
const rounds = 10;
const n = 10_000;

function best(fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    min = Math.min(min, (d.user + d.system) / 1000);
  }
  return min;
}

const graph = randomGridGraph({ seed: 3, cols: 95, rows: 95 });
const rand = mulberry32(seed);
const pts = new Float64Array(2 * n);
for (let i = 0; i < n; i++) {
  pts[2 * i] = -56.0967 + (rand() - 0.5) * 0.11;
  pts[2 * i + 1] = -15.601 + (rand() - 0.5) * 0.11;
}
let sink = 0;
const build = best(() => void new EdgeIndex(graph));
const edges = new EdgeIndex(graph);
const nearest = best(() => {
  for (let i = 0; i < n; i++) sink += edges.nearestEdge(pts[2 * i], pts[2 * i + 1])!.edge;
});
const nearest2 = best(() => {
  for (let i = 0; i < n; i++) sink += edges.nearestEdges(pts[2 * i], pts[2 * i + 1], 2).length;
});
const box = best(() => {
  for (let i = 0; i < 1000; i++) sink += edges.edgesInBox(pts[2 * i], pts[2 * i + 1], pts[2 * i] + 0.005, pts[2 * i + 1] + 0.005).length;
});
const poiLon = new Float64Array(20_000);
const poiLat = new Float64Array(20_000);
for (let i = 0; i < poiLon.length; i++) {
  poiLon[i] = -56.0967 + (rand() - 0.5) * 0.11;
  poiLat[i] = -15.601 + (rand() - 0.5) * 0.11;
}
const pois = new PoiIndex(poiLon, poiLat);
const poiNear = best(() => {
  for (let i = 0; i < n; i++) sink += pois.near(pts[2 * i], pts[2 * i + 1], 300).length;
});
const poiK = best(() => {
  for (let i = 0; i < n; i++) sink += pois.nearest(pts[2 * i], pts[2 * i + 1], 5).length;
});

const us = (ms: number, count: number) => ((ms * 1000) / count).toFixed(2);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`graph: ${graph.edgeCount} edges, ${edges.segmentCount} segments; EdgeIndex build ${build.toFixed(1)} ms`);
console.log(`nearestEdge ${us(nearest, n)} µs/query; nearestEdges(k=2) ${us(nearest2, n)} µs/query; edgesInBox(~550 m box) ${us(box, 1000)} µs/query`);
console.log(`PoiIndex (${poiLon.length} points): near(300 m) ${us(poiNear, n)} µs/query; nearest(k=5) ${us(poiK, n)} µs/query (checksum ${sink % 997})`);
