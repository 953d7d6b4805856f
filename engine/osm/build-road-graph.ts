/**
 * OSM extract → RoadGraph. Keeps the ways cars may use (way-profile.ts), cuts them at junctions
 * and way ends with their geometry (segment-ways.ts), emits one directed edge per allowed
 * direction, and keeps the largest strongly connected component so that every node can reach
 * every other (strongly-connected.ts). Returns the graph and a report of what was kept.
 *
 * Each way with edges keeps its `name` and `ref` tags (graph.wayNames).
 *
 * An edge that runs through a traffic signal (a node tagged `highway=traffic_signals` at its head
 * or inside it, not its tail, governing its way of travel) carries EdgeFlag.Signal: a path
 * through a signalised junction meets it once, on the edge that arrives there.
 *
 * Terms: an edge against its way's drawing direction carries EdgeFlag.Reverse. Nodes are
 * numbered by ascending OSM node id, edges by tail then by (way id, position along the way,
 * forward before backward): the same extract always gives the same graph.
 */
import { basename } from 'node:path';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { largestComponent, stronglyConnectedComponents } from '../graph/strongly-connected.ts';
import { SignalDirection, type OsmExtract, type OsmWay } from './osm-extract.ts';
import { loadRoadClassDefaults, type RoadClassDefaults } from './road-class-defaults.ts';
import { segmentWays } from './segment-ways.ts';
import { wayProfile, type DirectionProfile, type Exclusion, type Setting, type WayProfile } from './way-profile.ts';

export interface BuildOptions {
  /** Class defaults; read from data/road-classes.json when absent. */
  defaults?: RoadClassDefaults;
  /** CTB art. 61 setting for ways with no zone tag; default 'urban'. */
  setting?: Setting;
  /** Graph name for meta; default "OSM <file name>". */
  name?: string;
  /** Keep only the largest strongly connected component (default true). */
  largestComponentOnly?: boolean;
  /** The rules a way is kept by; default the car rules (way-profile.ts). */
  profile?: (tags: Record<string, string>, defaults: RoadClassDefaults, setting: Setting) => WayProfile | Exclusion;
}

export interface BuildReport {
  /** Ways with a drivable class that passed the access, area and service rules. */
  drivableWays: number;
  /** Ways with a highway tag left out, by reason. */
  excludedWays: Record<Exclusion, number>;
  /** Way node references with no node in the extract (ways are cut there). */
  missingNodeRefs: number;
  /** Graph nodes (junctions and way ends) and directed edges before the component step. */
  nodesIn: number;
  edgesIn: number;
  nodesKept: number;
  edgesKept: number;
  droppedNodes: number;
  droppedEdges: number;
  /** Strongly connected components before the component step. */
  components: number;
  /** Traffic signal nodes in the extract, and kept edges that run through one (EdgeFlag.Signal). */
  signalNodes: number;
  signalEdges: number;
  /** Share of kept edges whose speed / lanes came from a tag. */
  taggedSpeedShare: number;
  taggedLanesShare: number;
  seconds: number;
}

