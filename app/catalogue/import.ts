/**
 * Bringing the catalogue level with the run folders on disk, each time it is opened: complete
 * run folders it has no row for (runs made before the catalogue existed, or whose process died
 * between renaming the folder and writing the row) are imported from their summary.json (and
 * scenario.json where the run kept one); temporary folders (`.<hash>.<pid>.<n>.tmp`) left by a
 * process that no longer exists are removed, so a killed run leaves nothing behind.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isCompleteRun } from '../run-dir.ts';
import type { RunSummary } from '../run-files.ts';
import type { Catalogue } from './connection.ts';
import { knownRunDirs, recordComplete } from './runs.ts';

const TMP_NAME = /^\.[0-9a-f]+\.(\d+)\.\d+\.tmp$/;

export function importRunFolders(c: Catalogue): { imported: number; swept: number } {
  const known = knownRunDirs(c);
  const found: { runDir: string; summary: RunSummary; scenario: unknown; mtime: string }[] = [];
  let swept = 0;
  for (const city of dirs(c.runsDir)) {
    if (city.startsWith('.') || city.startsWith('_')) continue;
    for (const scenario of dirs(join(c.runsDir, city))) {
      if (scenario.startsWith('_') || scenario.startsWith('.')) continue;
      for (const hash of dirs(join(c.runsDir, city, scenario))) {
        const abs = join(c.runsDir, city, scenario, hash);
        const tmp = TMP_NAME.exec(hash);
        if (tmp) {
          if (!alive(Number(tmp[1]))) {
            rmSync(abs, { recursive: true, force: true });
            swept++;
          }
          continue;
        }
        const runDir = `${city}/${scenario}/${hash}`;
        if (hash.startsWith('.') || known.has(runDir) || !isCompleteRun(abs)) continue;
        try {
          const summary = JSON.parse(readFileSync(join(abs, 'summary.json'), 'utf8')) as RunSummary;
          const scenarioFile = join(abs, 'scenario.json');
          const scenarioDoc = existsSync(scenarioFile) ? (JSON.parse(readFileSync(scenarioFile, 'utf8')) as unknown) : undefined;
          found.push({ runDir, summary, scenario: scenarioDoc, mtime: statSync(join(abs, 'summary.json')).mtime.toISOString() });
        } catch {
          // a damaged summary: the folder stays unlisted, as the viewer always treated it
        }
      }
    }
  }
  if (found.length > 0) {
    c.db.transaction(() => {
      for (const f of found) {
        const startedAt = f.summary.createdAt ? new Date(Date.parse(f.summary.createdAt) - (f.summary.seconds ?? 0) * 1000).toISOString() : f.mtime;
        recordComplete(c, { ...f.summary, createdAt: f.summary.createdAt ?? f.mtime }, { runDir: f.runDir, startedAt, scenario: f.scenario, source: 'import' });
      }
    }).immediate();
  }
  return { imported: found.length, swept };
}

function dirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** True when a process with this id exists (on this machine). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
