import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERPASS_ENDPOINT, OverpassError, fetchOverpass, overpassQuery, simplifyRing } from './overpass-client.ts';
import { readOverpassJson } from './read-overpass.ts';

const data = (path: string): string => fileURLToPath(new URL(`../../data/${path}`, import.meta.url));
const FIXTURE = data('fixtures/overpass/porto-alegre-centro.json');

type Ring = [number, number][];

/** Outer ring of an IBGE municipality polygon from the shipped GeoJSON. */
function municipality(name: string): Ring {
  const doc = JSON.parse(readFileSync(data('mt/municipalities-51.geojson'), 'utf8')) as {
    features: { properties: { name: string }; geometry: { type: string; coordinates: Ring[] } }[];
  };
  const feature = doc.features.find((f) => f.properties.name === name)!;
  expect(feature.geometry.type).toBe('Polygon');
  return feature.geometry.coordinates[0];
}

/** Shoelace area in square degrees. */
function area(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s / 2);
}

function polyPairs(query: string): [number, number][] {
  const polys = [...query.matchAll(/poly:"([^"]*)"/g)].map((m) => m[1]);
  expect(new Set(polys).size).toBe(1); // the same ring in every statement
  const nums = polys[0].split(' ').map(Number);
  return Array.from({ length: nums.length / 2 }, (_, i) => [nums[2 * i], nums[2 * i + 1]]);
}

