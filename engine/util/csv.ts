/**
 * The one CSV reader: RFC 4180 (quoted fields, doubled quotes, CRLF or LF, a UTF-8 byte-order
 * mark) into a header and rows of strings, with the file line each row starts on. Every reader of
 * the project (GTFS, counts, ANTT volumes, hexgrids, points of interest, trips, OD matrices) goes
 * through it and words its own errors: `fail` receives the line and why the text is not CSV.
 */

export type CsvProblem = 'unclosed quote' | 'empty file';

export interface CsvTable {
  /** Column names as written (trimmed). */
  header: string[];
  /** Rows of fields, blank lines left out. */
  rows: string[][];
  /** `lines[i]`: the 1-based file line row i starts on (the header is line 1). */
  lines: Uint32Array;
}

/** Parses a CSV text; `fail` words the error of an unclosed quote or an empty file (it must throw). */
export function parseCsv(text: string, fail: (line: number, problem: CsvProblem) => never): CsvTable {
  const { rows, lines, open } = scan(text);
  if (open !== 0) fail(open, 'unclosed quote');
  if (rows.length === 0) fail(1, 'empty file');
  const header = rows.shift()!.map((h) => h.trim());
  lines.shift();
  return { header, rows, lines: Uint32Array.from(lines) };
}

/** The fields of one CSV line, or null when a quote is left open. */
export function splitCsvLine(line: string): string[] | null {
  const { rows, open } = scan(line);
  return open !== 0 ? null : (rows[0] ?? ['']);
}

function scan(input: string): { rows: string[][]; lines: number[]; open: number } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
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
    // a quote opens a field only at its start (spaces before it are dropped)
    if (c === 34 && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === 44) {
      row.push(field);
      field = '';
    } else if (c === 10 || c === 13) {
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0].trim() === '')) {
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
  if (quoted) return { rows, lines, open: rowLine };
  if (field !== '' || row.length) {
    row.push(field);
    if (!(row.length === 1 && row[0].trim() === '')) {
      rows.push(row);
      lines.push(rowLine);
    }
  }
  return { rows, lines, open: 0 };
}
