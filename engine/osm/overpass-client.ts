/**
 * Overpass API client: the query that fetches a municipality's streets and points of interest,
 * and the HTTP call that returns the raw `[out:json]` text (parse it with readOverpassJson).
 * Terms: ring = the municipality boundary as [lon, lat] pairs (IBGE polygon, outer ring);
 * `poly:"lat lon lat lon …"` = Overpass's polygon filter, which wants latitude first. Overpass
 * limits the size of a query, so the ring is simplified (Douglas–Peucker, deterministic) to at
 * most `maxVertices` points. Every failure is one line that says what to do next.
 */
import { ROAD_CLASSES } from '../graph/road-class.ts';

export const DEFAULT_OVERPASS_ENDPOINT = 'https://overpass-api.de/api/interpreter';

/** Highway classes fetched: the graph's street classes (no footways, paths, cycleways). */
export const STREET_HIGHWAYS: readonly string[] = ROAD_CLASSES.filter((c) => c !== 'connector' && c !== 'abstract');

/** Amenities that draw visitors or trips (tourism, leisure and historic are fetched whole). */
export const POI_AMENITIES: readonly string[] = [
  'arts_centre', 'bar', 'biergarten', 'bus_station', 'cafe', 'casino', 'cinema', 'clinic',
  'college', 'community_centre', 'conference_centre', 'events_venue', 'exhibition_centre',
  'fast_food', 'ferry_terminal', 'food_court', 'fountain', 'fuel', 'hospital', 'ice_cream',
  'library', 'marketplace', 'nightclub', 'parking', 'place_of_worship', 'planetarium', 'pub',
  'restaurant', 'school', 'theatre', 'townhall', 'university',
];

export interface OverpassQueryOptions {
  /** Most vertices kept from the ring (default 1,000). */
  maxVertices?: number;
  /** Server-side time limit in seconds (default 180). */
  timeoutS?: number;
}

/** The Overpass QL for streets and POIs inside the ring ([lon, lat] pairs, closed or not). */
export function overpassQuery(polygon: readonly (readonly [number, number])[], options: OverpassQueryOptions = {}): string {
  const maxVertices = options.maxVertices ?? 1000;
  const timeoutS = options.timeoutS ?? 180;
  const ring = simplifyRing(openRing(polygon), maxVertices);
  // 6 decimals ≈ 0.1 m: plenty for a boundary, and keeps the query short
  const poly = `poly:"${ring.map(([lon, lat]) => `${lat.toFixed(6)} ${lon.toFixed(6)}`).join(' ')}"`;
  return [
    `[out:json][timeout:${timeoutS}];`,
    '(',
    `  way["highway"~"^(${STREET_HIGHWAYS.join('|')})$"](${poly});`,
    `  node[~"^(tourism|leisure|historic)$"~"."](${poly});`,
    `  node["amenity"~"^(${POI_AMENITIES.join('|')})$"](${poly});`,
    `  node["place"~"^(suburb|neighbourhood|quarter|village|hamlet|locality)$"](${poly});`,
    ');',
    'out body;',
    '>;',
    'out skel qt;',
  ].join('\n');
}

export interface FetchOverpassOptions {
  endpoint?: string;
  /** Injected in tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** Client-side limit in ms (default 200,000: the server's 180 s plus the transfer). */
  timeoutMs?: number;
}

/** A failed Overpass call, in one line meant for the user. */
export class OverpassError extends Error {
  override name = 'OverpassError';
}

