/** Queries on the catalogue's `sweeps` and `sweep_variants` tables: a sweep is recorded whole, in one transaction, when it ends. */
import type { Catalogue } from './connection.ts';

export interface SweepRecord {
  name: string;
  file: string;
  city: string;
  objective: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  reportDir: string;
  spec: unknown;
  variants: { index: number; params: unknown; status: 'complete' | 'failed'; runId?: number; inputHash?: string; error?: string }[];
}

export function recordSweep(c: Catalogue, s: SweepRecord): number {
  const completed = s.variants.filter((v) => v.status === 'complete').length;
  return c.db
    .transaction(() => {
      const { id } = c.db
        .prepare(
          `INSERT INTO sweeps (name, file, city, objective, started_at, finished_at, seconds, variants, completed, failed, report_dir, spec_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(s.name, s.file, s.city, s.objective, s.startedAt, s.finishedAt, s.seconds, s.variants.length, completed, s.variants.length - completed, s.reportDir, JSON.stringify(s.spec)) as { id: number };
      const add = c.db.prepare('INSERT INTO sweep_variants (sweep_id, idx, params_json, status, run_id, input_hash, error) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const known = c.db.prepare('SELECT 1 FROM runs WHERE id = ?');
      for (const v of s.variants) add.run(id, v.index, JSON.stringify(v.params), v.status, v.runId !== undefined && known.get(v.runId) ? v.runId : null, v.inputHash ?? null, v.error ?? null);
      return id;
    })
    .immediate();
}

export function listSweeps(c: Catalogue): { id: number; name: string; city: string; objective: string; finishedAt: string; variants: number; completed: number; failed: number; reportDir: string }[] {
  return c.db
    .prepare('SELECT id, name, city, objective, finished_at AS finishedAt, variants, completed, failed, report_dir AS reportDir FROM sweeps ORDER BY id')
    .all() as ReturnType<typeof listSweeps>;
}
