/**
 * The edges where a scenario's `bus-lane` interventions apply, as a mask over the base road
 * graph's edges (the graph the bus patterns are matched on; streets named in the scenario are
 * resolved as `applyScenario` resolves them). A bus runs these at bus-lane speed (bus-times.ts)
 * — also the one-lane edges a bus lane closes to cars.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { indexWays } from '../scenario/graph-lookup.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { resolveStreets } from '../scenario/streets.ts';

export function busLaneEdges(graph: RoadGraph, scenario: Scenario): Uint8Array {
  const mask = new Uint8Array(graph.edgeCount);
  const s = resolveStreets(scenario, graph, `scenario "${scenario.name}"`);
  const ways = indexWays(graph);
  for (const iv of s.interventions) {
    if (iv.type !== 'bus-lane') continue;
    for (const id of iv.ways) for (const e of ways.get(id) ?? []) mask[e] = 1;
  }
  return mask;
}
