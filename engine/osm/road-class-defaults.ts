/**
 * Road-class defaults: the editable data/road-classes.json (speeds from the CTB, capacities from
 * the HCM, drivability and access rules), loaded and checked into a typed table indexed by road
 * class code (engine/graph/road-class.ts).
 *
 * Terms: "urban"/"rural" are the CTB art. 61 settings; `ruralDualKmh` is the limit on a one-way
 * carriageway of a divided rural road (rodovia de pista dupla). Lanes are per direction.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROAD_CLASSES, roadClassCode, type RoadClass } from '../graph/road-class.ts';
import { InputError } from '../util/input-error.ts';

export interface ClassDefaults {
  code: number;
  name: RoadClass;
  drivable: boolean;
  urbanKmh: number;
  ruralKmh: number;
  ruralDualKmh: number;
  lanesPerDirection: number;
  capacityPerLaneVph: number;
}

export interface RoadClassDefaults {
  /** The file these came from, for messages and reports. */
  file: string;
  /** Indexed by road class code; undefined for classes with no street behind them (connector, abstract). */
  byCode: (ClassDefaults | undefined)[];
  /** highway values that are known and never drivable (informative; unknown values are not drivable either). */
  notDrivable: Set<string>;
  /** Access keys from least to most specific: the most specific present decides. */
  accessKeys: string[];
  deniedAccess: Set<string>;
  /** service=* subtypes left out of the network. */
  excludedServiceTypes: Set<string>;
}

/** Classes that describe no street, so the JSON has no entry for them. */
const NOT_STREETS = new Set<string>(['connector', 'abstract']);

export const DEFAULT_ROAD_CLASSES_FILE = 'data/road-classes.json';

/** Reads and validates data/road-classes.json (or `file`). Throws InputError naming class and field. */
export function loadRoadClassDefaults(file?: string): RoadClassDefaults {
  const path = file ?? fileURLToPath(new URL('../../data/road-classes.json', import.meta.url));
  const shown = file ?? DEFAULT_ROAD_CLASSES_FILE;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(shown, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(shown, `is not valid JSON: ${(err as Error).message}`);
  }
  return parseRoadClassDefaults(json, shown);
}

/** Validates an already parsed road-classes document. */
export function parseRoadClassDefaults(json: unknown, file: string): RoadClassDefaults {
  const fail = (where: string, expected: string, got: unknown): never => {
    throw new InputError(file, `${where} is ${describe(got)}, expected ${expected}`);
  };
  if (!isRecord(json)) fail('the document', 'an object', json);
  const doc = json as Record<string, unknown>;
  const classes = doc.classes;
  if (!isRecord(classes)) fail('"classes"', 'an object keyed by OSM highway class', classes);
  const table = classes as Record<string, unknown>;

  for (const name of Object.keys(table)) {
    if (roadClassCode(name) < 0 || NOT_STREETS.has(name)) {
      throw new InputError(file, `class "${name}" is not a known road class, expected one of ${ROAD_CLASSES.filter((c) => !NOT_STREETS.has(c)).join(', ')}`);
    }
  }
  const byCode: (ClassDefaults | undefined)[] = ROAD_CLASSES.map(() => undefined);
  for (const name of ROAD_CLASSES) {
    if (NOT_STREETS.has(name)) continue;
    const c = table[name];
    if (!isRecord(c)) fail(`class "${name}"`, 'an object with drivable, speedKmh, lanesPerDirection, capacityPerLaneVph', c);
    const entry = c as Record<string, unknown>;
    const at = (field: string) => `class "${name}" field "${field}"`;
    if (typeof entry.drivable !== 'boolean') fail(at('drivable'), 'true or false', entry.drivable);
    const speed = entry.speedKmh;
    if (!isRecord(speed)) fail(at('speedKmh'), 'an object {urban, rural, ruralDual?}', speed);
    const s = speed as Record<string, unknown>;
    const urban = positive(s.urban, 300, at('speedKmh.urban'), 'a speed in km/h in (0, 300]', fail);
    const rural = positive(s.rural, 300, at('speedKmh.rural'), 'a speed in km/h in (0, 300]', fail);
    const dual = s.ruralDual === undefined ? rural : positive(s.ruralDual, 300, at('speedKmh.ruralDual'), 'a speed in km/h in (0, 300]', fail);
    const lanes = entry.lanesPerDirection;
    if (typeof lanes !== 'number' || !Number.isInteger(lanes) || lanes < 1 || lanes > 20) fail(at('lanesPerDirection'), 'an integer from 1 to 20', lanes);
    const cap = positive(entry.capacityPerLaneVph, 5000, at('capacityPerLaneVph'), 'vehicles per hour per lane in (0, 5000]', fail);
    byCode[roadClassCode(name)] = {
      code: roadClassCode(name),
      name,
      drivable: entry.drivable as boolean,
      urbanKmh: urban,
      ruralKmh: rural,
      ruralDualKmh: dual,
      lanesPerDirection: lanes as number,
      capacityPerLaneVph: cap,
    };
  }

  const access = doc.access;
  if (!isRecord(access)) fail('"access"', 'an object {deniedValues, keys}', access);
  const a = access as Record<string, unknown>;
  const service = doc.service;
  if (!isRecord(service)) fail('"service"', 'an object {excludedTypes}', service);
  return {
    file,
    byCode,
    notDrivable: new Set(strings(doc.notDrivable, '"notDrivable"', fail)),
    accessKeys: strings(a.keys, '"access.keys"', fail),
    deniedAccess: new Set(strings(a.deniedValues, '"access.deniedValues"', fail)),
    excludedServiceTypes: new Set(strings((service as Record<string, unknown>).excludedTypes, '"service.excludedTypes"', fail)),
  };
}

type Fail = (where: string, expected: string, got: unknown) => never;

function positive(v: unknown, max: number, where: string, expected: string, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) fail(where, expected, v);
  return v as number;
}

function strings(v: unknown, where: string, fail: Fail): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(where, 'an array of strings', v);
  return v as string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return JSON.stringify(v);
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
}
