import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'gemeo-counts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo counts', () => {
  it('check summarises the CET counts', async () => {
    const r = await runCliInProcess(['counts', 'check', repo('data/counts/cet-sao-paulo-2012-dev.csv'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stations: 14, counts: 84, vehicles: 421_627, classes: ['cars', 'urban_buses', 'other_buses', 'trucks_2axle', 'trucks_3axle', 'trucks_4axle_plus', 'motorcycles'] });
  });

  it('antt writes the shipped 2023 file again, byte for byte', async () => {
    const out = join(tmp, 'antt.csv');
    const r = await runCliInProcess(['counts', 'antt', '--year', '2023', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ year: 2023, stations: 22, notPlaced: [{ plaza: 'VIA BRASIL P3 - TRAIRÃO' }] });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(repo('data/counts/antt-mt-2023.csv'), 'utf8'));
  });

  it('refuses a year without data and a year that is not one, in one line', async () => {
    const a = await runCliInProcess(['counts', 'antt', '--year', '2015']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^gemeo: .*antt-toll-volumes-mt\.csv: no volumes in 2015 \(the file covers 2016-01 to 2026-0\d\)\n$/);
    const b = await runCliInProcess(['counts', 'antt', '--year', 'last']);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('gemeo: --year "last": expected a year such as 2023\n');
  });
});
