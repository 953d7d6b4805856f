import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findJsonProblem } from './json-syntax.ts';
import { ASSIGNMENT_FIELDS, DEMAND_FIELDS, DYNAMIC_FIELDS, INTERVENTION_FIELDS, LIMITS, LINK_CLASSES, parseScenario, REQUIRED_SCENARIO_FIELDS, SCENARIO_FIELDS } from './parse-scenario.ts';
import { INTERVENTION_TYPES, ScenarioError } from './scenario.ts';
import { scenarioJsonSchema } from './scenario-schema.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

function message(text: string): string {
  try {
    parseScenario(text, 'x.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioError');
}

const ok = (extra: Record<string, unknown> = {}, interventions: unknown[] = []) => JSON.stringify({ city: 'cuiaba', name: 'n', interventions, ...extra });

describe('parseScenario', () => {
  it('fills the defaults of a minimal scenario', () => {
    expect(parseScenario(ok(), 'x.json')).toEqual({
      city: 'cuiaba',
      name: 'n',
      model: 'static',
      period: 'am-peak',
      seed: 1,
      demand: { scale: 1, tourists: true },
      interventions: [],
    });
  });

  it('keeps given values, the issue example among them', () => {
    const s = parseScenario(
      ok({ model: 'static', period: 'pm-peak', seed: 7, demand: { scale: 1.2, tourists: false, month: 7 }, assignment: { method: 'fw', gap: 1e-3 } }, [
        { type: 'close', ways: [123456], from: '07:00', to: '09:00' },
        { type: 'add-link', from: [-56.09, -15.6], to: [-56.08, -15.59], class: 'primary', lanes: 2 },
        { type: 'event', at: [-56.12, -15.6], attendance: 40000, from: '16:00', to: '22:00' },
      ]),
      'x.json',
    );
    expect(s.demand).toEqual({ scale: 1.2, tourists: false, month: 7 });
    expect(s.assignment).toEqual({ method: 'fw', gap: 1e-3 });
    expect(s.interventions[0]).toEqual({ type: 'close', ways: [123456], from: '07:00', to: '09:00' });
    expect(s.interventions[1]).toMatchObject({ type: 'add-link', class: 'primary', lanes: 2 });
  });

  it('reads the dynamic block and refuses values out of range in one line', () => {
    const s = parseScenario(ok({ model: 'dynamic', dynamic: { reroute: 2, share: 0.2, scheme: 'sample', step: 0.3 } }, []), 'd.json');
    expect(s.dynamic).toEqual({ reroute: 2, share: 0.2, scheme: 'sample', step: 0.3 });
    expect(() => parseScenario(ok({ model: 'dynamic', dynamic: { reroute: 51 } }, []), 'd.json')).toThrow(/^d\.json: dynamic\.reroute: expected an integer from 0 to 50, got 51$/);
    expect(() => parseScenario(ok({ model: 'dynamic', dynamic: { scheme: 'msa' } }, []), 'd.json')).toThrow(/^d\.json: dynamic\.scheme: /);
    expect(() => parseScenario(ok({ model: 'dynamic', dynamic: { share: 1.5 } }, []), 'd.json')).toThrow(/^d\.json: dynamic\.share: expected a number from 0 to 1, got 1\.5$/);
    expect(() => parseScenario(ok({ model: 'dynamic', dynamic: { iterations: 1 } }, []), 'd.json')).toThrow(/^d\.json: dynamic\.iterations: /);
  });

  it('locates JSON syntax errors by line and column', () => {
    expect(message('{\n  "city": "cuiaba",\n  "name": "n",\n}')).toBe('x.json: not valid JSON at line 4 column 1: found "}" after a comma, expected another "key": value (JSON allows no trailing comma)');
    expect(message('')).toMatch(/^x\.json: not valid JSON at line 1 column 1: the file is empty/);
    expect(message('{"city": "a", "city": "b"}')).toMatch(/line 1 column 15: key "city" appears twice/);
    expect(message("{'city': 1}")).toMatch(/double quotes/);
    expect(findJsonProblem('{"a": [1, 2.5e3, -0, "x\\u00e9", true, null]}')).toBeNull();
    expect(findJsonProblem('{"a": 01}')).toMatchObject({ line: 1, column: 7 });
    // agrees with JSON.parse on what is valid
    for (const text of ['[1,]', '{"a":1}x', '"\t"', '1.', '{"a" 1}', '[1 2]', 'nul', '{"a":1,"b":[{}]}', ' [] ']) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonProblem(text) === null, text).toBe(valid);
    }
  });

  it('names the field and the expectation in one line', () => {
    expect(message(ok({}, [{}, {}, { type: 'lanes', ways: [1], lanes: 12 }]))).toBe('x.json: interventions[0].type: missing, expected one of close, lanes, speed, capacity, bus-lane, reverse, toll, add-link, close-area, event, transit-line');
    expect(message(ok({}, [{ type: 'lanes', ways: [1], lanes: 12 }]))).toBe('x.json: interventions[0].lanes: expected an integer from 1 to 8, got 12');
    expect(message(ok({}, [{ type: 'close', wayz: [1] }]))).toMatch(/^x\.json: interventions\[0\]\.wayz: unknown key for type "close", expected "ways" or one of/);
    expect(message(JSON.stringify({ city: 'cuiaba', name: 'n', intervention: [] }))).toMatch(/^x\.json: intervention: unknown key, expected "interventions" or/);
    expect(message(ok({ demand: { scale: '1' } }))).toBe('x.json: demand.scale: expected a number from 0 to 100, got "1"');
    expect(message(ok({ period: 'am_peak' }))).toBe('x.json: period: expected "am-peak" or one of am-peak, midday, pm-peak, day, got "am_peak"');
    expect(message(ok({}, [{ type: 'close', ways: [1], from: '09:00', to: '07:00' }]))).toMatch(/interventions\[0\]\.to: expected a time after "from" \(09:00/);
    expect(message(ok({}, [{ type: 'close', ways: [1], from: '7:00', to: '09:00' }]))).toMatch(/interventions\[0\]\.from: expected a clock time "HH:MM"/);
    expect(message(ok({}, [{ type: 'close-area', polygon: [[-56, -15], [-56.1, -15], [-56, -15]] }]))).toMatch(/interventions\[0\]\.polygon: expected 3 to 10000 points, at least 3 of them distinct, got 3 points, 2 distinct/);
    expect(message(ok({}, [{ type: 'toll', ways: [1, 'x'], brl: 2 }]))).toMatch(/interventions\[0\]\.ways\[1\]: expected an OSM way id/);
    expect(message('[]')).toBe('x.json: the document: expected an object, got []');
    for (const m of [message(ok({ seed: -1 })), message(ok({}, [{ type: 'event', at: [200, 0], attendance: 1, from: '10:00', to: '11:00' }]))]) {
      expect(m.split('\n')).toHaveLength(1);
    }
  });
});

