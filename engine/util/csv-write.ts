/** Writing CSV: fields quoted where needed, large tables in 1 MB chunks to a temporary name, then renamed. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempSuffix } from './temp-name.ts';

/** A CSV field: quoted (quotes doubled) when it holds a comma, quote or line break. */
export function csvText(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV of `rows` lines made by `row(i)` under `header`; the file appears whole or not at all. */
export function writeCsvChunked(file: string, header: string, rows: number, row: (i: number) => string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${tempSuffix()}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      let buf = `${header}\n`;
      for (let i = 0; i < rows; i++) {
        buf += `${row(i)}\n`;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      writeSync(fd, buf);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
