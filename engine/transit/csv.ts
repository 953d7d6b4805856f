/**
 * GTFS CSV tables, read by the project's CSV reader (engine/util/csv.ts) into a header and rows
 * of strings. `Table.get` and the typed getters name the
 * file, line and field of any bad value in one line.
 */
import { parseCsv as parseCsvText } from '../util/csv.ts';
import { GtfsError } from './gtfs-error.ts';

export class Table {
  readonly columns: Map<string, number>;
  constructor(
    readonly file: string,
    readonly header: string[],
    /** Rows of fields; `lines[i]` is the file line row i starts on (1-based, header is line 1). */
    readonly rows: string[][],
    readonly lines: Uint32Array,
  ) {
    this.columns = new Map(header.map((h, i) => [h, i]));
  }

  has(field: string): boolean {
    return this.columns.has(field);
  }

  /** Throws unless every field is in the header. */
  require(...fields: string[]): void {
    for (const f of fields) if (!this.columns.has(f)) throw new GtfsError(`${this.file}:1: missing column ${f} (header: ${this.header.join(',')})`);
  }

  /** The field's text in row r ('' when the column is absent or the row is short). */
  get(r: number, field: string): string {
    const c = this.columns.get(field);
    return c === undefined ? '' : (this.rows[r][c] ?? '');
  }

  /** A non-empty field. */
  text(r: number, field: string): string {
    const v = this.get(r, field);
    if (v === '') this.fail(r, field, 'a value', v);
    return v;
  }

  /** A number within [min, max]; `fallback` when empty and given. */
  number(r: number, field: string, min = -Infinity, max = Infinity, fallback?: number): number {
    const v = this.get(r, field);
    if (v === '' && fallback !== undefined) return fallback;
    const x = Number(v);
    if (v === '' || !Number.isFinite(x) || x < min || x > max) this.fail(r, field, `a number${min > -Infinity ? ` from ${min}` : ''}${max < Infinity ? ` to ${max}` : ''}`, v);
    return x;
  }

  /** A GTFS time HH:MM:SS (hours may pass 24) in seconds after midnight; -1 when empty. */
  time(r: number, field: string): number {
    const v = this.get(r, field).trim();
    if (v === '') return -1;
    const m = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(v);
    if (!m) this.fail(r, field, 'a time HH:MM:SS', v);
    return Number(m![1]) * 3600 + Number(m![2]) * 60 + Number(m![3]);
  }

  /** A GTFS date YYYYMMDD, returned as given after checking it. */
  date(r: number, field: string): string {
    const v = this.get(r, field);
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !d || d.getUTCDate() !== Number(m[3])) this.fail(r, field, 'a date YYYYMMDD', v);
    return v;
  }

  fail(r: number, field: string, expected: string, got: string): never {
    throw new GtfsError(`${this.file}:${this.lines[r]}: ${field}: expected ${expected}, got "${got.length > 40 ? `${got.slice(0, 40)}…` : got}"`);
  }
}

/** Parses one GTFS file. An empty file, or one with an unclosed quote, is refused. */
export function parseCsv(text: string, file: string): Table {
  const { header, rows, lines } = parseCsvText(text, (line, problem) => {
    throw new GtfsError(`${file}:${line}: ${problem === 'empty file' ? 'empty file, expected a header line' : problem}`);
  });
  return new Table(file, header, rows, lines);
}
