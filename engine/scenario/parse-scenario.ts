/**
 * parseScenario: the text of a scenario file → a Scenario with its defaults filled, or a
 * ScenarioError of one line, `<file>: <field path>: expected …, got …`. This checks everything
 * that needs no city or graph (syntax, shape, types, enums, ranges, unknown keys, clock order);
 * check-scenario.ts checks the rest against the city and its road graph.
 *
 * Required: `city`, `name`, `interventions` (may be empty: a baseline). Defaults: model "static",
 * period "am-peak", seed 1, demand {scale 1, tourists true}. The same rules are published as
 * scenarios/scenario.schema.json (JSON Schema 2020-12); the tables below are what a test holds
 * that file to.
 *
 * Terms: a field path is written as in JavaScript, `interventions[2].lanes`, `demand.scale`;
 * clock times are "HH:MM" from "00:00" to "24:00" and a window [from, to) needs to > from
 * (a window across midnight is not supported: split it).
 */
import { ASSIGNMENT_METHODS } from '../assignment/result.ts';
import { PERIODS } from '../demand/time-of-day.ts';
import { ROAD_CLASSES } from '../graph/road-class.ts';
import { findJsonProblem } from './json-syntax.ts';
import { INTERVENTION_TYPES, ScenarioError, type Intervention, type InterventionType, type LonLat, type Scenario } from './scenario.ts';

/** Reads a scenario file's text; `file` names it in messages. */
export function parseScenario(text: string, file: string): Scenario {
  const problem = findJsonProblem(text);
  if (problem) throw new ScenarioError(`${file}: not valid JSON at line ${problem.line} column ${problem.column}: ${problem.problem}`);
  return validateScenario(JSON.parse(text) as unknown, file);
}

export const SCENARIO_FIELDS = ['$schema', 'city', 'name', 'description', 'model', 'period', 'seed', 'demand', 'assignment', 'dynamic', 'interventions'] as const;
export const REQUIRED_SCENARIO_FIELDS = ['city', 'name', 'interventions'] as const;
export const DEMAND_FIELDS = ['scale', 'tourists', 'month', 'external', 'calibration'] as const;
export const ASSIGNMENT_FIELDS = ['method', 'gap', 'maxIter'] as const;
export const DYNAMIC_FIELDS = ['reroute', 'share', 'gap', 'scheme', 'step'] as const;
/** Keys each intervention type accepts; `required` ones must be present. */
export const INTERVENTION_FIELDS: Record<InterventionType, { required: readonly string[]; optional: readonly string[] }> = {
  // way-based types take exactly one of `ways` and `street`
  close: { required: ['type'], optional: ['ways', 'street', 'from', 'to', 'note'] },
  lanes: { required: ['type', 'lanes'], optional: ['ways', 'street', 'note'] },
  speed: { required: ['type', 'kmh'], optional: ['ways', 'street', 'note'] },
  capacity: { required: ['type', 'factor'], optional: ['ways', 'street', 'note'] },
  'bus-lane': { required: ['type'], optional: ['ways', 'street', 'note'] },
  reverse: { required: ['type'], optional: ['ways', 'street', 'note'] },
  toll: { required: ['type', 'brl'], optional: ['ways', 'street', 'note'] },
  'add-link': { required: ['type', 'from', 'to', 'class', 'lanes'], optional: ['kmh', 'oneway', 'name', 'note'] },
  'close-area': { required: ['type', 'polygon'], optional: ['from', 'to', 'note'] },
  event: { required: ['type', 'at', 'attendance', 'from', 'to'], optional: ['name', 'note'] },
};

