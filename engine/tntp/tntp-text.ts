/**
 * Text plumbing shared by the TNTP readers: the `<KEY> value` metadata block, numeric fields
 * read through the shared field parser.
 *
 * Terms: a TNTP file starts with metadata lines `<NUMBER OF ZONES> 24` … closed by
 * `<END OF METADATA>`; lines starting with `~` are comments. Line numbers are 1-based.
 */
import { LineInputError } from '../util/input-error.ts';
import { clip, parseField } from '../util/text-fields.ts';

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

