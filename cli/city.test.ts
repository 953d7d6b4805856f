import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from './run-cli.ts';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const POA = repo('data/osm/porto-alegre/poa_osm.pbf');
let tmp: string;
let env: Record<string, string>;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gemeo-city-'));
  env = { GEMEO_GRAPHS_DIR: join(tmp, 'graphs') };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gemeo city list', () => {
  it('lists the 10 pilot cities, 3 tourist destinations and 2 reference cities', async () => {
    const r = await runCli(['city', 'list', '--json'], env);
    expect(r.code).toBe(0);
    const cities = JSON.parse(r.stdout) as { slug: string; name: string; ibge: number; population: number; role: string; network: { source: string; synthetic: boolean } }[];
    expect(cities).toHaveLength(15);
    expect(cities.filter((c) => c.role === 'pilot')).toHaveLength(10);
    const cuiaba = cities.find((c) => c.slug === 'cuiaba')!;
    expect(cuiaba).toMatchObject({ name: 'Cuiabá', ibge: 5103403, population: 623614, network: { source: 'stand-in', synthetic: true } });
    expect(cities.find((c) => c.slug === 'porto-alegre')!.network).toEqual({ source: 'osm', synthetic: false });
  });
});

describe('gemeo city import', () => {
  it('imports the Porto Alegre extract into graph.fb and reports the counts', async () => {
    const out = join(tmp, 'poa');
    const r = await runCli(['city', 'import', POA, '--city', 'porto-alegre', '--out', out, '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.drivableWays).toBeGreaterThan(10_000);
    expect(s.drivableWays).toBeLessThanOrEqual(12_283);
    expect(s.nodes).toBeGreaterThan(12_000);
    expect(s.edges).toBeGreaterThan(2 * s.nodes);
    expect(s.droppedNodes).toBeGreaterThan(0);
    expect(existsSync(join(out, 'graph.fb'))).toBe(true);

    const info = await runCliInProcess(['city', 'info', out, '--json'], env);
    expect(info.code).toBe(0);
    const i = JSON.parse(info.stdout);
    expect(i).toMatchObject({ nodes: s.nodes, edges: s.edges, synthetic: false, source: 'osm' });
    expect(i.taggedSpeedShare).toBeGreaterThan(0.2);
    expect(i.bbox[0]).toBeCloseTo(-51.26, 1);
  });

  it('marks a stand-in city synthetic in city info', async () => {
    const r = await runCliInProcess(['city', 'info', 'nobres', '--json'], env);
    expect(r.code).toBe(0);
    const i = JSON.parse(r.stdout);
    expect(i.synthetic).toBe(true);
    expect(i.source).toBe('stand-in');
    expect(i.edges).toBeGreaterThan(100);
  });
});

describe('bad input gets one clear line, exit 2, and no output', () => {
  const pbf = readFileSync(POA);
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.osm.pbf', '', /empty\.osm\.pbf: .*empty/],
    ['truncated.osm.pbf', pbf.subarray(0, 10_000), /truncated\.osm\.pbf: .*(truncated|ends)/i],
    ['noways.osm', '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="-15.6" lon="-56.1"/></osm>', /noways\.osm: .*(no (street|way))/i],
    ['picture.osm.pbf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), /picture\.osm\.pbf: .*PNG/],
    ['table.csv', 'id,lat,lon\n1,-15.6,-56.1\n', /table\.csv: .*expected an OSM extract/],
  ];
  for (const [name, content, message] of cases) {
    it(name, async () => {
      const file = join(tmp, name);
      writeFileSync(file, content);
      const out = join(tmp, `out-${name}`);
      const r = await runCliInProcess(['city', 'import', file, '--city', 'test-city', '--out', out], env);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
      expect(existsSync(out)).toBe(false);
    });
  }

  it('an unknown slug lists the valid ones', async () => {
    const r = await runCliInProcess(['city', 'info', 'atlantis'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown city "atlantis"; valid slugs: cuiaba, /);
  });

  it('a missing file is named', async () => {
    const r = await runCliInProcess(['city', 'import', join(tmp, 'nope.pbf'), '--city', 'x', '--out', join(tmp, 'o')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.pbf: .*(no such file|not found|does not exist)/i);
  });
});

describe('gemeo city fetch', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  let registryFile: string;

  beforeAll(async () => {
    const body = readFileSync(repo('data/fixtures/overpass/porto-alegre-centro.json'));
    server = createServer((req, res) => {
      requests++;
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', () => {
        const query = decodeURIComponent(new URLSearchParams(data).get('data') ?? '');
        if (!query.includes('[out:json]') || !query.includes('poly:')) {
          res.writeHead(400).end('bad query');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/interpreter`;
    // a registry holding one municipality whose boundary covers the recorded response
    const ring = [[-51.236, -30.041], [-51.214, -30.041], [-51.214, -30.024], [-51.236, -30.024], [-51.236, -30.041]];
    const doc = JSON.parse(readFileSync(repo('data/cities.json'), 'utf8'));
    const cities = Array.isArray(doc) ? doc : doc.cities;
    const base = cities.find((c: { slug: string }) => c.slug === 'cuiaba');
    const test = { ...base, slug: 'centro-test', name: 'Centro (test)', seat: [-51.225, -30.032], polygon: { type: 'Polygon', coordinates: [ring] } };
    registryFile = join(tmp, 'cities.json');
    writeFileSync(registryFile, JSON.stringify(Array.isArray(doc) ? [test] : { ...doc, cities: [test] }));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('imports a recorded Overpass response served over HTTP', async () => {
    const r = await runCli(['city', 'fetch', 'centro-test', '--endpoint', url, '--json'], { ...env, GEMEO_CITIES_FILE: registryFile });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(requests).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s.drivableWays).toBeGreaterThan(300);
    expect(s.edges).toBeGreaterThan(s.nodes);
    const list = JSON.parse((await runCliInProcess(['city', 'list', '--json'], { ...env, GEMEO_CITIES_FILE: registryFile })).stdout);
    expect(list[0].network).toEqual({ source: 'osm', synthetic: false });
  });

  it('offline, it fails with a clear message and exit 3, leaving nothing behind', async () => {
    const graphs = join(tmp, 'graphs-offline');
    const r = await runCli(['city', 'fetch', 'cuiaba', '--endpoint', 'http://127.0.0.1:9/api/interpreter'], { GEMEO_GRAPHS_DIR: graphs });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot reach the Overpass API at http:\/\/127\.0\.0\.1:9\/api\/interpreter .*city import/);
    expect(existsSync(graphs) ? readdirSync(graphs) : []).toEqual([]);
  });
});
