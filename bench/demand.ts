/**
 * Demand benchmark: `npx tsx bench/demand.ts [--runs N]`.
 *
 * Seconds to build the whole demand (zones, calibrated gravity model, tourists, agents, period
 * matrices) for Cuiabá (stand-in network, seed 7) and Porto Alegre (OSM extract + hexgrid),
 * median of N runs (default 5) after one warm-up, seed 1. Network building is not timed; the
 * spatial index is built inside each run (it is part of what `buildDemand` does for a caller
 * without one). Prints the machine with the figures.
 */
import { findCity } from '../engine/city/registry.ts';
import { buildDemand } from '../engine/demand/demand.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { buildRoadGraph } from '../engine/osm/build-road-graph.ts';
import type { OsmPoi } from '../engine/osm/osm-extract.ts';
import { readGeojsonLines } from '../engine/osm/read-geojson-lines.ts';
import { readPbf } from '../engine/osm/read-pbf.ts';
import { buildStandIn } from '../engine/standin/generate-stand-in.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const arg = process.argv.indexOf('--runs');
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 5;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs is ${process.argv[arg + 1]}, expected a positive integer`);
  process.exit(2);
}
const path = (p: string) => new URL(`../${p}`, import.meta.url).pathname;

function bench(slug: string, graph: RoadGraph, pois?: OsmPoi[]): void {
  const city = findCity(slug);
  const times: number[] = [];
  let last = buildDemand(city, graph, { seed: 1, pois }); // warm-up
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    last = buildDemand(city, graph, { seed: 1, pois });
    times.push((performance.now() - t0) / 1000);
  }
  const s = last.summary;
  console.log(
    `${slug.padEnd(14)} ${median(times).toFixed(3)} s (median of ${runs}; min ${Math.min(...times).toFixed(3)}) | ` +
      `${graph.nodeCount} nodes, ${graph.edgeCount} edges, ${s.zones} zones, ${last.agents.count} trips ` +
      `(commute ${s.trips.commute}, tourist ${s.trips.tourist}), am-peak ${Math.round(s.periods['am-peak'])} veh/h, ` +
      `β ${s.gravity.beta.toFixed(4)}/km, mean ${s.meanTripLengthKm.toFixed(2)} km${graph.meta.synthetic ? ' [stand-in network]' : ''}`,
  );
}

console.log(machineLine());
const cuiaba = findCity('cuiaba');
bench('cuiaba', buildStandIn(cuiaba, readGeojsonLines(path('data/mt/federal-highways-51.geojson')), { seed: 7 }).graph);
const extract = readPbf(path('data/osm/porto-alegre/poa_osm.pbf'));
bench('porto-alegre', buildRoadGraph(extract).graph, extract.pois);
