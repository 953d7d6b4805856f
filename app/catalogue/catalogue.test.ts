import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { runScenario } from '../run-scenario.ts';
import { CATALOGUE_FILE, openCatalogue, withCatalogue } from './connection.ts';
import { MIGRATIONS } from './migrations.ts';
import { pruneCandidates, pruneRuns } from './prune.ts';
import { findRun, listRunRows, runDocuments } from './runs.ts';

// Real SQLite files in temporary folders; Nobres runs on a small stand-in network (well under a second a run).
const roots: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'gemeo-cat-'));
  roots.push(d);
  return d;
};
afterAll(() => {
  for (const d of roots) rmSync(d, { recursive: true, force: true });
});

const nobres = (name: string, seed = 1): Scenario => ({ city: 'nobres', name, model: 'static', period: 'am-peak', seed, demand: { scale: 1, tourists: true }, interventions: [] });

function node(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('run catalogue', () => {
  it('creates its tables by versioned migrations, once, in WAL mode', () => {
    const dir = fresh();
    withCatalogue(dir, () => {});
    withCatalogue(dir, () => {}); // a second opening applies nothing
    const db = new Database(join(dir, CATALOGUE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get()).toBeTruthy();
    db.close();
  });

  it('records every run: scenario, hash, version, status, timings and summary; a cached rerun adds no row; a failed run gets a failed row', async () => {
    const dir = fresh();
    const first = await runScenario(nobres('Linha de base'), { runsDir: dir, scenarioFile: 'scenarios/nobres/baseline.json', workers: 1 });
    const again = await runScenario(nobres('Linha de base'), { runsDir: dir, scenarioFile: 'scenarios/nobres/baseline.json', workers: 1 });
    expect(again.cached).toBe(true);
    expect(again.catalogueId).toBe(first.catalogueId);
    await expect(
      runScenario(nobres('falha', 2), {
        runsDir: dir,
        workers: 1,
        onProgress: (stage, done) => {
          if (stage === 'write' && done === 1) throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow(/injected/);
    withCatalogue(dir, (c) => {
      const rows = listRunRows(c);
      expect(rows).toHaveLength(2);
      const ok = rows.find((r) => r.status === 'complete')!;
      expect(ok).toMatchObject({ id: first.catalogueId, runDir: `nobres/baseline/${first.result.meta.inputHash}`, city: 'nobres', scenario: 'baseline', inputHash: first.result.meta.inputHash, source: 'run', assignmentStatus: 'converged' });
      expect(ok.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(ok.seconds).toBeGreaterThan(0);
      expect(ok.vht).toBeCloseTo(first.result.totals.vht, 6);
      expect(Date.parse(ok.finishedAt)).toBeGreaterThanOrEqual(Date.parse(ok.startedAt));
      const docs = runDocuments(c, ok.id);
      expect(docs.summary?.inputHash).toBe(ok.inputHash);
      expect((docs.scenario as Scenario).name).toBe('Linha de base');
      const failed = rows.find((r) => r.status === 'failed')!;
      expect(failed).toMatchObject({ runDir: null, error: 'injected failure', seed: 2 });
      expect(findRun(c, ok.inputHash.slice(0, 6)).row?.id).toBe(ok.id);
    });
  });

  it('imports run folders made before it existed, on first use', async () => {
    const dir = fresh();
    const a = await runScenario(nobres('Antiga', 3), { runsDir: dir, workers: 1, catalogue: false });
    expect(existsSync(join(dir, CATALOGUE_FILE))).toBe(false);
    const rows = withCatalogue(dir, (c) => listRunRows(c));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'import', inputHash: a.result.meta.inputHash, status: 'complete' });
    // deleting the catalogue loses nothing: the folders rebuild it
    for (const f of readdirSync(dir).filter((f) => f.startsWith(CATALOGUE_FILE))) unlinkSync(join(dir, f));
    expect(withCatalogue(dir, (c) => listRunRows(c)).map((r) => r.inputHash)).toEqual([a.result.meta.inputHash]);
  });

  it('takes writes from two processes at once (WAL): every row lands, the file stays sound', async () => {
    const dir = fresh();
    withCatalogue(dir, () => {});
    const results = await Promise.all([node([fixture('write-rows.ts'), dir, 'a', '150']), node([fixture('write-rows.ts'), dir, 'b', '150'])]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    withCatalogue(dir, (c) => {
      const rows = listRunRows(c);
      expect(rows.filter((r) => r.scenario === 'writer-a')).toHaveLength(150);
      expect(rows.filter((r) => r.scenario === 'writer-b')).toHaveLength(150);
      expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }, 60_000);

  it('a run killed mid-write (SIGKILL) leaves no row and no folder once the catalogue is next opened', async () => {
    const dir = fresh();
    const r = await node([fixture('killed-run.ts'), dir]);
    expect(r.signal).toBe('SIGKILL');
    const folder = join(dir, 'nobres', 'morto-no-meio');
    // only the hidden temporary folder of the dead process is there; no run folder was ever visible
    const left = readdirSync(folder);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.[0-9a-f]{16}\.\d+\.\d+\.tmp$/);
    const rows = withCatalogue(dir, (c) => listRunRows(c));
    expect(rows).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  }, 60_000);

  it('prunes old runs of a scenario with their folders, and failed rows', async () => {
    const dir = fresh();
    const runs = [];
    for (const seed of [1, 2, 3]) runs.push(await runScenario(nobres('Poda', seed), { runsDir: dir, scenarioFile: 'poda.json', workers: 1 }));
    const c = openCatalogue(dir);
    try {
      const doomed = pruneCandidates(c, { keep: 1 });
      expect(doomed.map((r) => r.id).sort()).toEqual([runs[0].catalogueId, runs[1].catalogueId].sort());
      pruneRuns(c, doomed);
      expect(listRunRows(c).map((r) => r.id)).toEqual([runs[2].catalogueId]);
      expect(existsSync(runs[0].runDir)).toBe(false);
      expect(readdirSync(join(dir, 'nobres', 'poda'))).toEqual([runs[2].result.meta.inputHash]);
    } finally {
      c.close();
    }
  });
});