export function buildRoadGraph(extract: OsmExtract, options: BuildOptions = {}): { graph: RoadGraph; report: BuildReport } {
  const t0 = performance.now();
  const defaults = options.defaults ?? loadRoadClassDefaults();
  const setting = options.setting ?? 'urban';
  const profileOf = options.profile ?? wayProfile;

  // Drivable ways in OSM id order, so the output never depends on the reader's order.
  const excludedWays: Record<Exclusion, number> = { class: 0, area: 0, access: 0, 'service-type': 0, reversible: 0 };
  const kept: { way: OsmWay; profile: WayProfile }[] = [];
  for (const way of extract.ways) {
    const p = profileOf(way.tags, defaults, setting);
    if (typeof p === 'string') excludedWays[p]++;
    else kept.push({ way, profile: p });
  }
  kept.sort((a, b) => a.way.id - b.way.id);
  const ways = kept.map((k) => k.way);
  const seg = segmentWays(extract, ways);

  // Graph nodes: segment ends, numbered by OSM id.
  const nodeOfPoint = new Int32Array(extract.nodeIds.length).fill(-1);
  const ends: number[] = [];
  for (let k = 0; k < 2 * seg.count; k++) {
    const s = k >> 1;
    const p = seg.points[k & 1 ? seg.pointStart[s + 1] - 1 : seg.pointStart[s]];
    if (nodeOfPoint[p] < 0) {
      nodeOfPoint[p] = 0;
      ends.push(p);
    }
  }
  ends.sort((a, b) => extract.nodeIds[a] - extract.nodeIds[b]);
  ends.forEach((p, id) => (nodeOfPoint[p] = id));
  const nodesIn = ends.length;

  // Directed edges before the component step: segment s, forward (dir 0) or backward (dir 1).
  const edgeSeg: number[] = [];
  const edgeDir: number[] = [];
  for (let s = 0; s < seg.count; s++) {
    const p = kept[seg.way[s]].profile;
    if (p.forward) {
      edgeSeg.push(s);
      edgeDir.push(0);
    }
    if (p.backward) {
      edgeSeg.push(s);
      edgeDir.push(1);
    }
  }
  const edgesIn = edgeSeg.length;
  const tails = new Uint32Array(edgesIn);
  const heads = new Uint32Array(edgesIn);
  for (let e = 0; e < edgesIn; e++) {
    const first = nodeOfPoint[seg.points[seg.pointStart[edgeSeg[e]]]];
    const last = nodeOfPoint[seg.points[seg.pointStart[edgeSeg[e] + 1] - 1]];
    tails[e] = edgeDir[e] ? last : first;
    heads[e] = edgeDir[e] ? first : last;
  }

  // Keep the largest strongly connected component.
  const csr = toCsr(nodesIn, tails, heads);
  const comps = stronglyConnectedComponents(nodesIn, csr.firstOut, csr.head);
  const keepAll = options.largestComponentOnly === false;
  const best = largestComponent(comps);
  const newId = new Int32Array(nodesIn).fill(-1);

  const b = new GraphBuilder({
    name: options.name ?? `OSM ${basename(extract.source.file)}`,
    source: 'osm',
    synthetic: false,
    notes: `${extract.source.format} ${basename(extract.source.file)}${extract.source.timestamp ? ` (${extract.source.timestamp})` : ''}; road classes ${defaults.file}; ${setting} defaults`,
  });
  for (let v = 0; v < nodesIn; v++) {
    if (!keepAll && comps.componentOf[v] !== best) continue;
    const p = ends[v];
    newId[v] = b.addNode(extract.nodeLon[p], extract.nodeLat[p], extract.nodeIds[p]);
  }

  const coords = segmentCoords(extract, seg.points, seg.pointStart);
  const signalOf = signalsByNode(extract);
  let speedTagged = 0;
  let lanesTagged = 0;
  let signalEdges = 0;
  for (let e = 0; e < edgesIn; e++) {
    const tail = newId[tails[e]];
    const head = newId[heads[e]];
    if (tail < 0 || head < 0) continue;
    const s = edgeSeg[e];
    const { way, profile } = kept[seg.way[s]];
    const d = (edgeDir[e] ? profile.backward : profile.forward) as DirectionProfile;
    const signal = signalOf.size > 0 && passesSignal(extract, signalOf, seg.points, seg.pointStart[s], seg.pointStart[s + 1], edgeDir[e]);
    const flags = d.flags | (edgeDir[e] ? EdgeFlag.Reverse : 0) | (signal ? EdgeFlag.Signal : 0);
    if (signal) signalEdges++;
    if (flags & EdgeFlag.SpeedTagged) speedTagged++;
    if (flags & EdgeFlag.LanesTagged) lanesTagged++;
    b.addEdge({
      tail,
      head,
      lengthM: seg.lengthM[s],
      speedKmh: d.speedKmh,
      capacityVph: d.capacityVph,
      lanes: d.lanes,
      roadClass: profile.roadClass,
      osmWayId: way.id,
      flags,
      geometry: (edgeDir[e] ? coords.backward : coords.forward).subarray(2 * seg.pointStart[s], 2 * seg.pointStart[s + 1]),
    });
    // the street's name and route number (OSM name and ref), for the ways that have edges
    if (way.tags.name || way.tags.ref) b.nameWay(way.id, (way.tags.name ?? '').trim(), (way.tags.ref ?? '').trim());
  }
  const graph = b.finish();
  const edgesKept = graph.edgeCount;
  return {
    graph,
    report: {
      drivableWays: ways.length,
      excludedWays,
      missingNodeRefs: seg.missingNodeRefs,
      nodesIn,
      edgesIn,
      nodesKept: graph.nodeCount,
      edgesKept,
      droppedNodes: nodesIn - graph.nodeCount,
      droppedEdges: edgesIn - edgesKept,
      components: comps.count,
      signalNodes: signalOf.size,
      signalEdges,
      taggedSpeedShare: edgesKept ? speedTagged / edgesKept : 0,
      taggedLanesShare: edgesKept ? lanesTagged / edgesKept : 0,
      seconds: (performance.now() - t0) / 1000,
    },
  };
}

