import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCity } from '../city/registry.ts';
import { readGeojsonLines } from '../osm/read-geojson-lines.ts';
import { buildStandIn } from '../standin/generate-stand-in.ts';
import { checkScenario, scenarioCity } from './check-scenario.ts';
import { parseScenario } from './parse-scenario.ts';
import { ScenarioError } from './scenario.ts';

const DIR = fileURLToPath(new URL('../../data/fixtures/scenarios-bad/', import.meta.url));
const SHOWN = 'data/fixtures/scenarios-bad';
const expected = JSON.parse(readFileSync(`${DIR}expected.json`, 'utf8')) as Record<string, string>;
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();

const cuiaba = findCity('cuiaba');
const highways = readGeojsonLines(fileURLToPath(new URL('../../data/mt/federal-highways-51.geojson', import.meta.url)), { lanesPerDirection: 1 });
const graph = buildStandIn(cuiaba, highways, { seed: 1 }).graph;

function refusal(name: string): unknown {
  const shown = `${SHOWN}/${name}`;
  try {
    const s = parseScenario(readFileSync(`${DIR}${name}`, 'utf8'), shown);
    checkScenario(s, shown, { city: scenarioCity(s, shown), graph });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the malformed scenario corpus', () => {
  it('has at least 30 files, each with its expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  it.each(files)('%s is refused with one line naming the file and the field', (name) => {
    const error = refusal(name);
    expect(error, name).toBeInstanceOf(ScenarioError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.startsWith(`${SHOWN}/${name}: `)).toBe(true);
    expect(message.slice(SHOWN.length + name.length + 3)).toMatch(new RegExp(expected[name]));
  });

  it('the same files, fixed, pass (so each is refused for its one fault)', () => {
    const fixed = parseScenario(readFileSync(`${DIR}lanes-twelve.json`, 'utf8').replace('"lanes": 12', '"lanes": 3'), 'fixed.json');
    expect(() => checkScenario(fixed, 'fixed.json', { city: cuiaba, graph })).not.toThrow();
    const ways = parseScenario(readFileSync(`${DIR}way-ids-unknown.json`, 'utf8').replace(/123456,\s*999999999/, '-5, -6'), 'fixed.json');
    expect(() => checkScenario(ways, 'fixed.json', { city: cuiaba, graph })).not.toThrow();
  });
});

describe('checkScenario options', () => {
  it('accepts the dynamic model when the caller can run it, where windows act in time', () => {
    const text = readFileSync(`${DIR}close-window-outside-period.json`, 'utf8').replace('"period": "am-peak"', '"period": "am-peak", "model": "dynamic"');
    const s = parseScenario(text, 'dyn.json');
    expect(() => checkScenario(s, 'dyn.json', { city: cuiaba, graph, models: ['static'] })).toThrow(/^dyn\.json: model: "dynamic" is not available here, expected "static"$/);
    expect(() => checkScenario(s, 'dyn.json', { city: cuiaba, graph })).not.toThrow();
  });
});