/** POSTs the query; returns the response text or throws an OverpassError saying what to do. */
export async function fetchOverpass(query: string, options: FetchOverpassOptions = {}): Promise<string> {
  const endpoint = options.endpoint ?? DEFAULT_OVERPASS_ENDPOINT;
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 200_000;
  const fallback = 'or use `gemeo city import <file>`';
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'gemeo (road traffic digital twin)' },
      body: `data=${encodeURIComponent(query)}`,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    if (isTimeout(error)) {
      throw new OverpassError(
        `the Overpass API at ${endpoint} did not answer within ${timeoutMs / 1000} s: try later, ${fallback}`,
      );
    }
    throw new OverpassError(
      `cannot reach the Overpass API at ${endpoint} (${networkCause(error)}): check the network, ${fallback}`,
    );
  }
  if (response.status === 429 || response.status === 503 || response.status === 504) {
    const why = response.status === 429 ? 'too many requests from this address' : 'the server is overloaded';
    throw new OverpassError(
      `the Overpass API at ${endpoint} is busy (HTTP ${response.status}, ${why}): try again in a few minutes, ${fallback}`,
    );
  }
  if (!response.ok) {
    const detail = serverMessage(text);
    throw new OverpassError(
      `the Overpass API at ${endpoint} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
    );
  }
  if (!text.trimStart().startsWith('{')) {
    throw new OverpassError(
      `the Overpass API at ${endpoint} answered with something other than JSON (${serverMessage(text) || 'no text'})`,
    );
  }
  const remark = findRemark(text);
  if (remark !== undefined) {
    throw new OverpassError(`the Overpass API at ${endpoint} could not complete the query: "${remark}"; try later, ${fallback}`);
  }
  return text;
}

/** The ring without its closing point, checked: at least 3 distinct points, valid lon/lat. */
function openRing(polygon: readonly (readonly [number, number])[]): [number, number][] {
  const ring = polygon.map(([lon, lat], i): [number, number] => {
    if (!(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
      throw new RangeError(`polygon point ${i} is [${lon}, ${lat}]; expected [lon, lat] in degrees`);
    }
    return [lon, lat];
  });
  const last = ring[ring.length - 1];
  if (ring.length > 1 && last[0] === ring[0][0] && last[1] === ring[0][1]) ring.pop();
  if (ring.length < 3) throw new RangeError(`a polygon needs at least 3 distinct points, got ${ring.length}`);
  return ring;
}

/**
 * Douglas–Peucker on a ring, cut to a vertex budget: each vertex gets the distance at which DP
 * would keep it (capped by its parent's, so any threshold gives a valid DP result), and the
 * `max` most important vertices stay, in ring order. Ties go to the lower index.
 */
export function simplifyRing(ring: readonly [number, number][], max: number): [number, number][] {
  const n = ring.length;
  if (n <= max) return ring.slice();
  if (max < 3) throw new RangeError(`maxVertices must be at least 3, got ${max}`);
  // planar distances in degrees, longitude scaled by cos(mean latitude)
  let meanLat = 0;
  for (const p of ring) meanLat += p[1];
  const kx = Math.cos(((meanLat / n) * Math.PI) / 180);
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    x[i] = ring[i % n][0] * kx;
    y[i] = ring[i % n][1];
  }
  // anchors: vertex 0 and the vertex farthest from it
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (x[i] - x[0]) ** 2 + (y[i] - y[0]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const importance = new Float64Array(n + 1);
  importance[0] = importance[far] = importance[n] = Infinity;
  const stack = [0, far, Infinity, far, n, Infinity];
  while (stack.length > 0) {
    const cap = stack.pop()!;
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b - a < 2) continue;
    let best = -1;
    let bestD = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(x[i], y[i], x[a], y[a], x[b], y[b]);
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    const value = Math.min(bestD, cap);
    importance[best] = value;
    stack.push(a, best, value, best, b, value);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => importance[j] - importance[i] || i - j);
  const keep = order.slice(0, max).sort((i, j) => i - j);
  return keep.map((i) => [ring[i][0], ring[i][1]]);
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The most specific reason a fetch failed: the system error code of its cause when there is one. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOTFOUND: 'DNS lookup failed',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
  };
  if (code !== undefined) return reasons[code] ? `${reasons[code]}, ${code}` : code;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return message.split('\n')[0];
}

/** Overpass puts a runtime error or time-out in "remark", the last member, after the elements. */
function findRemark(text: string): string | undefined {
  const tail = text.slice(-4096);
  const match = /"remark"\s*:\s*"((?:[^"\\]|\\.)*)"\s*\}\s*$/.exec(tail);
  return match === null ? undefined : (JSON.parse(`"${match[1]}"`) as string).replace(/\s+/g, ' ').trim();
}

/** One line from an error page: Overpass's HTML errors hold "<strong>Error</strong>: …". */
function serverMessage(text: string): string {
  const error = /<strong[^>]*>\s*Error\s*<\/strong>\s*:?\s*([^<]*)/i.exec(text);
  const raw = error !== null ? `Error: ${error[1]}` : text.replace(/<[^>]*>/g, ' ');
  const line = raw.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
