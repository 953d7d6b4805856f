/**
 * GTFS CSV tables: RFC 4180 (quoted fields, doubled quotes, CRLF or LF, a UTF-8 byte-order
 * mark), read into a header and rows of strings. `Table.get` and the typed getters name the
 * file, line and field of any bad value in one line.
 */
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

/** Parses one CSV file. An empty file, or one with an unclosed quote, is refused. */
export function parseCsv(text: string, file: string): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === 10) line++;
        field += text[i];
      }
      i++;
      continue;
    }
    if (c === 34 && field === '') quoted = true;
    else if (c === 44) {
      row.push(field);
      field = '';
    } else if (c === 10 || c === 13) {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) {
        rows.push(row);
        lines.push(rowLine);
      }
      row = [];
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
      rowLine = line;
    } else field += text[i];
    i++;
  }
  if (quoted) throw new GtfsError(`${file}:${rowLine}: unclosed quote`);
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
  }
  if (rows.length === 0) throw new GtfsError(`${file}:1: empty file, expected a header line`);
  const header = rows.shift()!.map((h) => h.trim());
  lines.shift();
  return new Table(file, header, rows, Uint32Array.from(lines));
}
