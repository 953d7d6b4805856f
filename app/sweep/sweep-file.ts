/**
 * A sweep file (schema: scenarios/sweep.schema.json): a base scenario and the fields to vary.
 *
 *   {"name": "Escala da demanda", "base": "scenarios/cuiaba/baseline.json",
 *    "vary": [{"path": "demand.scale", "values": [0.9, 1.0, 1.1]}, {"path": "seed", "values": [1, 2, 3]}],
 *    "objective": "vht"}
 *
 * `base` is a scenario file, relative to the current folder (else to the sweep file's folder).
 * Each variant must pass the same checks as a scenario file (parse-scenario.ts, then
 * check-scenario.ts against the city's graph). Every problem is one line naming the sweep file,
 * and for a variant the `vary` entry, its value and the field: `sweep.json: vary[0]
 * (demand.scale = -1): demand.scale: expected a number from 0 to 100, got -1`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { registry, loadCityGraph } from '../city-graphs.ts';
import { checkScenario, scenarioCity } from '../../engine/scenario/check-scenario.ts';
import { findJsonProblem } from '../../engine/scenario/json-syntax.ts';
import { parseScenario, validateScenario } from '../../engine/scenario/parse-scenario.ts';
import { ScenarioError, type Scenario } from '../../engine/scenario/scenario.ts';
import { expandVariants, PathError, setPath, variantLabel, type VaryEntry } from './variants.ts';

export const SWEEP_FIELDS = ['$schema', 'name', 'description', 'base', 'vary', 'objective'] as const;
/** Metrics a sweep can minimise (summary.json's names). */
export const OBJECTIVES = ['vht', 'vkt', 'meanTripMin', 'delayVh', 'co2Kg', 'unreachableTrips'] as const;
export type Objective = (typeof OBJECTIVES)[number];
export const MAX_VARIANTS = 10_000;

export interface SweepSpec {
  name: string;
  description?: string;
  base: string;
  vary: VaryEntry[];
  objective: Objective;
}

export interface SweepVariant {
  index: number;
  params: { path: string; value: unknown }[];
  label: string;
  scenario: Scenario;
}

export interface LoadedSweep {
  file: string;
  spec: SweepSpec;
  baseFile: string;
  base: Scenario;
  variants: SweepVariant[];
}

/** Reads and checks a sweep file and every variant it makes. */
export function loadSweep(file: string): LoadedSweep {
  const spec = parseSweep(readText(file), file);
  const baseFile = [resolve(spec.base), resolve(dirname(file), spec.base)].find((f) => existsSync(f));
  if (!baseFile) throw new ScenarioError(`${file}: base: no scenario file "${spec.base}" (relative to the current folder or to the sweep file)`);
  const baseText = readText(baseFile);
  const base = parseScenario(baseText, spec.base);
  const baseDoc = JSON.parse(baseText) as Record<string, unknown>;
  const city = scenarioCity(base, spec.base, registry());
  const graph = loadCityGraph(city).graph;
  checkScenario(base, spec.base, { city, graph });
  // each value on the base alone, so a bad one is named by its entry
  spec.vary.forEach((entry, k) => {
    for (const value of entry.values) {
      const at = `${file}: vary[${k}] (${entry.path} = ${JSON.stringify(value)})`;
      checkOne(setDoc(baseDoc, entry.path, value, at), at, (s) => {
        if (s.city !== base.city) throw new ScenarioError(`${at}: city: a sweep keeps its base's city (${base.city})`);
        checkScenario(s, at, { city, graph });
      });
    }
  });
  const variants = expandVariants(baseDoc, spec.vary).map((v) => {
    const label = variantLabel(v.params);
    const at = `${file}: variant ${v.index + 1} (${label})`;
    const scenario = checkOne(v.doc, at, (s) => checkScenario(s, at, { city, graph }));
    return { index: v.index, params: v.params, label, scenario: { ...scenario, name: `${base.name} [${label}]` } };
  });
  return { file, spec, baseFile, base, variants };
}

function checkOne(doc: Record<string, unknown>, at: string, more: (s: Scenario) => void): Scenario {
  const { $schema: _schema, ...rest } = doc;
  const s = validateScenario(rest, at);
  more(s);
  return s;
}

function setDoc(doc: Record<string, unknown>, path: string, value: unknown, at: string): Record<string, unknown> {
  try {
    return setPath(doc, path, value);
  } catch (err) {
    if (err instanceof PathError) throw new ScenarioError(`${at}: ${err.message}`);
    throw err;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a .json file' : `cannot be read (${code})`}`);
  }
}

/** The sweep file's own fields (not yet its variants). */
export function parseSweep(text: string, file: string): SweepSpec {
  const problem = findJsonProblem(text);
  if (problem) throw new ScenarioError(`${file}: not valid JSON at line ${problem.line} column ${problem.column}: ${problem.problem}`);
  const doc = JSON.parse(text) as unknown;
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ScenarioError(`${file}: ${field}: expected ${expected}, got ${got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 80)}`);
  };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail('(top level)', 'an object {"name", "base", "vary", "objective"}', doc);
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) if (!(SWEEP_FIELDS as readonly string[]).includes(key)) throw new ScenarioError(`${file}: ${key}: unknown field; expected one of ${SWEEP_FIELDS.join(', ')}`);
  if (typeof d.name !== 'string' || d.name.trim() === '') fail('name', 'a non-empty string', d.name);
  if (d.description !== undefined && typeof d.description !== 'string') fail('description', 'a string', d.description);
  if (typeof d.base !== 'string' || d.base === '') fail('base', 'the path of a scenario file', d.base);
  if (!(OBJECTIVES as readonly unknown[]).includes(d.objective)) fail('objective', `one of ${OBJECTIVES.join(', ')}`, d.objective);
  if (!Array.isArray(d.vary) || d.vary.length === 0) fail('vary', 'a non-empty list of {"path", "values"}', d.vary);
  const vary = (d.vary as unknown[]).map((e, k): VaryEntry => {
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return fail(`vary[${k}]`, 'an object {"path", "values"}', e);
    const o = e as Record<string, unknown>;
    for (const key of Object.keys(o)) if (key !== 'path' && key !== 'values') throw new ScenarioError(`${file}: vary[${k}].${key}: unknown field; expected path, values`);
    if (typeof o.path !== 'string') fail(`vary[${k}].path`, 'a field path such as "demand.scale" or "interventions[0].lanes"', o.path);
    if (!Array.isArray(o.values) || o.values.length === 0) fail(`vary[${k}].values`, 'a non-empty list of values', o.values);
    return { path: o.path as string, values: o.values as unknown[] };
  });
  const paths = new Set<string>();
  vary.forEach((v, k) => {
    if (paths.has(v.path)) throw new ScenarioError(`${file}: vary[${k}].path: "${v.path}" is varied twice`);
    paths.add(v.path);
  });
  const total = vary.reduce((n, v) => n * v.values.length, 1);
  if (total > MAX_VARIANTS) throw new ScenarioError(`${file}: vary: ${total} variants; at most ${MAX_VARIANTS}`);
  return { name: d.name as string, ...(d.description !== undefined ? { description: d.description as string } : {}), base: d.base as string, vary, objective: d.objective as Objective };
}
