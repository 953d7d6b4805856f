/**
 * Text plumbing shared by the TNTP readers: the `<KEY> value` metadata block, numeric fields
 * checked with their line number, and the one-line error every reader throws.
 *
 * Terms: a TNTP file starts with metadata lines `<NUMBER OF ZONES> 24` … closed by
 * `<END OF METADATA>`; lines starting with `~` are comments. Line numbers are 1-based.
 */
import { InputError } from '../osm/osm-extract.ts';

/** An input problem at a known line: message `file:line: problem`, one line, no stack meant for users. */
export class LineInputError extends InputError {
  override name = 'InputError';
  constructor(
    file: string,
    readonly line: number,
    problem: string,
  ) {
    super(file, problem);
    this.message = line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`;
  }
}

export interface Metadata {
  /** Upper-cased key without brackets → value text and line. */
  values: Map<string, { text: string; line: number }>;
  /** Index (0-based) of the first line after `<END OF METADATA>`. */
  bodyStart: number;
}

/** Reads the metadata block; throws when `<END OF METADATA>` is missing. */
export function readMetadata(file: string, lines: string[]): Metadata {
  const values = new Map<string, { text: string; line: number }>();
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') continue;
    const m = /^<([^>]+)>(.*)$/.exec(t);
    if (!m) throw new LineInputError(file, i + 1, `metadata — expected a "<KEY> value" line or <END OF METADATA>, got "${clip(t)}"`);
    const key = m[1].trim().toUpperCase();
    if (key === 'END OF METADATA') return { values, bodyStart: i + 1 };
    values.set(key, { text: m[2].trim(), line: i + 1 });
  }
  throw new LineInputError(file, lines.length, 'metadata — expected an <END OF METADATA> line');
}

/** A metadata value as a number (integer when asked); `fallback` when absent, error when absent without one. */
export function metaNumber(file: string, meta: Metadata, key: string, opts: { integer?: boolean; min?: number; fallback?: number } = {}): number {
  const v = meta.values.get(key);
  if (!v) {
    if (opts.fallback !== undefined) return opts.fallback;
    throw new LineInputError(file, 0, `<${key}> — expected in the metadata, not found`);
  }
  return parseField(file, v.line, `<${key}>`, v.text, opts);
}

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

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