/** Ranges, inclusive unless said otherwise; the schema file repeats them. */
export const LIMITS = {
  seed: { min: 0, max: 4_294_967_295 },
  scale: { min: 0, max: 100 },
  lanes: { min: 1, max: 8 },
  kmh: { min: 5, max: 130 },
  /** Exclusive at 0: a capacity of 0 is a closure, which `close` says plainly. */
  factor: { min: 0, max: 5 },
  brl: { min: 0, max: 1000 },
  /** Exclusive at 0; the largest crowds in Brazil (Carnival blocks, Círio de Nazaré) reach ~10⁶. */
  attendance: { min: 0, max: 2_000_000 },
  gap: { min: 0, max: 1 },
  maxIter: { min: 1, max: 1_000_000 },
  /** Re-routing iterations of the dynamic model, the share of vehicles re-routed in each, and the relative gap that stops them. */
  reroute: { min: 0, max: 50 },
  step: { min: 0, max: 1 },
  share: { min: 0, max: 1 },
  rerouteGap: { min: 0, max: 1 },
  ways: { max: 10_000 },
  polygonPoints: { min: 3, max: 10_000 },
  text: { max: 2_000 },
} as const;

/** Street classes an added link may have (not the connector and abstract classes). */
export const LINK_CLASSES: readonly string[] = ROAD_CLASSES.filter((c) => c !== 'connector' && c !== 'abstract');

/** Checks an already parsed document (see parseScenario). */
export function validateScenario(doc: unknown, file: string): Scenario {
  const v = new Fields(file);
  const root = v.object(doc, '', SCENARIO_FIELDS, REQUIRED_SCENARIO_FIELDS);
  if (root.$schema !== undefined) v.string(root.$schema, '$schema'); // for editors; not kept
  const city = v.string(root.city, 'city', /^[a-z0-9]+(-[a-z0-9]+)*$/, 'a city slug such as "cuiaba" (lower-case ascii words joined by "-")');
  const name = v.string(root.name, 'name');
  const s: Scenario = {
    city,
    name,
    ...(root.description !== undefined ? { description: v.string(root.description, 'description') } : {}),
    model: root.model === undefined ? 'static' : v.oneOf(root.model, 'model', ['static', 'dynamic'] as const),
    period: root.period === undefined ? 'am-peak' : v.oneOf(root.period, 'period', PERIODS.map((p) => p.id)),
    seed: root.seed === undefined ? 1 : v.integer(root.seed, 'seed', LIMITS.seed.min, LIMITS.seed.max),
    demand: { scale: 1, tourists: true },
    interventions: [],
  };
  if (root.demand !== undefined) {
    const d = v.object(root.demand, 'demand', DEMAND_FIELDS, []);
    if (d.scale !== undefined) s.demand.scale = v.number(d.scale, 'demand.scale', LIMITS.scale.min, LIMITS.scale.max);
    if (d.tourists !== undefined) s.demand.tourists = v.boolean(d.tourists, 'demand.tourists');
    if (d.month !== undefined) s.demand.month = v.integer(d.month, 'demand.month', 1, 12);
    if (d.external !== undefined) s.demand.external = v.boolean(d.external, 'demand.external');
    // a calibration file is named relative to the scenario file; kept as given and resolved by the run
    if (d.calibration !== undefined) s.demand.calibration = v.string(d.calibration, 'demand.calibration', /\.json$/, 'a calibration file name ending in .json (written by gemeo calibrate)');
  }
  if (root.assignment !== undefined) {
    const a = v.object(root.assignment, 'assignment', ASSIGNMENT_FIELDS, []);
    s.assignment = {};
    if (a.method !== undefined) s.assignment.method = v.oneOf(a.method, 'assignment.method', ASSIGNMENT_METHODS);
    if (a.gap !== undefined) s.assignment.gap = v.number(a.gap, 'assignment.gap', LIMITS.gap.min, LIMITS.gap.max, true);
    if (a.maxIter !== undefined) s.assignment.maxIter = v.integer(a.maxIter, 'assignment.maxIter', LIMITS.maxIter.min, LIMITS.maxIter.max);
  }
  if (root.dynamic !== undefined) {
    const d = v.object(root.dynamic, 'dynamic', DYNAMIC_FIELDS, []);
    s.dynamic = {};
    if (d.reroute !== undefined) s.dynamic.reroute = v.integer(d.reroute, 'dynamic.reroute', LIMITS.reroute.min, LIMITS.reroute.max);
    if (d.share !== undefined) s.dynamic.share = v.number(d.share, 'dynamic.share', LIMITS.share.min, LIMITS.share.max);
    if (d.gap !== undefined) s.dynamic.gap = v.number(d.gap, 'dynamic.gap', LIMITS.rerouteGap.min, LIMITS.rerouteGap.max);
    if (d.scheme !== undefined) s.dynamic.scheme = v.oneOf(d.scheme, 'dynamic.scheme', ['swap', 'sample'] as const);
    if (d.step !== undefined) s.dynamic.step = v.number(d.step, 'dynamic.step', LIMITS.step.min, LIMITS.step.max);
  }
  if (!Array.isArray(root.interventions)) v.fail('interventions', 'an array of interventions (empty for a baseline)', root.interventions);
  s.interventions = (root.interventions as unknown[]).map((item, i) => readIntervention(v, item, `interventions[${i}]`));
  return s;
}

