/**
 * Run directories: `<runsDir>/<city>/<scenario>/<hash>/`, where `<scenario>` is the scenario
 * file's stem (or a slug of its name) and `<hash>` the input hash — the cache key. A run is
 * built whole in a temporary sibling folder (`.<hash>.<pid>.<n>.tmp`) and renamed into place,
 * so a crash or a failed run never leaves a half-written run directory; a run directory that
 * exists is complete, and a rerun of identical inputs is served from it.
 *
 * The input hash (SHA-256, first 16 hex digits) covers the normalised scenario (defaults filled,
 * keys sorted), the bytes of the city graph and of every data file the demand and metrics read,
 * and the code version (package.json).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tempSuffix } from '../engine/util/temp-name.ts';

export const RUN_FILES = ['result.fb', 'summary.json', 'links.geojson', 'links.csv', 'convergence.csv', 'run.log'] as const;


/** `runs/<city>/<scenario>` for a scenario file path or, without one, its name. */
export function scenarioFolder(runsDir: string, city: string, scenarioFile: string | undefined, name: string): string {
  const stem = scenarioFile ? basename(scenarioFile).replace(/\.json$/i, '') : slugify(name);
  return join(runsDir, slugify(city), slugify(stem) || 'scenario');
}

/** Lower-case ASCII words joined by dashes: "BRT na Av. do CPA" → "brt-na-av-do-cpa". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The input hash over named parts: JSON values and the bytes of files (a missing file hashes as absent). */
export function inputHash(values: Record<string, unknown>, files: Record<string, string>): string {
  const h = createHash('sha256');
  h.update(canonicalJson(values));
  for (const name of Object.keys(files).sort()) {
    h.update(`\0${name}\0`);
    h.update(existsSync(files[name]) ? createHash('sha256').update(readFileSync(files[name])).digest('hex') : 'absent');
  }
  return h.digest('hex').slice(0, 16);
}

/** True when `dir` holds a complete run (every run file present). */
export function isCompleteRun(dir: string): boolean {
  return RUN_FILES.every((f) => existsSync(join(dir, f)));
}

/**
 * Builds a run directory atomically: `fill(tmp)` writes every file into a fresh temporary
 * sibling of `dir`, which is then renamed to `dir`. On any error the temporary folder is
 * removed and the error passes on. Returns false when another process finished `dir` first
 * (its run is kept; ours is dropped) — unless `replace`, which swaps the new run in.
 */
export async function buildRunDir(dir: string, fill: (tmp: string) => Promise<void> | void, replace = false): Promise<boolean> {
  const parent = join(dir, '..');
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.${tempSuffix()}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    await fill(tmp);
    if (existsSync(dir)) {
      if (isCompleteRun(dir) && !replace) {
        rmSync(tmp, { recursive: true, force: true });
        return false;
      }
      // a forced rerun, or an incomplete folder not made by this code (renames are whole)
      rmSync(dir, { recursive: true, force: true });
    }
    renameSync(tmp, dir);
    return true;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