describe('scenarios/scenario.schema.json', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));

  it('is what the one definition of the format generates (npm run scenario-schema rewrites it)', () => {
    expect(schema).toEqual(scenarioJsonSchema());
  });

  it('publishes the fields, requirements, enums and ranges the parser enforces', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties).sort()).toEqual([...SCENARIO_FIELDS].sort());
    expect(schema.required).toEqual([...REQUIRED_SCENARIO_FIELDS]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.demand.properties).sort()).toEqual([...DEMAND_FIELDS].sort());
    expect(Object.keys(schema.properties.assignment.properties).sort()).toEqual([...ASSIGNMENT_FIELDS].sort());
    expect(Object.keys(schema.properties.dynamic.properties).sort()).toEqual([...DYNAMIC_FIELDS].sort());
    expect([schema.properties.dynamic.properties.reroute.minimum, schema.properties.dynamic.properties.reroute.maximum]).toEqual([LIMITS.reroute.min, LIMITS.reroute.max]);
    expect([schema.properties.dynamic.properties.share.minimum, schema.properties.dynamic.properties.share.maximum]).toEqual([LIMITS.share.min, LIMITS.share.max]);
    const variants = schema.$defs.intervention.oneOf as { properties: Record<string, { const?: string; minimum?: number; maximum?: number }>; required: string[]; additionalProperties: boolean }[];
    expect(variants.map((v) => v.properties.type.const)).toEqual([...INTERVENTION_TYPES]);
    for (const v of variants) {
      const t = v.properties.type.const as keyof typeof INTERVENTION_FIELDS;
      expect(v.required, t).toEqual([...INTERVENTION_FIELDS[t].required]);
      expect(Object.keys(v.properties).sort(), t).toEqual([...INTERVENTION_FIELDS[t].required, ...INTERVENTION_FIELDS[t].optional].sort());
      expect(v.additionalProperties).toBe(false);
      if (v.properties.lanes) expect([v.properties.lanes.minimum, v.properties.lanes.maximum]).toEqual([LIMITS.lanes.min, LIMITS.lanes.max]);
    }
    const addLink = variants.find((v) => v.properties.type.const === 'add-link')!;
    expect((addLink.properties.class as unknown as { enum: string[] }).enum).toEqual([...LINK_CLASSES]);
    expect(schema.properties.seed.maximum).toBe(LIMITS.seed.max);
    expect(schema.properties.demand.properties.scale.maximum).toBe(LIMITS.scale.max);
  });
});

