/**
 * The demand cache: what a static run needs of its demand model (zones, the period's car and
 * truck matrices, the summary, zone names), kept in the runs folder so that the scenarios of a
 * baseline do not rebuild the same demand (about 4 s on Porto Alegre) run after run.
 *
 * Key: city, period, seed, every demand setting, the scenario's events (they add trips), the
 * code version and the contents of every file the demand reads (graph, POIs, parameters,
 * calibration, external counts, mode shares). Anything else differs → another key, another
 * file; a file that does not decode is ignored (the run builds its demand and rewrites it).
 * Values are stored exactly (Float64 where the model computes in Float64), so a run from the
 * cache gives the same bits as a run that built its demand.
 *
 * Layout: "GMDC", u32 version, u32 header bytes, the header (JSON: plain fields and the list of
 * arrays with their types and lengths), zero padding to 8 bytes, then each array's bytes, each
 * padded to 8. Written atomically under `runs/<city>/_demand/demand-<key>.bin`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OdDemand } from '../engine/assignment/network.ts';
import type { DemandSummary } from '../engine/demand/demand.ts';
import type { Zones } from '../engine/demand/zones.ts';
import { writeFileAtomic } from '../engine/util/write-atomic.ts';
import { inputHash } from './run-dir.ts';

const MAGIC = 0x43444d47; // "GMDC" little-endian
const VERSION = 1;

export interface CachedDemand {
  zones: Zones;
  zoneNode: Uint32Array;
  /** The period's car matrix (zones), before any calibration. */
  od: OdDemand;
  trucks: OdDemand;
  summary: DemandSummary;
  names: string[];
}

/** The demand-cache key of a run (see the file note). */
export function demandCacheKey(s: { city: string; period: string; seed: number; demand: unknown }, events: unknown, version: string, files: Record<string, string>): string {
  return inputHash({ demandCache: VERSION, city: s.city, period: s.period, seed: s.seed, demand: s.demand, events, version }, files);
}

export function demandCacheFile(cityRunsDir: string, key: string): string {
  return join(cityRunsDir, '_demand', `demand-${key}.bin`);
}

type Column = Uint8Array | Uint32Array | Int32Array | Float64Array;
const TYPES = { u8: Uint8Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type TypeName = keyof typeof TYPES;
const typeOf = (a: Column): TypeName => (a instanceof Uint8Array ? 'u8' : a instanceof Uint32Array ? 'u32' : a instanceof Int32Array ? 'i32' : 'f64');
const pad8 = (n: number) => (n + 7) & ~7;

const ZONE_COLUMNS = ['kind', 'lon', 'lat', 'population', 'jobs', 'node', 'edge', 'snapM'] as const;
const OD_COLUMNS = ['rowStart', 'dest', 'flow'] as const;

export function encodeDemandCache(d: CachedDemand): Uint8Array {
  const columns: [string, Column][] = [
    ...ZONE_COLUMNS.map((c): [string, Column] => [`zones.${c}`, d.zones[c]]),
    ['zoneNode', d.zoneNode],
    ...OD_COLUMNS.map((c): [string, Column] => [`od.${c}`, d.od[c]]),
    ...OD_COLUMNS.map((c): [string, Column] => [`trucks.${c}`, d.trucks[c]]),
  ];
  const { count, id, resolution, estimated, unconnected } = d.zones;
  const header = Buffer.from(
    JSON.stringify({
      zones: { count, id, resolution, estimated, unconnected },
      od: { zoneCount: d.od.zoneCount, total: d.od.total },
      trucks: { zoneCount: d.trucks.zoneCount, total: d.trucks.total },
      summary: d.summary,
      names: d.names,
      columns: columns.map(([name, a]) => ({ name, type: typeOf(a), length: a.length })),
    }),
    'utf8',
  );
  let size = pad8(12 + header.length);
  for (const [, a] of columns) size += pad8(a.byteLength);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  let at = pad8(12 + header.length);
  for (const [, a] of columns) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad8(a.byteLength);
  }
  return out;
}

/** Decodes a cache file's bytes; throws (a one-line reason) on anything that is not one. */
export function decodeDemandCache(bytes: Uint8Array): CachedDemand {
  if (bytes.length < 12) throw new Error('too short for a demand cache');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not a gemeo demand cache (bad magic)');
  if (view.getUint32(4, true) !== VERSION) throw new Error(`demand cache version ${view.getUint32(4, true)}; expected ${VERSION}`);
  const headerBytes = view.getUint32(8, true);
  if (12 + headerBytes > bytes.length) throw new Error('demand cache header cut short');
  const h = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 12, headerBytes).toString('utf8'));
  const col: Record<string, Column> = {};
  let at = pad8(12 + headerBytes);
  for (const c of h.columns as { name: string; type: TypeName; length: number }[]) {
    const T = TYPES[c.type];
    if (!T) throw new Error(`demand cache column ${c.name}: unknown type ${c.type}`);
    const n = c.length * T.BYTES_PER_ELEMENT;
    if (at + n > bytes.length) throw new Error(`demand cache column ${c.name} cut short`);
    // a copy: aligned, and independent of the file's buffer (a Buffer's slice would share it)
    const copy = new Uint8Array(n);
    copy.set(bytes.subarray(at, at + n));
    col[c.name] = new T(copy.buffer);
    at += pad8(n);
  }
  const need = (name: string) => {
    const a = col[name];
    if (!a) throw new Error(`demand cache lacks column ${name}`);
    return a;
  };
  const od = (p: 'od' | 'trucks'): OdDemand => ({ zoneCount: h[p].zoneCount, total: h[p].total, rowStart: need(`${p}.rowStart`) as Uint32Array, dest: need(`${p}.dest`) as Uint32Array, flow: need(`${p}.flow`) as Float64Array });
  const zones = { ...h.zones } as Zones;
  for (const c of ZONE_COLUMNS) (zones as unknown as Record<string, Column>)[c] = need(`zones.${c}`);
  if (zones.node.length !== zones.count || (h.names as string[]).length !== zones.count) throw new Error('demand cache: zone columns disagree with the zone count');
  return { zones, zoneNode: need('zoneNode') as Uint32Array, od: od('od'), trucks: od('trucks'), summary: h.summary, names: h.names };
}

/** The cached demand under `file`, or undefined (with the reason) when it is absent or unreadable. */
export function loadDemandCache(file: string): { demand?: CachedDemand; problem?: string } {
  if (!existsSync(file)) return {};
  try {
    return { demand: decodeDemandCache(readFileSync(file)) };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}

export function saveDemandCache(file: string, d: CachedDemand): void {
  writeFileAtomic(file, encodeDemandCache(d));
}
