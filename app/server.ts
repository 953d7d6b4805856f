/**
 * `gemeo serve`: a node:http server for the viewer. It serves the built app (viewer/dist), the
 * files of complete runs read-only, and the JSON endpoints of server-api.ts — nothing else.
 *
 *   /                  viewer/dist/index.html      /3d  → viewer/dist/3d.html
 *   /assets/…          the app's bundles
 *   /runs/<city>/<scenario>/<hash>/<file>   result.fb, summary.json, links.geojson, links.csv,
 *                      convergence.csv, run.log only
 *   /api/…             see server-api.ts
 *
 * Binds 127.0.0.1 unless told otherwise. Only GET and HEAD. Every refusal is a 4xx with a
 * one-line text reason; no directory is ever listed.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { City } from '../engine/city/registry.ts';
import { InputError } from '../engine/util/input-error.ts';
import { RUN_FILES } from './run-dir.ts';
import { cityInfo, ComparisonCache, defaultCities, listRuns, runFolder } from './server-api.ts';
import { HttpError, resolveStatic, safeSegments } from './server-paths.ts';
import { ensureViewerBuilt } from './viewer-build.ts';

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The runs folder served under /runs/ and listed by /api/runs. */
  runsDir: string;
  host?: string;
  /** A MapLibre style URL for the optional basemap; none: fully offline. */
  style?: string | null;
  /** The built app; default viewer/dist, built first when missing or stale. */
  distDir?: string;
  cities?: City[];
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const RUN_FILE_NAMES = new Set<string>(RUN_FILES);
const PAGES: Record<string, string> = { '/': 'index.html', '/index.html': 'index.html', '/3d': '3d.html', '/3d.html': '3d.html' };

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const runsDir = resolve(options.runsDir);
  if (!existsSync(runsDir)) throw new InputError(options.runsDir, 'no such runs folder; run a scenario first (gemeo run) or pass --runs <dir>');
  const dist = options.distDir ?? (await ensureViewerBuilt({ log: options.log })).dist;
  const cities = options.cities ?? defaultCities();
  const comparisons = new ComparisonCache();
  const config = { style: options.style ?? null };

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (err) {
      fail(res, err);
    }
  });

  function route(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET and HEAD');
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    if (!path.startsWith('/') || path.startsWith('//')) throw new HttpError(400, 'bad request path');
    if (PAGES[path]) return sendFile(req, res, resolveStatic(dist, PAGES[path]), 'no-cache');
    if (path.startsWith('/assets/')) return sendFile(req, res, resolveStatic(dist, path.slice(1)), 'public, max-age=31536000, immutable');
    if (path.startsWith('/runs/')) {
      const rel = path.slice('/runs/'.length);
      const segments = safeSegments(rel);
      if (segments.length !== 4 || !RUN_FILE_NAMES.has(segments[3])) throw new HttpError(404, 'not a run file');
      return sendFile(req, res, resolveStatic(runsDir, rel), 'no-cache');
    }
    switch (path) {
      case '/api/runs':
        return sendJson(res, listRuns(runsDir, cities));
      case '/api/compare':
        return sendJson(res, comparisons.get(runFolder(runsDir, query.get('a'), 'a'), runFolder(runsDir, query.get('b'), 'b')).json);
      case '/api/join': {
        const j = comparisons.get(runFolder(runsDir, query.get('a'), 'a'), runFolder(runsDir, query.get('b'), 'b')).join;
        return sendBytes(res, new Uint8Array(j.buffer, j.byteOffset, j.byteLength), 'application/octet-stream');
      }
      case '/api/city':
        return sendJson(res, cityInfo(cities, query.get('slug')));
      case '/api/config':
        return sendJson(res, config);
    }
    throw new HttpError(404, 'not found');
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function sendFile(req: IncomingMessage, res: ServerResponse, f: { file: string; type: string; size: number }, cache: string): void {
  res.writeHead(200, { 'Content-Type': f.type, 'Content-Length': f.size, 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(f.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function sendJson(res: ServerResponse, value: unknown): void {
  sendBytes(res, Buffer.from(JSON.stringify(value)), 'application/json; charset=utf-8');
}

function sendBytes(res: ServerResponse, bytes: Uint8Array, type: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.byteLength, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  res.end(res.req.method === 'HEAD' ? undefined : bytes);
}

function fail(res: ServerResponse, err: unknown): void {
  const status = err instanceof HttpError ? err.status : (err as Error).name === 'InputError' ? 422 : 500;
  const message = status === 500 ? `internal error: ${(err as Error).message}` : (err as Error).message;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${message.split('\n')[0]}\n`);
}

