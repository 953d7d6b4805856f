/**
 * The reference equilibria of data/tntp/REFERENCES.md: per network, its folder, tap-b's time
 * to relative gap 1e-6 and the Beckmann objectives it reached (at 1e-6 and at its tightest
 * gap). Read from the Markdown table itself, so the file people read is the one tests and
 * benchmarks use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TntpReference {
  network: string;
  /** Folder under data/tntp, and the prefix of its `_net.tntp` / `_trips.tntp` files. */
  dir: string;
  prefix: string;
  zones: number;
  nodes: number;
  links: number;
  tapbSeconds: number;
  tapbIterations: number;
  objectiveAt1e6: number;
  tightGap: number;
  objectiveTight: number;
}

const number = (text: string) => Number(text.replace(/,/g, ''));

/** Rows of the table in `<tntpDir>/REFERENCES.md`. */
export function readTntpReferences(tntpDir: string): TntpReference[] {
  const rows: TntpReference[] = [];
  for (const line of readFileSync(join(tntpDir, 'REFERENCES.md'), 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 8 || cells[0] === 'network' || cells[0].startsWith('---')) continue;
    const time = /^([\d.]+) s \((\d+) it\)$/.exec(cells[4]);
    if (!time) throw new Error(`${join(tntpDir, 'REFERENCES.md')}: "${cells[0]}" — expected "<seconds> s (<n> it)" in the tap-b column, got "${cells[4]}"`);
    const dir = join(tntpDir, cells[0]);
    const net = readdirSync(dir).find((f) => f.endsWith('_net.tntp'));
    if (!net) throw new Error(`${dir}: no *_net.tntp file for the network "${cells[0]}"`);
    rows.push({
      network: cells[0],
      dir,
      prefix: net.slice(0, -'_net.tntp'.length),
      zones: number(cells[1]),
      nodes: number(cells[2]),
      links: number(cells[3]),
      tapbSeconds: Number(time[1]),
      tapbIterations: Number(time[2]),
      objectiveAt1e6: number(cells[5]),
      tightGap: Number(cells[6]),
      objectiveTight: number(cells[7]),
    });
  }
  return rows;
}
