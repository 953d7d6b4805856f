/**
 * gemeo validate on the real São Paulo baseline (OSM extract, am-peak) against the CET 2012
 * counts of the 14 development stations. The uncalibrated model, measured when this was written:
 * GEH < 5 at 2 of the 14 stations in 07:00–08:00, 14 % of the counted volume, mean GEH 74.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geh } from '../engine/counts/fit.ts';
import { runCliInProcess } from './run-cli.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const CET = repo('data/counts/cet-sao-paulo-2012-dev.csv');
let tmp: string;
let runDir: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gemeo-validate-'));
  const r = await runCliInProcess(['run', repo('scenarios/sao-paulo/baseline.json'), '--out', join(tmp, 'runs'), '--json']);
  expect(r.code).toBe(0);
  runDir = JSON.parse(r.stdout).runDir;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo validate', () => {
  it('compares the 13 CET stations placed on a link in the am-peak hour and reports the fit as JSON; CET090 is listed with its reason', async () => {
    const out = join(tmp, 'v1');
    const r = await runCliInProcess(['validate', runDir, '--counts', CET, '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ city: 'sao-paulo', period: { id: 'am-peak', start: '07:00', end: '08:00' }, stations: 14, matched: 13, compared: 13, outsidePeriod: 65 });
    // the Elevado's west end holds one carriageway of two in the extract (engine/counts/match-stations.test.ts)
    expect(v.unmatched).toEqual([expect.objectContaining({ station: 'CET090', reason: expect.stringContaining('only the carriageway heading') })]);
    // the 07–08 h counts of the 13 stations, summed by awk over the file (74,169 with CET090's 6,348)
    expect(v.countTotal).toBe(67_821);
    // the figures agree with the rows they summarise
    const gehs = v.rows.map((x: { countedVph: number; modelledVph: number }) => geh(x.modelledVph, x.countedVph));
    expect(v.gehUnder5Share).toBeCloseTo(gehs.filter((g: number) => g < 5).length / 13, 12);
    expect(v.meanGeh).toBeCloseTo(gehs.reduce((a: number, b: number) => a + b, 0) / 13, 1);
    expect(v.modelTotal).toBeCloseTo(v.rows.reduce((a: number, x: { modelled: number }) => a + x.modelled, 0), 0);
    // the uncalibrated model: far below the counts (no external or through traffic), R² weak
    expect(v.modelToCount).toBeGreaterThan(0.05);
    expect(v.modelToCount).toBeLessThan(0.5);
    expect(v.gehUnder5Share).toBeLessThan(0.5);
    for (const k of ['gehUnder5Share', 'meanGeh', 'rmsePct', 'r2']) expect(Number.isFinite(v[k]), k).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'validation.json'), 'utf8'))).toMatchObject({ stations: 14, report: join(out, 'report.html') });
  });

  it('writes the report in Portuguese and in English: figures, scatter with 1:1 line, station map, table', async () => {
    const out = join(tmp, 'v2');
    const r = await runCliInProcess(['validate', runDir, '--counts', CET, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GEH < 5\s+\d+ % of the counts/);
    const pt = readFileSync(join(out, 'report.html'), 'utf8');
    const en = readFileSync(join(out, 'report.en.html'), 'utf8');
    expect(pt).toContain('<html lang="pt-BR">');
    expect(pt).toContain('Modelado × contado');
    expect(en).toContain('Modelled against counted');
    // one scatter dot per compared count, one station circle (r="11") per station on the map
    expect(pt.match(/<circle [^>]*r="5" fill="#[0-9a-f]+" fill-opacity="0.85"/g)).toHaveLength(13);
    expect(pt.match(/<circle [^>]*r="11"/g)).toHaveLength(14);
    expect(pt).toContain('CET056');
    expect(pt).toContain('© colaboradores do OpenStreetMap');
    expect(pt).not.toMatch(/<script/);
  });

  it('refuses a bad counts file with one line naming file, line and field, writing nothing', async () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'station,lon,lat,start,end,vehicles\nA,-46.6,-23.5,07:00,08:00,many\n');
    const out = join(tmp, 'v3');
    const r = await runCliInProcess(['validate', runDir, '--counts', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gemeo: ${bad}: line 2: vehicles — expected a number, got "many"\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a folder that is not a run, and a missing --counts', async () => {
    const r = await runCliInProcess(['validate', tmp, '--counts', CET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a run directory');
    const m = await runCliInProcess(['validate', runDir]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("required option '--counts <file>' not specified");
  });

  it('against the statewide ANTT plazas, an am-peak run of Rondonópolis places its own plaza, groups the others as outside and compares no whole-day count', async () => {
    const run = await runCliInProcess(['run', repo('scenarios/rondonopolis/baseline.json'), '--out', join(tmp, 'runs'), '--json']);
    expect(run.code).toBe(0);
    const r = await runCliInProcess(['validate', JSON.parse(run.stdout).runDir, '--counts', repo('data/counts/antt-mt-2023.csv'), '--out', join(tmp, 'v4')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stations\s+22, 2 placed on links; not placed: 20 outside the network\n/);
    expect(r.stdout).toMatch(/counts compared\s+0 \(2 outside the run's period\)/);
    expect(r.stdout).toContain('SYNTHETIC stand-in streets');
  });

  it('explains itself in --help', async () => {
    const r = await runCliInProcess(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--counts <file>');
    expect(r.stdout).toContain('sum of both directions');
  });
});