function readIntervention(v: Fields, item: unknown, at: string): Intervention {
  if (!isObject(item)) v.fail(at, 'an object {"type": …}', item);
  const raw = item as Record<string, unknown>;
  if (raw.type === undefined) v.missing(`${at}.type`, `one of ${INTERVENTION_TYPES.join(', ')}`);
  const type = v.oneOf(raw.type, `${at}.type`, INTERVENTION_TYPES);
  const fields = INTERVENTION_FIELDS[type];
  const o = v.object(item, at, [...fields.required, ...fields.optional], fields.required, type);
  const note = o.note === undefined ? {} : { note: v.string(o.note, `${at}.note`) };
  const on = () => v.waysOrStreet(o, at);
  switch (type) {
    case 'close': {
      return { type, ...on(), ...v.window(o.from, o.to, at, false), ...note };
    }
    case 'lanes':
      return { type, ...on(), lanes: v.integer(o.lanes, `${at}.lanes`, LIMITS.lanes.min, LIMITS.lanes.max), ...note };
    case 'speed':
      return { type, ...on(), kmh: v.number(o.kmh, `${at}.kmh`, LIMITS.kmh.min, LIMITS.kmh.max), ...note };
    case 'capacity':
      return { type, ...on(), factor: v.number(o.factor, `${at}.factor`, LIMITS.factor.min, LIMITS.factor.max, true), ...note };
    case 'bus-lane':
    case 'reverse':
      return { type, ...on(), ...note };
    case 'toll':
      return { type, ...on(), brl: v.number(o.brl, `${at}.brl`, LIMITS.brl.min, LIMITS.brl.max), ...note };
    case 'add-link': {
      const from = v.lonLat(o.from, `${at}.from`);
      const to = v.lonLat(o.to, `${at}.to`);
      if (from[0] === to[0] && from[1] === to[1]) v.fail(`${at}.to`, 'a point other than "from"', o.to);
      const cls = v.oneOf(o.class, `${at}.class`, LINK_CLASSES);
      const link: Intervention = { type, from, to, class: cls, lanes: v.integer(o.lanes, `${at}.lanes`, LIMITS.lanes.min, LIMITS.lanes.max) };
      if (o.kmh !== undefined) link.kmh = v.number(o.kmh, `${at}.kmh`, LIMITS.kmh.min, LIMITS.kmh.max);
      if (o.oneway !== undefined) link.oneway = v.boolean(o.oneway, `${at}.oneway`);
      if (o.name !== undefined) link.name = v.string(o.name, `${at}.name`);
      return { ...link, ...note };
    }
    case 'close-area':
      return { type, polygon: v.polygon(o.polygon, `${at}.polygon`), ...v.window(o.from, o.to, at, false), ...note };
    case 'event': {
      const ev: Intervention = {
        type,
        at: v.lonLat(o.at, `${at}.at`),
        attendance: v.integer(o.attendance, `${at}.attendance`, LIMITS.attendance.min, LIMITS.attendance.max, true),
        ...(v.window(o.from, o.to, at, true) as { from: string; to: string }),
      };
      if (o.name !== undefined) ev.name = v.string(o.name, `${at}.name`);
      return { ...ev, ...note };
    }
  }
}

