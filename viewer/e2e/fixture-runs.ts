/**
 * Run folders written from hand-built RunResults (test/fixtures/compare-runs.ts) with the
 * same writers a real run uses, for the server tests and the stand-in banner check: a grid
 * "Cuiabá" on a synthetic network, baseline and intervention, in `<runsDir>/cuiaba/...`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gridRunPair } from '../../test/fixtures/compare-runs.ts';
import { writeResultFile } from '../../engine/metrics/result-file.ts';
import type { RunResult } from '../../engine/metrics/run-result.ts';
import { runSummary, writeConvergenceCsv, writeLinksCsv, writeLinksGeojson, writeSummary } from '../../app/run-files.ts';
import { writeFileSync } from 'node:fs';

export function writeRunFolder(runsDir: string, r: RunResult, hash: string): string {
  const rel = `${r.meta.city}/${r.meta.scenario}/${hash}`;
  const dir = join(runsDir, ...rel.split('/'));
  mkdirSync(dir, { recursive: true });
  writeResultFile(join(dir, 'result.fb'), r);
  writeLinksGeojson(join(dir, 'links.geojson'), r, !r.meta.synthetic);
  writeLinksCsv(join(dir, 'links.csv'), r);
  writeConvergenceCsv(join(dir, 'convergence.csv'), r);
  writeSummary(dir, runSummary(dir, r, 0.5, { gCo2PerKm: 180, verified: false, sources: ['fixture'] }));
  writeFileSync(join(dir, 'run.log'), 'fixture run\n');
  return rel;
}

/** The grid pair as two run folders; returns their relative runDirs. */
export function writeGridRuns(runsDir: string, synthetic = true): { a: string; b: string; pair: { a: RunResult; b: RunResult } } {
  const pair = gridRunPair(12, { synthetic });
  for (const r of [pair.a, pair.b]) {
    r.meta.city = 'cuiaba';
    r.meta.cityName = 'Cuiabá';
    r.meta.period = 'am-peak';
  }
  return { a: writeRunFolder(runsDir, pair.a, 'aaaa000000000001'), b: writeRunFolder(runsDir, pair.b, 'bbbb000000000002'), pair };
}
