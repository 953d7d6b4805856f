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
 * A cut with no kept node between it and the next missing reference gives nothing.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import type { OsmExtract } from './osm-extract.ts';
import { loadRoadClassDefaults, type RoadClassDefaults } from './road-class-defaults.ts';
import { wayProfile } from './way-profile.ts';

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
  const out: CordonCut[] = [];
  for (const way of extract.ways) {
    const cls = way.tags.highway ?? '';
    if (!major.has(cls)) continue;
    const p = wayProfile(way.tags, defaults, 'urban');
    if (typeof p === 'string') continue;
    const refs = way.nodes;
    // the first kept node from position i stepping by `step`, before the next missing reference
    const inward = (i: number, step: 1 | -1): number => {
      for (let j = i; j >= 0 && j < refs.length && inExtract.has(refs[j]!); j += step) {
        const v = graphNode.get(refs[j]!);
        if (v !== undefined) return v;
      }
      return -1;
    };
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