describe('overpassQuery', () => {
  it('asks for streets and POIs inside the polygon, lat before lon, in the agreed output form', () => {
    const ring = municipality('Cuiabá');
    const query = overpassQuery(ring);
    expect(query.startsWith('[out:json][timeout:180];\n')).toBe(true);
    expect(query.endsWith('\nout body;\n>;\nout skel qt;')).toBe(true);
    expect(query).toMatch(/way\["highway"~"\^\(motorway\|motorway_link\|trunk\|.*\|residential\|living_street\|service\|road\)\$"\]\(poly:/);
    expect(query).not.toMatch(/footway|cycleway|connector|abstract/);
    expect(query).toMatch(/node\[~"\^\(tourism\|leisure\|historic\)\$"~"\."\]\(poly:/);
    expect(query).toMatch(/node\["amenity"~"\^\(.*restaurant.*\)\$"\]\(poly:/);
    const pairs = polyPairs(query);
    // the IBGE ring is closed (169 points): all 168 distinct vertices, no repeat of the first
    expect(ring.length).toBe(169);
    expect(pairs.length).toBe(168);
    expect(pairs[0]).toEqual([Number(ring[0][1].toFixed(6)), Number(ring[0][0].toFixed(6))]);
    expect(pairs.every(([lat, lon]) => lat > -17 && lat < -15 && lon > -57 && lon < -55)).toBe(true);
    expect(overpassQuery(ring)).toBe(query); // deterministic
  });

  it('simplifies a large ring to at most 1,000 vertices, keeping its shape', () => {
    const ring = municipality('Paranatinga');
    expect(ring.length).toBeGreaterThan(1000);
    const pairs = polyPairs(overpassQuery(ring));
    expect(pairs.length).toBe(1000);
    expect(overpassQuery(ring, { maxVertices: 300, timeoutS: 60 })).toMatch(/^\[out:json\]\[timeout:60\];/);
    const open = ring.slice(0, -1);
    for (const max of [1000, 300, 60]) {
      const simple = simplifyRing(open, max);
      expect(simple.length).toBe(max);
      // vertices are original ones, in ring order
      const index = simple.map(([x, y]) => open.findIndex(([a, b]) => a === x && b === y));
      expect(index.every((i, k) => i >= 0 && (k === 0 || i > index[k - 1]))).toBe(true);
      expect(Math.abs(area(simple) / area(open) - 1)).toBeLessThan(max >= 300 ? 0.005 : 0.03);
    }
  });

  it('Douglas–Peucker keeps the corners of a square drawn with many points', () => {
    const square: Ring = [];
    for (let i = 0; i < 10; i++) square.push([i / 10, 0]);
    for (let i = 0; i < 10; i++) square.push([1, i / 10]);
    for (let i = 0; i < 10; i++) square.push([1 - i / 10, 1]);
    for (let i = 0; i < 10; i++) square.push([0, 1 - i / 10]);
    expect(simplifyRing(square, 4)).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
    expect(simplifyRing(square, 100)).toEqual(square);
  });

  it('refuses rings that are not polygons', () => {
    expect(() => overpassQuery([[-56, -15], [-56.1, -15], [-56, -15]])).toThrow(/at least 3 distinct points, got 2/);
    expect(() => overpassQuery([[-56, -15], [-56.1, 95], [-56, -15.1]])).toThrow(/polygon point 1 is \[-56\.1, 95\]; expected \[lon, lat\]/);
  });
});

describe('fetchOverpass', () => {
  const query = overpassQuery(municipality('Cuiabá'));
  const recorded = readFileSync(FIXTURE, 'utf8');
  const respond = (body: string, status = 200): typeof fetch =>
    (async () => new Response(body, { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;

  it('POSTs the query and returns the recorded response text', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init! });
      return new Response(recorded, { status: 200 });
    }) as typeof fetch;
    const text = await fetchOverpass(query, { fetchImpl });
    expect(text).toBe(recorded);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(DEFAULT_OVERPASS_ENDPOINT);
    expect(calls[0].url).toBe('https://overpass-api.de/api/interpreter');
    expect(calls[0].init.method).toBe('POST');
    const body = String(calls[0].init.body);
    expect(body.startsWith('data=')).toBe(true);
    expect(decodeURIComponent(body.slice(5))).toBe(query);
    expect(readOverpassJson('recorded.json', text).ways.length).toBe(722);
  });

  it('offline: DNS failure', async () => {
    const fetchImpl = (async () => {
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND overpass-api.de'), { code: 'ENOTFOUND' });
      throw new TypeError('fetch failed', { cause });
    }) as typeof fetch;
    await expect(fetchOverpass(query, { fetchImpl })).rejects.toThrow(
      'cannot reach the Overpass API at https://overpass-api.de/api/interpreter (DNS lookup failed, ENOTFOUND): check the network, or use `gemeo city import <file>`',
    );
  });

  it('offline: a real refused connection through the global fetch', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const endpoint = `http://127.0.0.1:${port}/api/interpreter`;
    const error = await fetchOverpass(query, { endpoint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverpassError);
    expect((error as Error).message).toBe(
      `cannot reach the Overpass API at ${endpoint} (connection refused, ECONNREFUSED): check the network, or use \`gemeo city import <file>\``,
    );
  });

  it('HTTP 429 and 504: busy, try later', async () => {
    await expect(fetchOverpass(query, { fetchImpl: respond('<html>rate limited</html>', 429) })).rejects.toThrow(
      /^the Overpass API at https:\/\/overpass-api\.de\/api\/interpreter is busy \(HTTP 429, too many requests from this address\): try again in a few minutes/,
    );
    await expect(fetchOverpass(query, { fetchImpl: respond('', 504) })).rejects.toThrow(/is busy \(HTTP 504, the server is overloaded\)/);
  });

  it('a remark with a runtime error, a query error page, a non-JSON answer, a time-out', async () => {
    const partial = `{\n  "version": 0.6,\n  "elements": [\n{"type": "node", "id": 1, "lat": 0, "lon": 0}\n  ],\n  "remark": "runtime error: Query run out of memory using about 2048 MB of RAM."\n}\n`;
    await expect(fetchOverpass(query, { fetchImpl: respond(partial) })).rejects.toThrow(
      /could not complete the query: "runtime error: Query run out of memory using about 2048 MB of RAM\."/,
    );
    const page =
      '<?xml version="1.0" encoding="UTF-8"?>\n<html><body>\n<p><strong style="color:#FF0000">Error</strong>: line 3: parse error: \';\' expected - \')\' found. </p>\n</body></html>';
    await expect(fetchOverpass(query, { fetchImpl: respond(page, 400) })).rejects.toThrow(
      /answered HTTP 400: Error: line 3: parse error: ';' expected - '\)' found\.$/,
    );
    await expect(fetchOverpass(query, { fetchImpl: respond('<html>maintenance</html>') })).rejects.toThrow(
      /answered with something other than JSON \(maintenance\)/,
    );
    const hang = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)))) as typeof fetch;
    await expect(fetchOverpass(query, { fetchImpl: hang, timeoutMs: 50 })).rejects.toThrow(
      /did not answer within 0\.05 s: try later, or use `gemeo city import <file>`$/,
    );
  });
});
