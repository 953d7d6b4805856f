import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { haversineM } from './geo.ts';
import { PoiIndex } from './poi-index.ts';

const K = (6_371_008.8 * Math.PI) / 180;

/** Reference: every point's distance by a plain loop, sorted by (distance, id). */
function bruteOrder(lon: Float64Array, lat: Float64Array, qx: number, qy: number): { id: number; d: number }[] {
  const kx = K * Math.cos((qy * Math.PI) / 180);
  const all = Array.from(lon, (x, id) => ({ id, d: Math.hypot((x - qx) * kx, (lat[id] - qy) * K) }));
  return all.sort((a, b) => a.d - b.d || a.id - b.id);
}

function randomPoints(seed: number, n: number): [Float64Array, Float64Array] {
  const rand = mulberry32(seed);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // clustered, with exact duplicates, as POI lists are
    lon[i] = i % 17 === 0 && i > 0 ? lon[i - 1] : -56.1 + rand() * 0.05;
    lat[i] = i % 17 === 0 && i > 0 ? lat[i - 1] : -15.62 + rand() * 0.05;
  }
  return [lon, lat];
}

describe('PoiIndex', () => {
  const [lon, lat] = randomPoints(8, 3000);
  const index = new PoiIndex(lon, lat);
  const rand = mulberry32(12);

  it('near() returns exactly the points within the radius, nearest first, ties by id', () => {
    for (let q = 0; q < 300; q++) {
      const x = -56.11 + rand() * 0.07;
      const y = -15.63 + rand() * 0.07;
      const r = rand() * 800;
      const ref = bruteOrder(lon, lat, x, y).filter((p) => p.d <= r);
      const got = index.near(x, y, r);
      expect(got.length).toBe(ref.length);
      got.forEach((id, i) => expect(index.distanceM(id, x, y)).toBeCloseTo(ref[i].d, 6));
      expect(Array.from(got)).toEqual(ref.map((p) => p.id));
    }
  });

  it('nearest() returns the k nearest in brute-force order', () => {
    for (let q = 0; q < 300; q++) {
      const x = -56.11 + rand() * 0.07;
      const y = -15.63 + rand() * 0.07;
      const k = 1 + Math.floor(rand() * 40);
      expect(Array.from(index.nearest(x, y, k))).toEqual(bruteOrder(lon, lat, x, y).slice(0, k).map((p) => p.id));
    }
    expect(index.nearest(-56.08, -15.6, 5000).length).toBe(3000);
    expect(index.nearest(-56.08, -15.6, 0).length).toBe(0);
  });

  it('measures distance close to the great circle at city scale', () => {
    const p = PoiIndex.fromPoints([[-56.0967, -15.601]]);
    for (const [x, y] of [[-56.0, -15.601], [-56.0967, -15.5], [-56.05, -15.65]]) {
      const gc = haversineM(x, y, -56.0967, -15.601);
      expect(Math.abs(p.distanceM(0, x, y) - gc) / gc).toBeLessThan(1e-3);
      expect(p.near(x, y, gc * 1.001).length).toBe(1);
      expect(p.near(x, y, gc * 0.999).length).toBe(0);
    }
  });

  it('finds Porto Alegre points of interest near a known one', () => {
    // data/osm/porto-alegre/poa_points_of_interest.csv: id,lat,lon
    const csv = readFileSync(new URL('../../data/osm/porto-alegre/poa_points_of_interest.csv', import.meta.url), 'utf8').trim().split('\n');
    const head = csv[0].split(',');
    const iLat = head.indexOf('lat');
    const iLon = head.indexOf('lon');
    expect(iLat).toBeGreaterThanOrEqual(0);
    expect(iLon).toBeGreaterThanOrEqual(0);
    const rows = csv.slice(1).map((l) => l.split(','));
    const plon = Float64Array.from(rows, (r) => Number(r[iLon]));
    const plat = Float64Array.from(rows, (r) => Number(r[iLat]));
    const poa = new PoiIndex(plon, plat);
    for (let q = 0; q < 50; q++) {
      const i = Math.floor(rand() * rows.length);
      const got = poa.nearest(plon[i], plat[i], 3);
      const ref = bruteOrder(plon, plat, plon[i], plat[i]).slice(0, 3);
      expect(Array.from(got)).toEqual(ref.map((p) => p.id));
      expect(poa.distanceM(got[0], plon[i], plat[i])).toBe(0);
    }
  });

  it('rejects bad input with one plain sentence', () => {
    expect(() => new PoiIndex([1, 2], [3])).toThrow('PoiIndex: 2 longitudes but 1 latitudes');
    expect(() => new PoiIndex([1, NaN], [3, 4])).toThrow('PoiIndex: point 1 is (NaN, 4), expected a WGS84 lon/lat');
    expect(() => index.near(0, 0, -1)).toThrow(/radius -1 m, expected a number ≥ 0/);
    expect(() => index.nearest(0, 95, 1)).toThrow(/query \(0, 95\) is not a valid lon\/lat position/);
    expect(new PoiIndex([], []).nearest(0, 0, 3).length).toBe(0);
  });
});
