/**
 * Cordon cuts: where the boundary of an OSM extract cuts a major road (motorway, trunk, primary,
 * secondary and their links). A way is cut where one of its node references has no node in the
 * extract (the `missingNodeRefs` of the import report), and beyond an end that no other way of
 * the extract shares: extracts that drop the outside nodes from the ways (São Paulo's has no
 * missing reference) leave a major road ending in nothing there, which inside a network does not
 * happen. For each cut and each direction the way
 * allows, the gateway is the graph node nearest the cut along the way that the kept (strongly
 * connected) graph still holds: the way's first such node inward from the cut (its own edges
 * near a dead end leave the graph with the dead end, the junction it leads to stays). A direction running from the cut into the extract enters there (inbound); one running
 * towards the cut leaves (outbound). A two-way road gives both, a one-way carriageway one.
 * Where the way ends before a kept node, the walk goes on along the major ways that start or end
 * there (a one-way carriageway drawn as several ways loses all of its first ones with the dead
 * end). A cut with no kept node before the next missing reference gives nothing.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import type { OsmExtract, OsmWay } from './osm-extract.ts';
import { loadRoadClassDefaults, type RoadClassDefaults } from './road-class-defaults.ts';
import { wayProfile } from './way-profile.ts';

/** Ways walked on past a cut way's end in search of a kept node. */
const MAX_WAYS_ON = 20;

export const CORDON_CLASSES = ['motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link'] as const;

export interface CordonCut {
  wayId: number;
  /** The way's OSM highway class (one of CORDON_CLASSES). */
  roadClass: string;
  /** 'in': the direction enters the extract at the cut; 'out': it leaves there. */
  direction: 'in' | 'out';
  /** The gateway: a node of the kept graph. */
  node: number;
  /** Capacity of the way's direction (vehicles per hour, from its lanes and class defaults). */
  capacityVph: number;
}

export function cordonCuts(extract: OsmExtract, graph: RoadGraph, defaults: RoadClassDefaults = loadRoadClassDefaults()): CordonCut[] {
  const inExtract = new Set<number>(extract.nodeIds);
  const graphNode = new Map<number, number>();
  for (let v = 0; v < graph.nodeCount; v++) graphNode.set(graph.nodeOsmId[v]!, v);
  const major = new Set<string>(CORDON_CLASSES);
  const uses = new Map<number, number>();
  for (const way of extract.ways) for (const r of way.nodes) uses.set(r, (uses.get(r) ?? 0) + 1);
  // the major ways that start or end at each node, for walking on past a way's end
  const endsAt = new Map<number, OsmWay[]>();
  for (const way of extract.ways) {
    if (!major.has(way.tags.highway ?? '') || way.nodes.length < 2) continue;
    for (const r of [way.nodes[0]!, way.nodes[way.nodes.length - 1]!]) {
      const list = endsAt.get(r);
      if (list) list.push(way);
      else endsAt.set(r, [way]);
    }
  }
  // the first kept node from position i of `way` stepping by `step`, before the next missing
  // reference; past the way's end, on along the major ways that start or end there (a one-way
  // carriageway's first ways leave the graph with its dead end: the kept node may lie ways on)
  const keptInward = (way: OsmWay, i: number, step: 1 | -1, seen: Set<number>): number => {
    const refs = way.nodes;
    let j = i;
    for (; j >= 0 && j < refs.length && inExtract.has(refs[j]!); j += step) {
      const v = graphNode.get(refs[j]!);
      if (v !== undefined) return v;
    }
    if ((j >= 0 && j < refs.length) || seen.size >= MAX_WAYS_ON) return -1;
    const end = refs[j - step]!;
    for (const next of endsAt.get(end) ?? []) {
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      const first = next.nodes[0] === end;
      const v = keptInward(next, first ? 1 : next.nodes.length - 2, first ? 1 : -1, seen);
      if (v >= 0) return v;
    }
    return -1;
  };
  const out: CordonCut[] = [];
  for (const way of extract.ways) {
    const cls = way.tags.highway ?? '';
    if (!major.has(cls)) continue;
    const p = wayProfile(way.tags, defaults, 'urban');
    if (typeof p === 'string') continue;
    const refs = way.nodes;
    const inward = (i: number, step: 1 | -1): number => keptInward(way, i, step, new Set([way.id]));
    const add = (node: number, direction: 'in' | 'out', capacityVph: number) => out.push({ wayId: way.id, roadClass: cls, direction, node, capacityVph });
    // a reference is present when the extract holds its node; beyond a dead end (-1, length) is outside
    const present = (i: number) => (i < 0 || i >= refs.length ? uses.get(refs[i < 0 ? 0 : refs.length - 1]!) !== 1 : inExtract.has(refs[i]!));
    for (let i = 0; i <= refs.length; i++) {
      const before = present(i - 1);
      const here = present(i);
      if (before === here) continue;
      // entering along the drawing order at i, or leaving it after i - 1
      const node = here ? inward(i, 1) : inward(i - 1, -1);
      if (node < 0) continue;
      if (p.forward) add(node, here ? 'in' : 'out', p.forward.capacityVph);
      if (p.backward) add(node, here ? 'out' : 'in', p.backward.capacityVph);
    }
  }
  return out;
}