describe('transit-line', () => {
  const doc = (line: Record<string, unknown>, transit: unknown = {}) =>
    JSON.stringify({ city: 'cuiaba', name: 'BRT', ...(transit === null ? {} : { transit }), interventions: [{ type: 'transit-line', name: 'T1', headwayMin: 5, kmh: 25, ...line }] });

  it('reads stops or ways, headway, speed and dedicated', () => {
    const s = parseScenario(doc({ stops: [[-56.1, -15.6], [-56.0, -15.6]], dedicated: false }), 'brt.json');
    expect(s.transit).toEqual({});
    expect(s.interventions[0]).toEqual({ type: 'transit-line', name: 'T1', headwayMin: 5, kmh: 25, stops: [[-56.1, -15.6], [-56.0, -15.6]], dedicated: false });
    expect(parseScenario(doc({ ways: [-1, -2, -3] }), 'brt.json').interventions[0]).toMatchObject({ ways: [-1, -2, -3] });
  });

  it('refuses bad input with one line naming the field', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ stops: [[-56.1, -15.6]] }, /^brt\.json: interventions\[0\]\.stops: expected an array of 2 to 500 \[lon, lat\] stops, got /],
      [{ stops: [[-56.1, -15.6], [-56.0, 95]] }, /^brt\.json: interventions\[0\]\.stops\[1\]\[1\]: expected a latitude from -90 to 90, got 95$/],
      [{ stops: [[-56.1, -15.6], [-56.0, -15.6]], headwayMin: 0 }, /^brt\.json: interventions\[0\]\.headwayMin: expected a number from 1 to 120, got 0$/],
      [{ stops: [[-56.1, -15.6], [-56.0, -15.6]], kmh: 'fast' }, /^brt\.json: interventions\[0\]\.kmh: expected a number/],
      [{ stops: [[-56.1, -15.6], [-56.0, -15.6]], ways: [-1, -2] }, /^brt\.json: interventions\[0\]\.ways: expected either "stops" or "ways", not both/],
      [{}, /^brt\.json: interventions\[0\]\.stops: missing, expected an array of \[lon, lat\] stops/],
      [{ ways: [-1] }, /^brt\.json: interventions\[0\]\.ways: expected 2 to 500 way ids, one per stop, got \[-1\]$/],
      [{ stops: [[-56.1, -15.6], [-56.0, -15.6]], dedicated: 'yes' }, /^brt\.json: interventions\[0\]\.dedicated: expected/],
      [{ stops: [[-56.1, -15.6], [-56.0, -15.6]], frequency: 3 }, /^brt\.json: interventions\[0\]\.frequency: /],
    ];
    for (const [line, message] of bad) {
      let error: Error | undefined;
      try {
        parseScenario(doc(line), 'brt.json');
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message, JSON.stringify(line)).toMatch(message);
      expect(error!.message).not.toContain('\n');
    }
    expect(() => parseScenario(doc({ stops: [[-56.1, -15.6], [-56.0, -15.6]] }, null), 'brt.json')).toThrow(/^brt\.json: transit: missing, expected transit modelling for the transit-line at interventions\[0\]: add "transit": \{\} to the scenario$/);
    expect(() => parseScenario(doc({ stops: [[-56.1, -15.6], [-56.0, -15.6]] }, { rounds: 0 }), 'brt.json')).toThrow(/^brt\.json: transit\.rounds: expected .*1 to 10/);
  });
});
