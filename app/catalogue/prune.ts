/**
 * Pruning the catalogue: which rows (and run folders) go. A folder is first renamed to a
 * temporary name (so it leaves the listing whole) after its row is deleted, then removed; a
 * process stopped in between leaves at worst a folder that is imported again, or a temporary
 * folder that the next opening sweeps (import.ts) — never a row for a half folder.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from './connection.ts';
import { deleteRuns, listRunRows, type RunRow } from './runs.ts';

export interface PruneRule {
  /** Keep the newest `keep` complete runs of each city and scenario. */
  keep?: number;
  /** Drop the rows of failed runs. */
  failed?: boolean;
  /** Drop rows whose run folder is no longer on disk. */
  missing?: boolean;
}

/** The rows the rule removes, oldest first. */
export function pruneCandidates(c: Catalogue, rule: PruneRule): RunRow[] {
  const rows = listRunRows(c);
  const out: RunRow[] = [];
  const complete = new Map<string, RunRow[]>();
  for (const r of rows) {
    if (r.status === 'failed') {
      if (rule.failed) out.push(r);
      continue;
    }
    if (!existsSync(join(c.runsDir, r.runDir!))) {
      if (rule.missing) out.push(r);
      continue;
    }
    const key = `${r.city}\0${r.scenario}`;
    complete.set(key, [...(complete.get(key) ?? []), r]);
  }
  if (rule.keep !== undefined) {
    for (const group of complete.values()) {
      group.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : b.id - a.id));
      out.push(...group.slice(rule.keep));
    }
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Removes the rows and their folders. */
export function pruneRuns(c: Catalogue, rows: RunRow[]): void {
  deleteRuns(
    c,
    rows.map((r) => r.id),
  );
  for (const r of rows) {
    if (!r.runDir) continue;
    const dir = join(c.runsDir, r.runDir);
    if (!existsSync(dir)) continue;
    const tmp = join(dir, '..', `.${r.inputHash}.${process.pid}.0.tmp`);
    renameSync(dir, tmp);
    rmSync(tmp, { recursive: true, force: true });
  }
}
