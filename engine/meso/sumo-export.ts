/**
 * Export of a road graph and trips to SUMO's plain XML, so the same case runs in SUMO
 * (netconvert, then sumo or sumo --mesosim):
 *  - `.nod.xml`: node `n<i>` for graph node i, at x,y metres east/north of the graph's centre;
 *  - `.edg.xml`: edge `e<i>` for graph edge i, with numLanes, speed (m/s), length (m, our
 *    measured length, so SUMO does not re-measure the straight line) and a priority from the
 *    road class (motorway 13 … service 1);
 *  - `.trips.xml`: each trip from junction to junction (`fromJunction`/`toJunction`; run SUMO
 *    with `--junction-taz`), so SUMO routes it itself;
 *  - `.rou.xml`: each trip with its route (the edges `e<i>` of a MesoPlan), sorted by departure.
 * Ids map back by their number (or are named by the caller, e.g. a network read from SUMO). Build the network with
 *   netconvert -n x.nod.xml -e x.edg.xml -o x.net.xml --no-turnarounds (optional)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { MesoPlan } from './queue-sim.ts';

const M_PER_DEG = 6_371_008.8 * (Math.PI / 180);

export function sumoNodesXml(graph: RoadGraph): string {
  const { lon0, lat0, kx } = frame(graph);
  const rows = ['<nodes>'];
  for (let v = 0; v < graph.nodeCount; v++) {
    rows.push(`  <node id="n${v}" x="${((graph.nodeLon[v] - lon0) * kx).toFixed(2)}" y="${((graph.nodeLat[v] - lat0) * M_PER_DEG).toFixed(2)}"/>`);
  }
  rows.push('</nodes>');
  return `${rows.join('\n')}\n`;
}

export function sumoEdgesXml(graph: RoadGraph): string {
  const rows = ['<edges>'];
  for (let e = 0; e < graph.edgeCount; e++) {
    const speed = graph.speedKmh[e] / 3.6;
    const prio = Math.max(1, 14 - Math.min(graph.roadClass[e], 13));
    rows.push(`  <edge id="e${e}" from="n${graph.tail[e]}" to="n${graph.head[e]}" numLanes="${Math.max(1, graph.lanes[e])}" speed="${speed.toFixed(2)}" priority="${prio}" length="${Math.max(0.1, graph.lengthM[e]).toFixed(2)}"/>`);
  }
  rows.push('</edges>');
  return `${rows.join('\n')}\n`;
}

/** Trips junction to junction, sorted by departure (SUMO requires it); `use[t] = 0` leaves trip t out. */
export function sumoTripsXml(departS: ArrayLike<number>, origin: ArrayLike<number>, dest: ArrayLike<number>, use?: Uint8Array, nodeId: (v: number) => string = (v) => `n${v}`): string {
  const rows = ['<routes>'];
  for (const t of byDeparture(departS, use)) rows.push(`  <trip id="${t}" depart="${departS[t]}" fromJunction="${nodeId(origin[t])}" toJunction="${nodeId(dest[t])}"/>`);
  rows.push('</routes>');
  return `${rows.join('\n')}\n`;
}

/** Vehicles with their routes from a MesoPlan (trips with an empty route are left out). */
export function sumoRoutesXml(plan: MesoPlan, edgeId: (e: number) => string = (e) => `e${e}`): string {
  const rows = ['<routes>'];
  const use = new Uint8Array(plan.vehicleCount);
  for (let t = 0; t < plan.vehicleCount; t++) use[t] = plan.routeStart[t + 1] > plan.routeStart[t] ? 1 : 0;
  for (const t of byDeparture(plan.departS, use)) {
    const edges: string[] = [];
    for (let i = plan.routeStart[t]; i < plan.routeStart[t + 1]; i++) edges.push(edgeId(plan.routeLinks[i]));
    rows.push(`  <vehicle id="${t}" depart="${plan.departS[t]}"><route edges="${edges.join(' ')}"/></vehicle>`);
  }
  rows.push('</routes>');
  return `${rows.join('\n')}\n`;
}

/** Writes <prefix>.nod.xml, .edg.xml, and .trips.xml / .rou.xml when given; returns the paths. */
export function writeSumoCase(dir: string, prefix: string, graph: RoadGraph, parts: { trips?: string; routes?: string } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  const put = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileAtomic(file, text);
    out.push(file);
  };
  put(`${prefix}.nod.xml`, sumoNodesXml(graph));
  put(`${prefix}.edg.xml`, sumoEdgesXml(graph));
  if (parts.trips) put(`${prefix}.trips.xml`, parts.trips);
  if (parts.routes) put(`${prefix}.rou.xml`, parts.routes);
  return out;
}

function byDeparture(departS: ArrayLike<number>, use?: Uint8Array): number[] {
  const idx: number[] = [];
  for (let t = 0; t < departS.length; t++) if (!use || use[t]) idx.push(t);
  return idx.sort((a, b) => departS[a] - departS[b] || a - b);
}

function frame(graph: RoadGraph): { lon0: number; lat0: number; kx: number } {
  let lon = 0;
  let lat = 0;
  for (let v = 0; v < graph.nodeCount; v++) {
    lon += graph.nodeLon[v];
    lat += graph.nodeLat[v];
  }
  const lon0 = graph.nodeCount ? lon / graph.nodeCount : 0;
  const lat0 = graph.nodeCount ? lat / graph.nodeCount : 0;
  return { lon0, lat0, kx: M_PER_DEG * Math.cos((lat0 * Math.PI) / 180) };
}