/** The way of travel each signal node governs (SignalDirection), by OSM node id. */
function signalsByNode(extract: OsmExtract): Map<number, number> {
  const out = new Map<number, number>();
  const signals = extract.signals;
  if (signals) for (let i = 0; i < signals.nodeIds.length; i++) out.set(signals.nodeIds[i], signals.direction[i]);
  return out;
}

/**
 * Whether the edge over points[from..to) (drawn with its way; run backward when `backward`)
 * passes a signal that governs its way of travel, at any point but the one it leaves from.
 */
function passesSignal(extract: OsmExtract, signalOf: Map<number, number>, points: Int32Array, from: number, to: number, backward: number): boolean {
  const skip = backward ? to - 1 : from;
  for (let k = from; k < to; k++) {
    if (k === skip) continue;
    const d = signalOf.get(extract.nodeIds[points[k]]);
    if (d === undefined) continue;
    if (d === SignalDirection.Both || d === (backward ? SignalDirection.Backward : SignalDirection.Forward)) return true;
  }
  return false;
}

/** Edges sorted by tail (counting sort): the CSR that the component search walks. */
function toCsr(n: number, tails: Uint32Array, heads: Uint32Array): { firstOut: Uint32Array; head: Uint32Array } {
  const firstOut = new Uint32Array(n + 1);
  for (let e = 0; e < tails.length; e++) firstOut[tails[e] + 1]++;
  for (let v = 0; v < n; v++) firstOut[v + 1] += firstOut[v];
  const fill = firstOut.slice(0, n);
  const head = new Uint32Array(tails.length);
  for (let e = 0; e < tails.length; e++) head[fill[tails[e]]++] = heads[e];
  return { firstOut, head };
}

/** Lon,lat pairs of every segment's points, drawn forward and, segment by segment, reversed. */
function segmentCoords(extract: OsmExtract, points: Int32Array, pointStart: Uint32Array): { forward: Float64Array; backward: Float64Array } {
  const forward = new Float64Array(points.length * 2);
  const backward = new Float64Array(points.length * 2);
  for (let s = 0; s + 1 < pointStart.length; s++) {
    const from = pointStart[s];
    const to = pointStart[s + 1];
    for (let k = from; k < to; k++) {
      const p = points[k];
      const r = from + to - 1 - k;
      forward[2 * k] = backward[2 * r] = extract.nodeLon[p];
      forward[2 * k + 1] = backward[2 * r + 1] = extract.nodeLat[p];
    }
  }
  return { forward, backward };
}
