import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './run-cli.ts';

const runs = mkdtempSync(join(tmpdir(), 'gemeo-runs-cli-'));
afterAll(() => rmSync(runs, { recursive: true, force: true }));

describe('gemeo runs', () => {
  beforeAll(async () => {
    for (const file of ['scenarios/nobres/baseline.json', 'scenarios/nobres/acidente-br-163-interdicao.json']) {
      const r = await runCliInProcess(['run', file, '--out', runs, '--workers', '1', '--json']);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 60_000);

  it('lists, shows and compares runs from the catalogue', async () => {
    const list = await runCliInProcess(['runs', 'list', '--runs', runs, '--json']);
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as { id: number; scenario: string; inputHash: string; status: string }[];
    expect(rows.map((r) => r.scenario).sort()).toEqual(['acidente-br-163-interdicao', 'baseline']);
    const base = rows.find((r) => r.scenario === 'baseline')!;
    const show = await runCliInProcess(['runs', 'show', base.inputHash.slice(0, 8), '--runs', runs, '--json']);
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: base.id, status: 'complete', summary: { inputHash: base.inputHash }, scenario: { city: 'nobres' } });
    const other = rows.find((r) => r.scenario !== 'baseline')!;
    const cmp = await runCliInProcess(['runs', 'compare', String(base.id), String(other.id), '--runs', runs, '--json']);
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(JSON.parse(cmp.stdout).report).toMatch(/report\.html$/);
    const text = await runCliInProcess(['runs', 'list', '--runs', runs]);
    expect(text.stdout).toMatch(/^id\s+city\s+scenario/);
  });

  it('refuses an unknown run and a prune without a rule with one line and exit 2', async () => {
    const show = await runCliInProcess(['runs', 'show', '999', '--runs', runs]);
    expect(show.code).toBe(2);
    expect(show.stderr.trim().split('\n')).toHaveLength(1);
    const prune = await runCliInProcess(['runs', 'prune', '--runs', runs]);
    expect(prune.code).toBe(2);
    const dry = await runCliInProcess(['runs', 'prune', '--keep', '0', '--dry-run', '--runs', runs, '--json']);
    expect(JSON.parse(dry.stdout).removed).toHaveLength(2);
    const after = JSON.parse((await runCliInProcess(['runs', 'list', '--runs', runs, '--json'])).stdout);
    expect(after).toHaveLength(2);
  });
});
