/**
 * Road-graph benchmark: `npx tsx bench/graph.ts [--runs N]` (or `gemeo bench graph`).
 *
 * On the real Porto Alegre OSM extract: the whole import (read pbf, road rules, contraction,
 * strongly connected component), each in a fresh process so its peak memory (max RSS) is its
 * own; loading graph.fb; snapping points to the nearest edge; POI queries (per-query means by benchmark.js). Targets: import
 * ≤ 3 s and ≤ 400 MB, load ≤ 50 ms, nearest edge ≤ 10 µs. Medians, with the machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGraphFile, writeGraphFile } from '../engine/graph/graph-file.ts';
import { importOsm } from '../engine/osm/import-osm.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { PoiIndex } from '../engine/spatial/poi-index.ts';
import { mulberry32 } from '../engine/util/random.ts';
import { machineLine } from './machine.ts';
import { perCall, type MicroFigure } from './micro.ts';
import { median } from './stats.ts';

const POA = fileURLToPath(new URL('../data/osm/porto-alegre/poa_osm.pbf', import.meta.url));

if (process.argv[2] === '--import-once') {
  // child mode: one import, report seconds and peak memory
  const t0 = performance.now();
  const { graph } = importOsm(POA);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, edges: graph.edgeCount }));
  process.exit(0);
}

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs is ${process.argv[runsArg + 1]}, expected a positive integer`);
  process.exit(2);
}

console.log(`gemeo graph benchmark — ${machineLine()}`);
console.log(`data: Porto Alegre OSM extract (© OpenStreetMap contributors, ODbL 1.0)\n`);

// 1. import, fresh process each run
const imports: { seconds: number; maxRssMB: number; edges: number }[] = [];
for (let r = 0; r < runs; r++) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--import-once'], { encoding: 'utf8' });
  imports.push(JSON.parse(out));
}
const importS = median(imports.map((i) => i.seconds));
const rssMB = median(imports.map((i) => i.maxRssMB));

// 2. load from graph.fb
const { graph, extract } = importOsm(POA);
const dir = mkdtempSync(join(tmpdir(), 'gemeo-bench-'));
const file = join(dir, 'graph.fb');
writeGraphFile(file, graph);
readGraphFile(file);
const loads: number[] = [];
for (let r = 0; r < Math.max(20, runs); r++) {
  const t0 = performance.now();
  readGraphFile(file);
  loads.push(performance.now() - t0);
}
rmSync(dir, { recursive: true, force: true });

// 3. nearest edge over the city's extent, seeded points
const index = new EdgeIndex(graph);
const rand = mulberry32(1);
const n = 20_000;
const pts = new Float64Array(2 * n);
let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
for (let i = 0; i < graph.nodeCount; i++) {
  minLon = Math.min(minLon, graph.nodeLon[i]);
  maxLon = Math.max(maxLon, graph.nodeLon[i]);
  minLat = Math.min(minLat, graph.nodeLat[i]);
  maxLat = Math.max(maxLat, graph.nodeLat[i]);
}
for (let i = 0; i < n; i++) {
  pts[2 * i] = minLon + rand() * (maxLon - minLon);
  pts[2 * i + 1] = minLat + rand() * (maxLat - minLat);
}
// per-query figures by benchmark.js (bench/micro.ts), rotating over the seeded points
const at = (i: number) => 2 * (i % n);
const buildTimes: number[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  new EdgeIndex(graph);
  buildTimes.push(performance.now() - t0);
}
const nearest = perCall('nearest edge', (i) => index.nearestEdge(pts[at(i)], pts[at(i) + 1])!.edge);
const box = perCall('edges in a box', (i) => index.edgesInBox(pts[at(i)], pts[at(i) + 1], pts[at(i)] + 0.005, pts[at(i) + 1] + 0.005).length);

// 4. POIs of the extract
const pois = PoiIndex.fromPoints(extract.pois.map((p) => [p.lon, p.lat] as [number, number]));
const poi = perCall('POIs near', (i) => pois.near(pts[at(i)], pts[at(i) + 1], 500).length);
const micro = (f: MicroFigure) => `${f.meanUs.toFixed(2)} µs/query ±${f.rmePct.toFixed(1)} %`;

const rows: [string, string, string][] = [
  ['import Porto Alegre (pbf → graph)', `${importS.toFixed(2)} s`, '≤ 3 s'],
  ['  peak memory of that process', `${rssMB.toFixed(0)} MB`, '≤ 400 MB'],
  ['load graph.fb', `${median(loads).toFixed(2)} ms`, '≤ 50 ms'],
  ['edge index build', `${median(buildTimes).toFixed(1)} ms`, ''],
  ['nearest edge (true segment distance)', micro(nearest), '≤ 10 µs'],
  ['edges in a ~550 m box', micro(box), ''],
  [`POIs within 500 m (${extract.pois.length} POIs)`, micro(poi), ''],
];
console.log(`graph: ${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${index.segmentCount} segments; medians of ${runs}+ runs, per-query means by benchmark.js (± margin of error, 95 %)\n`);
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`${'figure'.padEnd(w)}  ${'median'.padStart(26)}  target`);
for (const [label, value, target] of rows) console.log(`${label.padEnd(w)}  ${value.padStart(26)}  ${target}`);
