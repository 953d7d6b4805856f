import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OBJECTIVES, parseSweep, SWEEP_FIELDS } from './sweep-file.ts';

const DIR = fileURLToPath(new URL('../../sweeps/', import.meta.url));
const schema = JSON.parse(readFileSync(join(DIR, 'sweep.schema.json'), 'utf8'));

describe('sweep files', () => {
  it('the schema says what the parser accepts', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...SWEEP_FIELDS].sort());
    expect(schema.properties.objective.enum).toEqual([...OBJECTIVES]);
    expect(schema.required.sort()).toEqual(['base', 'name', 'objective', 'vary']);
  });

  it('every shipped sweep parses, and its base exists', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'sweep.schema.json' && !f.endsWith('.base.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const s = parseSweep(readFileSync(join(DIR, f), 'utf8'), `sweeps/${f}`);
      expect(() => readFileSync(fileURLToPath(new URL(`../../${s.base}`, import.meta.url))), f).not.toThrow();
    }
  });

  it('refuses unknown fields and a path varied twice, in one line', () => {
    expect(() => parseSweep('{"name":"a","base":"b","vary":[{"path":"seed","values":[1]}],"objective":"vht","extra":1}', 's.json')).toThrow(/^s\.json: extra: unknown field/);
    expect(() => parseSweep('{"name":"a","base":"b","vary":[{"path":"seed","values":[1]},{"path":"seed","values":[2]}],"objective":"vht"}', 's.json')).toThrow(/vary\[1\]\.path: "seed" is varied twice/);
    expect(() => parseSweep('{"name":"a","base":"b","vary":[{"path":"seed","values":[]}],"objective":"vht"}', 's.json')).toThrow(/vary\[0\]\.values: expected a non-empty list/);
    expect(() => parseSweep('{"name":', 's.json')).toThrow(/^s\.json: not valid JSON at line 1/);
  });
});
