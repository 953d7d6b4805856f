/**
 * checkScenario: the checks of a parsed scenario that need its city and road graph. Each
 * problem is a ScenarioError of one line naming the file and the field:
 * - `city` must be the city checked against (scenarioCity turns an unknown slug into such a line);
 * - the model must be one the caller can run (`models`, default both "static" and "dynamic");
 * - a `street` must name one street of the graph (streets.ts: none or several are refused with
 *   the candidates);
 * - every way id must be in the graph (the missing ones are listed, 10 at most, then "and N more");
 * - `reverse` needs one-way ways (reversing a two-way street would only swap its two directions);
 * - points (add-link ends, event place, close-area corners) must lie inside the city polygon,
 *   add-link ends within SNAP_DISTANCE_M of a graph node, on two different nodes;
 *   a close-area must reach at least one edge;
 * - a close / close-area window that does not overlap the scenario's period is an error, not a
 *   warning: the static model would silently ignore it, and a planner who wrote a window meant
 *   it to act. (Static model only: a dynamic model applies windows in time.)
 */
import { findCity, pointInCityPolygon, UnknownCityError, type City } from '../city/registry.ts';
import { PERIODS } from '../demand/time-of-day.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import { indexWays, isTwoWay, nearestNode, SNAP_DISTANCE_M } from './graph-lookup.ts';
import { clockSeconds } from './parse-scenario.ts';
import { lineOnGraph } from '../transit/transit-line.ts';
import { ScenarioError, type LonLat, type Scenario } from './scenario.ts';
import { resolveStreets } from './streets.ts';

export interface ScenarioContext {
  city: City;
  graph: RoadGraph;
  /** An index over `graph`, when the caller already has one (built here when a close-area needs it). */
  index?: EdgeIndex;
  /** Models the caller can run; default both (app/run-scenario.ts runs either). */
  models?: readonly Scenario['model'][];
}

/** Throws a one-line ScenarioError at the first problem; returns when the scenario fits its city and graph. */
export function checkScenario(named: Scenario, file: string, ctx: ScenarioContext): void {
  const s = resolveStreets(named, ctx.graph, file);
  const fail = (path: string, problem: string): never => {
    throw new ScenarioError(`${file}: ${path}: ${problem}`);
  };
  const { city, graph } = ctx;
  if (s.city !== city.slug) fail('city', `is "${s.city}", but the scenario is being checked against "${city.slug}"`);
  const models = ctx.models ?? ['static', 'dynamic'];
  if (!models.includes(s.model)) {
    fail('model', `"${s.model}" is not available here, expected ${models.map((m) => `"${m}"`).join(' or ')}`);
  }

  const ways = indexWays(graph);
  const period = PERIODS.find((p) => p.id === s.period)!;
  const network = `${city.name}'s road graph${graph.meta.synthetic ? ' (a synthetic stand-in: negative ids)' : ''}`;
  const inside = (point: LonLat, path: string) => {
    if (!pointInCityPolygon(point, city.polygon)) fail(path, `[${point[0]}, ${point[1]}] lies outside ${city.name}, expected a point inside the city polygon`);
  };
  let index = ctx.index;

  s.interventions.forEach((iv, i) => {
    const at = `interventions[${i}]`;
    if ('ways' in iv && iv.ways) {
      const missing = iv.ways.filter((id) => !ways.has(id));
      if (missing.length > 0) {
        const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ` and ${missing.length - 10} more` : '');
        fail(`${at}.ways`, `${missing.length === 1 ? 'way id' : `${missing.length} way ids`} not in ${network}: ${shown}; expected way ids of that graph`);
      }
    }
    if (iv.type === 'reverse') {
      const twoWay = iv.ways.find((id) => isTwoWay(graph, ways.get(id)!));
      if (twoWay !== undefined) fail(`${at}.ways`, `way ${twoWay} is two-way, expected one-way ways (reverse flips a one-way street)`);
    }
    if ((iv.type === 'close' || iv.type === 'close-area') && s.model === 'static' && iv.from !== undefined && iv.to !== undefined) {
      const a = clockSeconds(iv.from);
      const b = clockSeconds(iv.to);
      if (b <= period.startS || a >= period.endS) {
        fail(`${at}.from`, `the window ${iv.from}–${iv.to} does not overlap the period "${s.period}" (${clock(period.startS)}–${clock(period.endS)}), so it would change nothing; expected a window that overlaps it`);
      }
    }
    if (iv.type === 'add-link') {
      inside(iv.from, `${at}.from`);
      inside(iv.to, `${at}.to`);
      const a = nearestNode(graph, iv.from[0], iv.from[1]);
      const b = nearestNode(graph, iv.to[0], iv.to[1]);
      for (const [key, snap] of [['from', a], ['to', b]] as const) {
        if (snap.distanceM > SNAP_DISTANCE_M) {
          fail(`${at}.${key}`, `the nearest node of the graph is ${Math.round(snap.distanceM)} m away, expected one within ${SNAP_DISTANCE_M} m`);
        }
      }
      if (a.node === b.node) fail(`${at}.to`, `snaps to the same graph node as "from" (node ${a.node}), expected ends on two different nodes`);
    }
    if (iv.type === 'close-area') {
      iv.polygon.forEach((p, k) => inside(p, `${at}.polygon[${k}]`));
      index ??= new EdgeIndex(graph);
      if (index.edgesInPolygon(iv.polygon).length === 0) fail(`${at}.polygon`, 'reaches no edge of the road graph, expected an area with streets in it');
    }
    if (iv.type === 'event') inside(iv.at, `${at}.at`);
    if (iv.type === 'transit-line') {
      iv.stops?.forEach((p, k) => inside(p, `${at}.stops[${k}]`));
      lineOnGraph(graph, iv, `${file}: ${at}`); // stops near the streets, joined by streets both ways
    }
  });
}

/** The registry city of a scenario; an unknown slug becomes a ScenarioError naming the file and `city`. */
export function scenarioCity(s: Pick<Scenario, 'city'>, file: string, cities?: City[]): City {
  try {
    return findCity(s.city, cities);
  } catch (error) {
    if (error instanceof UnknownCityError) {
      throw new ScenarioError(`${file}: city: unknown city "${s.city}", expected one of ${error.validSlugs.join(', ')}`);
    }
    throw error;
  }
}

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
