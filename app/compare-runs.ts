/**
 * Comparing two run directories: read both results, join them, and write the report (HTML in
 * Portuguese and English, plus comparison.json) atomically into a compare folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compareRuns, comparisonJson, type Comparison } from '../engine/metrics/compare.ts';
import { readResultFile } from '../engine/metrics/result-file.ts';
import type { RunResult } from '../engine/metrics/run-result.ts';
import { renderReport, reportInputs, writeReport } from './report/report.ts';
import type { Lang } from './report/i18n.ts';
import { writeJsonAtomic } from '../engine/util/write-atomic.ts';
import { compareTransit, type TransitComparison, type TransitSummary } from '../engine/transit/transit-summary.ts';

/** A run's transit.json (runs made with transit modelling), else undefined. */
export function readTransit(runDir: string): TransitSummary | undefined {
  const file = join(runDir, 'transit.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TransitSummary) : undefined;
}

export interface CompareOutcome {
  comparison: Comparison;
  json: ReturnType<typeof comparisonJson> & { transit?: TransitComparison };
  reportPath: string;
  dir: string;
}

/** Where a comparison of two runs of one city goes by default: runs/<city>/_compare/<a>--<b>/. */
export function defaultCompareDir(runDirA: string, runDirB: string): string {
  const cityDir = dirname(dirname(runDirB));
  const name = (runDir: string) => `${basename(dirname(runDir))}-${basename(runDir).slice(0, 8)}`;
  return join(cityDir, '_compare', `${name(runDirA)}--${name(runDirB)}`);
}

export function readRun(runDir: string): RunResult {
  const file = join(runDir, 'result.fb');
  if (!existsSync(file)) {
    const error = new Error(`${runDir}: not a run directory (no result.fb); make one with gemeo run <scenario.json>`);
    error.name = 'UserError';
    throw error;
  }
  return readResultFile(file);
}

export function compareRunDirs(runDirA: string, runDirB: string, options: { out?: string; lang?: Lang; top?: number } = {}): CompareOutcome {
  const a = readRun(runDirA);
  const b = readRun(runDirB);
  const comparison = compareRuns(a, b, { top: options.top });
  const dir = options.out ?? defaultCompareDir(runDirA, runDirB);
  const transitA = readTransit(runDirA);
  const transitB = readTransit(runDirB);
  const transit = transitA && transitB ? compareTransit(transitA, transitB) : undefined;
  const inputs = { ...reportInputs(a, b), ...(transit ? { transit } : {}) };
  const lang = options.lang ?? 'pt';
  const other: Lang = lang === 'pt' ? 'en' : 'pt';
  writeReport(dir, renderReport(comparison, { lang: other, ...inputs }), other);
  const reportPath = writeReport(dir, renderReport(comparison, { lang, ...inputs }), lang);
  const json = { ...comparisonJson(comparison, reportPath), ...(transit ? { transit } : {}) };
  writeJsonAtomic(join(dir, 'comparison.json'), { ...json, runA: runDirA, runB: runDirB });
  return { comparison, json, reportPath, dir };
}
