/**
 * parseScenario: the text of a scenario file → a Scenario with its defaults filled, or a
 * ScenarioError of one line, `<file>: <field path>: expected …, got …`. This checks everything
 * that needs no city or graph (syntax, shape, types, enums, ranges, unknown keys, clock order);
 * check-scenario.ts checks the rest against the city and its road graph.
 *
 * The shape is scenario-schema.ts, the one definition of the format (also published as
 * scenarios/scenario.schema.json); here its first issue becomes the message, and the rules a
 * schema cannot say are checked after it.
 *
 * Terms: a field path is written as in JavaScript, `interventions[2].lanes`, `demand.scale`;
 * clock times are "HH:MM" from "00:00" to "24:00" and a window [from, to) needs to > from
 * (a window across midnight is not supported: split it).
 */
import type { z } from 'zod';
import { closest } from './closest-word.ts';
import { findJsonProblem } from './json-syntax.ts';
import { ScenarioError, type Intervention, type LonLat, type Scenario } from './scenario.ts';
import { INTERVENTION_SHAPES, LIMITS, scenarioFile, type ScenarioFile } from './scenario-schema.ts';

export { LIMITS, LINK_CLASSES } from './scenario-schema.ts';

/** Reads a scenario file's text; `file` names it in messages. */
export function parseScenario(text: string, file: string): Scenario {
  const problem = findJsonProblem(text);
  if (problem) throw new ScenarioError(`${file}: not valid JSON at line ${problem.line} column ${problem.column}: ${problem.problem}`);
  return validateScenario(JSON.parse(text) as unknown, file);
}

/** Checks an already parsed document (see parseScenario). */
export function validateScenario(doc: unknown, file: string): Scenario {
  const result = scenarioFile.safeParse(doc);
  if (!result.success) throw new ScenarioError(`${file}: ${describeIssue(firstIssue(result.error.issues), doc)}`);
  const { $schema: _editorsOnly, ...s } = result.data;
  const out = { ...s, interventions: s.interventions.map((item, i) => finishIntervention(item, `interventions[${i}]`, file)) } as Scenario;
  if (out.transit && out.model === 'dynamic') throw new ScenarioError(`${file}: transit: expected no transit block in a dynamic scenario (transit modelling runs with the static model), got ${show(out.transit)}`);
  out.interventions.forEach((iv, i) => {
    if (iv.type === 'transit-line' && !out.transit) throw new ScenarioError(`${file}: transit: missing, expected transit modelling for the transit-line at interventions[${i}]: add "transit": {} to the scenario`);
  });
  return out;
}

/** Fields of the file at each level, for tests and documentation. */
export const SCENARIO_FIELDS = Object.keys(scenarioFile.shape);
export const REQUIRED_SCENARIO_FIELDS = requiredKeys(scenarioFile.shape);
export const DEMAND_FIELDS = Object.keys(scenarioFile.shape.demand.unwrap().shape);
export const ASSIGNMENT_FIELDS = Object.keys(scenarioFile.shape.assignment.unwrap().shape);
export const DYNAMIC_FIELDS = Object.keys(scenarioFile.shape.dynamic.unwrap().shape);
export const TRANSIT_FIELDS = Object.keys(scenarioFile.shape.transit.unwrap().shape);
/** Keys each intervention type accepts; `required` ones must be present. */
export const INTERVENTION_FIELDS = Object.fromEntries(
  Object.entries(INTERVENTION_SHAPES).map(([type, shape]) => {
    const required = requiredKeys(shape);
    return [type, { required, optional: Object.keys(shape).filter((k) => !required.includes(k)) }];
  }),
) as unknown as Record<Intervention["type"], { required: readonly string[]; optional: readonly string[] }>;

/** Seconds after midnight of an "HH:MM" clock time already checked by parseScenario. */
export function clockSeconds(t: string): number {
  return Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;
}

function requiredKeys(shape: z.ZodRawShape): string[] {
  return Object.keys(shape).filter((k) => !(shape[k] as z.ZodType).safeParse(undefined).success);
}

/** An unknown key explains a missing one (a typo), so it is told first; else the first in file order. */
function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys').sort((a, b) => a.path.length - b.path.length);
  return unknown[0] ?? issues[0];
}

