/**
 * The run catalogue: one SQLite file, `<runsDir>/catalogue.sqlite`, beside the run folders it
 * lists (better-sqlite3, embedded: no server). Opened in WAL mode with a busy timeout, so
 * several processes — `gemeo run`, a sweep's workers, `gemeo serve` — read and write it at
 * once: readers never wait, writers queue for a moment. Opening it brings its tables up to
 * date (migrations.ts) and imports run folders it does not know yet (import.ts).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';
import { importRunFolders } from './import.ts';

export const CATALOGUE_FILE = 'catalogue.sqlite';
/** How long a writer waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

export interface Catalogue {
  db: Database.Database;
  /** The runs folder this catalogue describes (absolute). */
  runsDir: string;
  close(): void;
}

export function cataloguePath(runsDir: string): string {
  return join(resolve(runsDir), CATALOGUE_FILE);
}

/** Opens (creating when missing) the catalogue of `runsDir`, migrated and with its folders imported. */
export function openCatalogue(runsDir: string, options: { importFolders?: boolean } = {}): Catalogue {
  const dir = resolve(runsDir);
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, CATALOGUE_FILE), { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    const catalogue: Catalogue = { db, runsDir: dir, close: () => db.close() };
    if (options.importFolders !== false) importRunFolders(catalogue);
    return catalogue;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs `fn` on the catalogue of `runsDir` and closes it. */
export function withCatalogue<T>(runsDir: string, fn: (c: Catalogue) => T): T {
  const c = openCatalogue(runsDir);
  try {
    return fn(c);
  } finally {
    c.close();
  }
}
