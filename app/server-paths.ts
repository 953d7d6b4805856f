/**
 * Safe static paths for `gemeo serve`: a request path is turned into a file under one root
 * only when every rule holds, so nothing outside the app folder or the runs folder is served.
 *
 * Refused (HttpError 400/403/404): backslashes, NUL, percent signs left after one decoding
 * (double encoding), `.` / `..` / empty / hidden (dot-first) segments, absolute or drive
 * paths, symlinks whose target lies outside the root, directories (no listings) and files that
 * do not exist. Content types come from a fixed table; an unknown extension is refused.
 */
import { realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/** An HTTP answer other than 200: status and a one-line reason (sent as text). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.fb': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The file under `root` that the (still percent-encoded) request path `rel` names, with its
 * content type. `rel` is the part after the route's prefix, without a leading slash.
 */
export function resolveStatic(root: string, rel: string): { file: string; type: string; size: number } {
  const segments = safeSegments(rel);
  const type = CONTENT_TYPES[extname(segments[segments.length - 1]).toLowerCase()];
  if (!type) throw new HttpError(404, 'unknown file type');
  const realRoot = realpathSync(root);
  let real: string;
  try {
    real = realpathSync(join(realRoot, ...segments));
  } catch {
    throw new HttpError(404, 'not found');
  }
  // a symlink may point anywhere: what counts is where it resolves
  if (real !== realRoot && !real.startsWith(realRoot + sep)) throw new HttpError(403, 'outside the served folder');
  const st = statSync(real);
  if (!st.isFile()) throw new HttpError(404, 'not a file');
  return { file: real, type, size: st.size };
}

/** The decoded path segments of `rel`, or an HttpError naming the rule it breaks. */
export function safeSegments(rel: string): string[] {
  if (rel.includes('\\') || /%5c/i.test(rel)) throw new HttpError(400, 'backslashes are not allowed in paths');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding');
  }
  if (decoded.includes('%')) throw new HttpError(400, 'encoded percent signs are not allowed in paths');
  if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'forbidden character in path');
  if (decoded.startsWith('/') || /^[a-z]:/i.test(decoded)) throw new HttpError(400, 'absolute paths are not allowed');
  const segments = decoded.split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') throw new HttpError(400, 'empty, "." and ".." path segments are not allowed');
    if (s.startsWith('.')) throw new HttpError(404, 'not found');
  }
  return segments;
}
