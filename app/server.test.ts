import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../engine/metrics/compare.ts';
import { writeGridRuns } from '../viewer/e2e/fixture-runs.ts';
import { startServer, type RunningServer } from './server.ts';

let root: string;
let server: RunningServer;
let runs: ReturnType<typeof writeGridRuns>;

/** A raw request: the path goes on the wire exactly as written (fetch would normalise `..`). */
function raw(path: string, method = 'GET'): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((ok, ko) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
    });
    req.on('error', ko);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gemeo-serve-'));
  const runsDir = join(root, 'runs');
  runs = writeGridRuns(runsDir);
  // a secret next to the runs folder, a symlink out of it, a half-written run and a stray file
  writeFileSync(join(root, 'secret.json'), '{"secret":true}');
  symlinkSync(join(root, 'secret.json'), join(runsDir, 'cuiaba', 'baseline', 'aaaa000000000001', 'escape.json'));
  symlinkSync(root, join(runsDir, 'cuiaba', 'outside'));
  mkdirSync(join(runsDir, 'cuiaba', 'baseline', '.cccc.123.1.tmp'), { recursive: true });
  writeFileSync(join(runsDir, 'cuiaba', 'baseline', 'aaaa000000000001', 'notes.json'), '{}');
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>gemeo</title>');
  writeFileSync(join(dist, '3d.html'), '<!doctype html><title>3d</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ runsDir, distDir: dist, port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('gemeo serve', () => {
  it('binds 127.0.0.1 by default on the port it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the app pages and assets with their content types', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expect(index.body.toString()).toContain('<title>gemeo</title>');
    expect((await raw('/3d')).body.toString()).toContain('<title>3d</title>');
    const js = await raw('/assets/app.js');
    expect([js.status, js.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    const head = await raw('/assets/app.js', 'HEAD');
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it('lists complete runs with their summary numbers and relative runDirs', async () => {
    const res = await raw('/api/runs');
    expect(res.type).toBe('application/json; charset=utf-8');
    const list = JSON.parse(res.body.toString()) as { runDir: string; city: string; cityName: string; vkt: number; synthetic: boolean; interventions: number }[];
    expect(list.map((r) => r.runDir).sort()).toEqual([runs.a, runs.b].sort());
    const a = list.find((r) => r.runDir === runs.a)!;
    expect(a).toMatchObject({ city: 'cuiaba', cityName: 'Cuiabá', vkt: 184_230.4, synthetic: true, interventions: 0 });
    expect(list.find((r) => r.runDir === runs.b)!.interventions).toBe(2);
    expect(res.body.toString()).not.toContain(root);
  });

  it('serves run files byte for byte with their content types', async () => {
    const fb = await raw(`/runs/${runs.a}/result.fb`);
    expect([fb.status, fb.type]).toEqual([200, 'application/octet-stream']);
    expect(fb.body.equals(readFileSync(join(root, 'runs', runs.a, 'result.fb')))).toBe(true);
    expect((await raw(`/runs/${runs.a}/links.csv`)).type).toBe('text/csv; charset=utf-8');
    expect((await raw(`/runs/${runs.a}/links.geojson`)).type).toBe('application/geo+json; charset=utf-8');
    expect(JSON.parse((await raw(`/runs/${runs.b}/summary.json`)).body.toString()).name).toBe('Faixas de BRT na Av. do CPA');
  });

  it('answers the comparison and the edge join of two runs as compareRuns does', async () => {
    const q = `a=${encodeURIComponent(runs.a)}&b=${encodeURIComponent(runs.b)}`;
    const c = JSON.parse((await raw(`/api/compare?${q}`)).body.toString()) as { vkt: { a: number; b: number; delta: number }; edges: { matched: number } };
    const ref = compareRuns(runs.pair.a, runs.pair.b);
    expect(c.vkt).toEqual(ref.totals.vkt);
    expect(c.edges.matched).toBe(ref.edges.matched);
    const j = await raw(`/api/join?${q}`);
    const aOfB = new Int32Array(j.body.buffer.slice(j.body.byteOffset, j.body.byteOffset + j.body.length));
    expect(aOfB.length).toBe(runs.pair.b.edges.count);
    expect(aOfB.filter((x) => x >= 0).length).toBe(ref.edges.matched);
    for (let k = 0; k < ref.edges.join.b.length; k++) expect(aOfB[ref.edges.join.b[k]]).toBe(ref.edges.join.a[k]);
    // the added link (way −1) has no counterpart in A
    const added = Array.from(runs.pair.b.edges.osmWayId).indexOf(-1);
    expect(aOfB[added]).toBe(-1);
  });

  it('gives a city boundary and the basemap configuration (none: offline)', async () => {
    const city = JSON.parse((await raw('/api/city?slug=cuiaba')).body.toString()) as { name: string; osm: boolean; polygon: { type: string } };
    expect(city).toMatchObject({ name: 'Cuiabá', osm: false });
    expect(['Polygon', 'MultiPolygon']).toContain(city.polygon.type);
    expect(JSON.parse((await raw('/api/config')).body.toString())).toEqual({ style: null });
    expect((await raw('/api/city?slug=atlantis')).status).toBe(404);
  });

  it.each([
    ['/runs/../secret.json'],
    ['/runs/%2e%2e/secret.json'],
    ['/runs/%2E%2E%2Fsecret.json'],
    ['/runs/%252e%252e/secret.json'],
    ['/runs/cuiaba/..%2f..%2fsecret.json'],
    ['/runs/cuiaba\\..\\..\\secret.json'],
    ['/runs/cuiaba%5c..%5csecret.json'],
    ['/runs//etc/passwd'],
    ['/runs/%2fetc%2fpasswd'],
    ['/assets/../../package.json'],
    ['/assets/%2e%2e/%2e%2e/package.json'],
    ['/assets/..%252f..%252fpackage.json'],
    ['/../package.json'],
    ['//etc/passwd'],
    ['/runs/cuiaba/outside/secret.json/x/y'],
    ['/runs/cuiaba/baseline/aaaa000000000001/escape.json'],
    ['/runs/cuiaba/outside/runs/cuiaba/summary.json'],
    ['/runs/cuiaba/baseline/aaaa000000000001/notes.json'],
    ['/runs/cuiaba/baseline/aaaa000000000001/'],
    ['/runs/cuiaba/baseline/'],
    ['/runs/cuiaba/baseline/.cccc.123.1.tmp/result.fb'],
    ['/assets/'],
    ['/nothing-here'],
    ['/api/compare?a=../x&b=y'],
    ['/api/compare?a=cuiaba/outside/runs'],
    ['/api/join?b=cuiaba/baseline/aaaa000000000001'],
  ])('refuses %s with a 4xx and leaks nothing', async (path) => {
    const res = await raw(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.toString()).not.toContain('secret');
    expect(res.body.toString()).not.toContain('root:');
    expect(res.body.toString().split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await raw('/api/runs', 'POST')).status).toBe(405);
    expect((await raw('/', 'DELETE')).status).toBe(405);
  });

  it('fails to start on a runs folder that does not exist, naming it', async () => {
    await expect(startServer({ runsDir: join(root, 'missing'), distDir: join(root, 'dist') })).rejects.toThrow(/missing: no such runs folder/);
  });
});