function describeIssue(issue: z.core.$ZodIssue, doc: unknown): string {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const object = valueAt(doc, issue.path) as Record<string, unknown>;
    const type = issue.path.length === 2 && issue.path[0] === 'interventions' ? (object.type as Intervention['type']) : undefined;
    const allowed = allowedKeys(issue.path, type);
    const key = issue.keys[0];
    const near = closest(key, allowed);
    return `${join(at, key)}: unknown key${type ? ` for type "${type}"` : ''}, expected ${near ? `"${near}" or ` : ''}one of ${allowed.join(', ')}`;
  }
  const value = valueAt(doc, issue.path);
  if (value === undefined) return `${at}: missing, expected ${issue.message}`;
  return `${at || 'the document'}: expected ${issue.message}, got ${show(value)}`;
}

function allowedKeys(path: readonly PropertyKey[], type: Intervention['type'] | undefined): string[] {
  if (type) return Object.keys(INTERVENTION_SHAPES[type]);
  if (path.length === 0) return SCENARIO_FIELDS;
  return { demand: DEMAND_FIELDS, assignment: ASSIGNMENT_FIELDS, dynamic: DYNAMIC_FIELDS, transit: TRANSIT_FIELDS }[String(path[0])] ?? [];
}

/** The rules after the definition: ways or street, paired and ordered windows, distinct points. */
function finishIntervention(item: ScenarioFile['interventions'][number], at: string, file: string): Intervention {
  const fail = (path: string, expected: string, shown: string): never => {
    throw new ScenarioError(`${file}: ${path}: expected ${expected}, got ${shown}`);
  };
  const out = { ...item } as Record<string, unknown>;
  if (item.type === 'transit-line') {
    if (item.stops !== undefined && item.ways !== undefined) fail(`${at}.ways`, 'either "stops" or "ways", not both', show(item.ways));
    if (item.stops === undefined && item.ways === undefined) throw new ScenarioError(`${file}: ${at}.stops: missing, expected an array of [lon, lat] stops in running order, or "ways" with a way id per stop`);
    return out as Intervention;
  }
  if ('street' in item || 'ways' in item || INTERVENTION_SHAPES[item.type].ways) {
    const o = item as { ways?: number[]; street?: string };
    if (o.ways !== undefined && o.street !== undefined) fail(`${at}.street`, 'either "ways" or "street", not both', show(o.street));
    if (o.ways === undefined && o.street === undefined) throw new ScenarioError(`${file}: ${at}.ways: missing, expected a non-empty array of OSM way ids, or "street" with a street name`);
    out.ways = o.ways ?? [];
  }
  if (item.type === 'add-link' && item.from[0] === item.to[0] && item.from[1] === item.to[1]) fail(`${at}.to`, 'a point other than "from"', show(item.to));
  if (item.type === 'close-area') {
    const { min, max } = LIMITS.polygonPoints;
    const points = item.polygon as LonLat[];
    const distinct = new Set(points.map(([x, y]) => `${x},${y}`)).size;
    if (distinct < min || points.length > max) fail(`${at}.polygon`, `${min} to ${max} points, at least ${min} of them distinct`, `${points.length} points, ${distinct} distinct`);
  }
  if ('from' in item && typeof item.from === 'string') checkWindow(item.from, (item as { to?: string }).to, at, file);
  else if ('to' in item && typeof item.to === 'string') throw new ScenarioError(`${file}: ${at}.from: missing, expected a clock time "HH:MM" (with "to" given, "from" is needed too)`);
  return out as Intervention;
}

function checkWindow(from: string, to: string | undefined, at: string, file: string): void {
  if (to === undefined) throw new ScenarioError(`${file}: ${at}.to: missing, expected a clock time "HH:MM" (with "from" given, "to" is needed too)`);
  if (clockSeconds(to) <= clockSeconds(from)) {
    throw new ScenarioError(`${file}: ${at}.to: expected a time after "from" (${from}; a window across midnight must be split in two), got ${show(to)}`);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v = doc;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** A value as the message shows it: JSON, cut to 60 characters. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
