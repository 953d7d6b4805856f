/** Field parsing shared by the text readers (TNTP, OD matrices): numbers checked with their line. */
import { LineInputError } from './input-error.ts';

/** Parses one numeric field; `what` names it in the error. */
export function parseField(file: string, line: number, what: string, text: string, opts: { integer?: boolean; min?: number; above?: number } = {}): number {
  const x = text.trim() === '' ? NaN : Number(text);
  const kind = opts.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(x) || (opts.integer && !Number.isInteger(x))) {
    throw new LineInputError(file, line, `${what} — expected ${kind}, got "${clip(text)}"`);
  }
  if (opts.min !== undefined && x < opts.min) throw new LineInputError(file, line, `${what} — expected ${kind} ≥ ${opts.min}, got ${text.trim()}`);
  if (opts.above !== undefined && x <= opts.above) throw new LineInputError(file, line, `${what} — expected ${kind} > ${opts.above}, got ${text.trim()}`);
  return x;
}

/** Splits a text into lines, tolerating CRLF. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** A long value cut for an error message. */
export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