/** Seconds after midnight of an "HH:MM" clock time already checked by parseScenario. */
export function clockSeconds(t: string): number {
  return Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;
}

const CLOCK = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** The field checks, each failing with one line that names the path. */
class Fields {
  constructor(private readonly file: string) {}

  fail(path: string, expected: string, got: unknown): never {
    return this.failShown(path, expected, show(got));
  }

  failShown(path: string, expected: string, shown: string): never {
    throw new ScenarioError(`${this.file}: ${path || 'the document'}: expected ${expected}, got ${shown}`);
  }

  missing(path: string, expected: string): never {
    throw new ScenarioError(`${this.file}: ${path}: missing, expected ${expected}`);
  }

  /** An object with only `allowed` keys and every `required` one. Unknown keys come first: a typo explains a missing key. */
  object(value: unknown, path: string, allowed: readonly string[], required: readonly string[], type?: InterventionType): Record<string, unknown> {
    const what = type ? ` for type "${type}"` : '';
    if (!isObject(value)) this.fail(path, 'an object', value);
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) {
        const near = closest(key, allowed);
        throw new ScenarioError(
          `${this.file}: ${join(path, key)}: unknown key${what}, expected ${near ? `"${near}" or ` : ''}one of ${allowed.join(', ')}`,
        );
      }
    }
    for (const key of required) if (o[key] === undefined) this.missing(join(path, key), describeRequired(key, type));
    return o;
  }

  string(value: unknown, path: string, pattern?: RegExp, expected = 'a non-empty string'): string {
    if (typeof value !== 'string' || value.trim() === '' || value.length > LIMITS.text.max || (pattern && !pattern.test(value))) {
      this.fail(path, typeof value === 'string' && value.length > LIMITS.text.max ? `at most ${LIMITS.text.max} characters` : expected, value);
    }
    return value as string;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'true or false', value);
    return value as boolean;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
    if (typeof value !== 'string' || !options.includes(value as T)) {
      const near = typeof value === 'string' ? closest(value, options) : undefined;
      this.fail(path, `${near ? `"${near}" or ` : ''}one of ${options.join(', ')}`, value);
    }
    return value as T;
  }

  /** A finite number in [min, max], or (min, max] when `openMin`. */
  number(value: unknown, path: string, min: number, max: number, openMin = false): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || (openMin ? value <= min : value < min) || value > max) {
      this.fail(path, `a number ${openMin ? `greater than ${min}` : `from ${min}`} ${openMin ? 'and at most' : 'to'} ${max}`, value);
    }
    return value as number;
  }

  integer(value: unknown, path: string, min: number, max: number, openMin = false): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || (openMin ? value <= min : value < min) || value > max) {
      this.fail(path, `an integer ${openMin ? `greater than ${min}` : `from ${min}`} ${openMin ? 'and at most' : 'to'} ${max}`, value);
    }
    return value as number;
  }

  /** Exactly one of `ways` (way ids) and `street` (a street name, resolved against the graph later). */
  waysOrStreet(o: Record<string, unknown>, at: string): { ways: number[]; street?: string } {
    if (o.ways !== undefined && o.street !== undefined) this.fail(`${at}.street`, 'either "ways" or "street", not both', o.street);
    if (o.street !== undefined) return { ways: [], street: this.string(o.street, `${at}.street`) };
    if (o.ways === undefined) this.missing(`${at}.ways`, 'a non-empty array of OSM way ids, or "street" with a street name');
    return { ways: this.ways(o.ways, `${at}.ways`) };
  }

  ways(value: unknown, path: string): number[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.ways.max) {
      this.fail(path, `a non-empty array (at most ${LIMITS.ways.max}) of OSM way ids`, value);
    }
    (value as unknown[]).forEach((id, k) => {
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id === 0) this.fail(`${path}[${k}]`, 'an OSM way id (a non-zero integer; negative ids are stand-in roads)', id);
    });
    return [...(value as number[])];
  }

  lonLat(value: unknown, path: string): LonLat {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.fail(path, '[lon, lat], two numbers in degrees', value);
    }
    const [lon, lat] = value as number[];
    if (Math.abs(lon) > 180) this.fail(`${path}[0]`, 'a longitude from -180 to 180', lon);
    if (Math.abs(lat) > 90) this.fail(`${path}[1]`, 'a latitude from -90 to 90', lat);
    return [lon, lat];
  }

  polygon(value: unknown, path: string): LonLat[] {
    const { min, max } = LIMITS.polygonPoints;
    if (!Array.isArray(value)) this.fail(path, `an array of at least ${min} [lon, lat] points`, value);
    const points = (value as unknown[]).map((p, k) => this.lonLat(p, `${path}[${k}]`));
    const distinct = new Set(points.map(([x, y]) => `${x},${y}`)).size;
    if (distinct < min || points.length > max) this.failShown(path, `${min} to ${max} points, at least ${min} of them distinct`, `${points.length} points, ${distinct} distinct`);
    return points;
  }

  /** A clock window: both ends or neither (unless `required`), and to after from. */
  window(from: unknown, to: unknown, at: string, required: boolean): { from?: string; to?: string } {
    if (from === undefined && to === undefined && !required) return {};
    if (from === undefined) this.missing(`${at}.from`, `a clock time "HH:MM" (with "to" given, "from" is needed too)`);
    if (to === undefined) this.missing(`${at}.to`, `a clock time "HH:MM" (with "from" given, "to" is needed too)`);
    for (const [key, t] of [['from', from], ['to', to]] as const) {
      if (typeof t !== 'string' || !CLOCK.test(t)) this.fail(`${at}.${key}`, 'a clock time "HH:MM" from "00:00" to "24:00"', t);
    }
    if (clockSeconds(to as string) <= clockSeconds(from as string)) {
      this.fail(`${at}.to`, `a time after "from" (${from as string}; a window across midnight must be split in two)`, to);
    }
    return { from: from as string, to: to as string };
  }
}

function describeRequired(key: string, type?: InterventionType): string {
  if ((key === 'from' || key === 'to') && type !== undefined) return type === 'add-link' ? `[lon, lat] of the link's ${key === 'from' ? 'start' : 'end'}` : 'a clock time "HH:MM"';
  const text: Record<string, string> = {
    city: 'a city slug such as "cuiaba"',
    name: 'a non-empty string',
    interventions: 'an array of interventions (empty for a baseline)',
    ways: 'a non-empty array of OSM way ids',
    lanes: `an integer from ${LIMITS.lanes.min} to ${LIMITS.lanes.max}`,
    kmh: `a number from ${LIMITS.kmh.min} to ${LIMITS.kmh.max}`,
    factor: `a number greater than 0 and at most ${LIMITS.factor.max}`,
    brl: 'a toll in BRL (a number ≥ 0)',
    class: `one of ${LINK_CLASSES.join(', ')}`,
    polygon: 'an array of at least 3 [lon, lat] points',
    at: '[lon, lat] of the event',
    attendance: 'the number of people attending (an integer > 0)',
  };
  return text[key] ?? 'a value';
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as the message shows it: JSON, cut to 60 characters. */
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The option within edit distance 2 of `word` (typos such as "wayz", "intervention"), if any. */
function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
