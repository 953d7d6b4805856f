/**
 * TNTP readers (the Transportation Networks for Research format, github.com/bstabler/
 * TransportationNetworks): `_net.tntp` → AssignmentNetwork, `_trips.tntp` → OdDemand,
 * `_flow.tntp` (best-known link flows) and `_node.tntp` (coordinates).
 *
 * Terms: TNTP numbers nodes from 1 and zones are nodes 1..Z; here node k becomes id k-1.
 * Link lines read `init term capacity length free_flow_time b power speed toll link_type ;`.
 * Edges are sorted by tail (stable: file order kept within a tail); `fileOrder[e]` is the
 * position of edge e among the file's link lines, so flows can be written back in file order.
 * Every `read*` has a `parse*` twin taking the text and a name for messages (tests, stdin).
 * Errors are one line: `file:line: field — what was expected`.
 */
import { readFileSync } from 'node:fs';
import type { AssignmentNetwork, OdDemand } from '../assignment/network.ts';
import { LineInputError } from '../util/input-error.ts';
import { parseField, splitLines } from '../util/text-fields.ts';
import { metaNumber, readMetadata } from './tntp-text.ts';

export { LineInputError } from '../util/input-error.ts';

/** A network read from TNTP: the assignment columns plus the file's numbering and order. */
export type TntpNetwork = AssignmentNetwork & {
  /** TNTP node number of each node id (id + 1). */
  nodeNumbers: Uint32Array;
  /** Position of each edge among the file's link lines (0-based). */
  fileOrder: Uint32Array;
  /** TNTP link_type and speed columns, kept for reports. */
  linkType: Float64Array;
  speed: Float64Array;
};

export interface TntpNetworkOptions {
  /** Overrides the file's `<TOLL FACTOR>` (default 0 when absent). */
  tollFactor?: number;
  /** Overrides the file's `<DISTANCE FACTOR>` (default 0 when absent). */
  distanceFactor?: number;
}

export function readTntpNetwork(file: string, options: TntpNetworkOptions = {}): TntpNetwork {
  return parseTntpNetwork(readText(file), file, options);
}

export function parseTntpNetwork(text: string, file: string, options: TntpNetworkOptions = {}): TntpNetwork {
  const lines = splitLines(text);
  const meta = readMetadata(file, lines);
  const zoneCount = metaNumber(file, meta, 'NUMBER OF ZONES', { integer: true, min: 0 });
  const nodeCount = metaNumber(file, meta, 'NUMBER OF NODES', { integer: true, min: 1 });
  const firstThru = metaNumber(file, meta, 'FIRST THRU NODE', { integer: true, min: 1, fallback: 1 });
  const linkCount = metaNumber(file, meta, 'NUMBER OF LINKS', { integer: true, min: 0 });
  const tollFactor = options.tollFactor ?? metaNumber(file, meta, 'TOLL FACTOR', { fallback: 0 });
  const distanceFactor = options.distanceFactor ?? metaNumber(file, meta, 'DISTANCE FACTOR', { fallback: 0 });
  const zoneLine = meta.values.get('NUMBER OF ZONES')!.line;
  if (zoneCount > nodeCount) throw new LineInputError(file, zoneLine, `<NUMBER OF ZONES> — expected at most <NUMBER OF NODES> (${nodeCount}), got ${zoneCount}`);
  if (firstThru > nodeCount + 1) {
    throw new LineInputError(file, meta.values.get('FIRST THRU NODE')!.line, `<FIRST THRU NODE> — expected at most ${nodeCount + 1}, got ${firstThru}`);
  }

  // Raw columns in file order; sorted by tail below.
  const raw = { tail: [] as number[], head: [] as number[], cap: [] as number[], len: [] as number[], t0: [] as number[], b: [] as number[], p: [] as number[], speed: [] as number[], toll: [] as number[], type: [] as number[] };
  for (let i = meta.bodyStart; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '' || t.startsWith('~')) continue;
    const f = t.replace(/;.*$/, '').trim().split(/\s+/);
    const ln = i + 1;
    if (f.length < 10) {
      throw new LineInputError(file, ln, `link — expected 10 columns (init term capacity length free_flow_time b power speed toll link_type), got ${f.length}`);
    }
    const node = (k: number, what: string) => {
      const n = parseField(file, ln, what, f[k], { integer: true, min: 1 });
      if (n > nodeCount) throw new LineInputError(file, ln, `${what} — expected a node 1..${nodeCount} (<NUMBER OF NODES>), got ${n}`);
      return n - 1;
    };
    raw.tail.push(node(0, 'init_node'));
    raw.head.push(node(1, 'term_node'));
    raw.cap.push(parseField(file, ln, 'capacity', f[2], { above: 0 }));
    raw.len.push(parseField(file, ln, 'length', f[3], { min: 0 }));
    raw.t0.push(parseField(file, ln, 'free_flow_time', f[4], { min: 0 }));
    raw.b.push(parseField(file, ln, 'b', f[5], { min: 0 }));
    raw.p.push(parseField(file, ln, 'power', f[6], { min: 0 }));
    raw.speed.push(parseField(file, ln, 'speed', f[7]));
    raw.toll.push(parseField(file, ln, 'toll', f[8]));
    raw.type.push(parseField(file, ln, 'link_type', f[9]));
  }
  const m = raw.tail.length;
  if (m !== linkCount) {
    throw new LineInputError(file, meta.values.get('NUMBER OF LINKS')!.line, `<NUMBER OF LINKS> — header says ${linkCount} but the file has ${m} link lines`);
  }

  const net = allocateTntpNetwork(nodeCount, m);
  // Counting sort by tail: stable, so file order survives within a tail.
  const fo = net.firstOut;
  for (let e = 0; e < m; e++) fo[raw.tail[e] + 1]++;
  for (let v = 0; v < nodeCount; v++) fo[v + 1] += fo[v];
  const next = fo.slice(0, nodeCount);
  for (let i = 0; i < m; i++) {
    const e = next[raw.tail[i]]++;
    net.fileOrder[e] = i;
    net.tail[e] = raw.tail[i];
    net.head[e] = raw.head[i];
    net.capacity[e] = raw.cap[i];
    net.length[e] = raw.len[i];
    net.freeFlowTime[e] = raw.t0[i];
    net.alpha[e] = raw.b[i];
    net.beta[e] = raw.p[i];
    net.speed[e] = raw.speed[i];
    net.toll[e] = raw.toll[i];
    net.linkType[e] = raw.type[i];
  }
  for (let v = 0; v < nodeCount; v++) net.nodeNumbers[v] = v + 1;
  return { ...net, nodeCount, edgeCount: m, zoneCount, firstThruNode: firstThru - 1, tollFactor, distanceFactor };
}

/** Reads `_trips.tntp`; zero flows and self-trips are dropped, `<TOTAL OD FLOW>` is checked. */
export function readTntpTrips(file: string, zoneCount: number): OdDemand {
  return parseTntpTrips(readText(file), file, zoneCount);
}

export function parseTntpTrips(text: string, file: string, zoneCount: number): OdDemand {
  const lines = splitLines(text);
  const meta = readMetadata(file, lines);
  const zones = metaNumber(file, meta, 'NUMBER OF ZONES', { integer: true, min: 0 });
  if (zones !== zoneCount) {
    throw new LineInputError(file, meta.values.get('NUMBER OF ZONES')!.line, `<NUMBER OF ZONES> — expected ${zoneCount} (the network's zones), got ${zones}`);
  }
  const rows: { d: number[]; f: number[] }[] = Array.from({ length: zoneCount }, () => ({ d: [], f: [] }));
  let origin = -1;
  let listed = 0; // every flow in the file, self-trips and zeros included, as the header counts them
  for (let i = meta.bodyStart; i < lines.length; i++) {
    let t = lines[i].trim();
    const ln = i + 1;
    if (t === '' || t.startsWith('~')) continue;
    const om = /^origin\s+(\S+)\s*(.*)$/i.exec(t);
    if (om) {
      const o = parseField(file, ln, 'Origin', om[1], { integer: true, min: 1 });
      if (o > zoneCount) throw new LineInputError(file, ln, `Origin — expected a zone 1..${zoneCount}, got ${o}`);
      origin = o - 1;
      t = om[2];
    }
    const pair = /\s*([^\s:;]+)\s*:\s*([^;]*);/gy;
    let at = 0;
    for (let pm = pair.exec(t); pm; pm = pair.exec(t)) {
      at = pair.lastIndex;
      if (origin < 0) throw new LineInputError(file, ln, 'dest : flow — expected an "Origin k" line before the first pair');
      const d = parseField(file, ln, 'destination', pm[1], { integer: true, min: 1 });
      if (d > zoneCount) throw new LineInputError(file, ln, `destination — expected a zone 1..${zoneCount}, got ${d}`);
      const q = parseField(file, ln, `flow to ${d}`, pm[2], { min: 0 });
      listed += q;
      if (q > 0 && d - 1 !== origin) {
        rows[origin].d.push(d - 1);
        rows[origin].f.push(q);
      }
    }
    if (t.slice(at).trim() !== '') throw new LineInputError(file, ln, `trips — expected "dest : flow;" pairs, got "${t.slice(at).trim().slice(0, 40)}"`);
  }
  const totalMeta = meta.values.get('TOTAL OD FLOW');
  if (totalMeta) {
    const total = parseField(file, totalMeta.line, '<TOTAL OD FLOW>', totalMeta.text, { min: 0 });
    // Headers are often printed to six significant figures (Terrassa: 25225700 for 25225746.76).
    if (Math.abs(total - listed) > 1e-5 * Math.max(1, total)) {
      throw new LineInputError(file, totalMeta.line, `<TOTAL OD FLOW> — header says ${total} but the flows listed sum to ${listed}`);
    }
  }
  return packDemand(zoneCount, rows);
}

/** Best-known link flows (`_flow.tntp`, header `From To Volume Cost`); node numbers stay 1-based. */
export function readTntpFlows(file: string): { tail: Uint32Array; head: Uint32Array; flow: Float64Array; cost: Float64Array } {
  return parseTntpFlows(readText(file), file);
}

export function parseTntpFlows(text: string, file: string): { tail: Uint32Array; head: Uint32Array; flow: Float64Array; cost: Float64Array } {
  const rows = numericRows(text, file, ['from', 'to', 'volume', 'cost'], /^from\b/i);
  return {
    tail: Uint32Array.from(rows, (r) => r[0]),
    head: Uint32Array.from(rows, (r) => r[1]),
    flow: Float64Array.from(rows, (r) => r[2]),
    cost: Float64Array.from(rows, (r) => r[3]),
  };
}

/** Node coordinates (`_node.tntp`, header `Node X Y ;`): x[k-1], y[k-1] for node k. */
export function readTntpNodes(file: string): { x: Float64Array; y: Float64Array } {
  return parseTntpNodes(readText(file), file);
}

export function parseTntpNodes(text: string, file: string): { x: Float64Array; y: Float64Array } {
  const rows = numericRows(text, file, ['node', 'x', 'y'], /^node\b/i);
  const n = rows.reduce((a, r) => Math.max(a, r[0]), 0);
  const x = new Float64Array(n).fill(NaN);
  const y = new Float64Array(n).fill(NaN);
  for (const r of rows) {
    x[r[0] - 1] = r[1];
    y[r[0] - 1] = r[2];
  }
  return { x, y };
}

/** Allocates the network columns in one SharedArrayBuffer (workers read them without copying). */
function allocateTntpNetwork(n: number, m: number) {
  const u32 = (4 * (n + 1) + 7) & ~7;
  const e32 = (4 * m + 7) & ~7;
  const n32 = (4 * n + 7) & ~7;
  const buffer = new SharedArrayBuffer(u32 + 3 * e32 + n32 + 9 * 8 * m);
  let at = 0;
  const take = <T>(make: (at: number) => T, bytes: number): T => {
    const v = make(at);
    at += bytes;
    return v;
  };
  const f64 = () => take((o) => new Float64Array(buffer, o, m), 8 * m);
  return {
    firstOut: take((o) => new Uint32Array(buffer, o, n + 1), u32),
    tail: take((o) => new Uint32Array(buffer, o, m), e32),
    head: take((o) => new Uint32Array(buffer, o, m), e32),
    fileOrder: take((o) => new Uint32Array(buffer, o, m), e32),
    nodeNumbers: take((o) => new Uint32Array(buffer, o, n), n32),
    freeFlowTime: f64(),
    capacity: f64(),
    alpha: f64(),
    beta: f64(),
    toll: f64(),
    length: f64(),
    speed: f64(),
    linkType: f64(),
  };
}

function packDemand(zoneCount: number, rows: { d: number[]; f: number[] }[]): OdDemand {
  let nnz = 0;
  for (const r of rows) nnz += r.d.length;
  const rowStart = new Uint32Array(new SharedArrayBuffer(4 * (zoneCount + 1)));
  const dest = new Uint32Array(new SharedArrayBuffer(4 * nnz));
  const flow = new Float64Array(new SharedArrayBuffer(8 * nnz));
  let k = 0;
  let total = 0;
  rows.forEach((r, o) => {
    rowStart[o] = k;
    for (let j = 0; j < r.d.length; j++, k++) {
      dest[k] = r.d[j];
      flow[k] = r.f[j];
      total += r.f[j];
    }
  });
  rowStart[zoneCount] = k;
  return { zoneCount, rowStart, dest, flow, total };
}

/** Whitespace-separated numeric rows after an optional header line; node columns must be positive integers. */
function numericRows(text: string, file: string, fields: string[], header: RegExp): number[][] {
  const rows: number[][] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].replace(/;.*$/, '').trim();
    if (t === '' || t.startsWith('~') || (rows.length === 0 && header.test(t))) continue;
    const f = t.split(/\s+/);
    if (f.length < fields.length) throw new LineInputError(file, i + 1, `row — expected ${fields.length} columns (${fields.join(' ')}), got ${f.length}`);
    rows.push(fields.map((name, k) => parseField(file, i + 1, name, f[k], k === 0 || (k === 1 && name === 'to') ? { integer: true, min: 1 } : {})));
  }
  return rows;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new LineInputError(file, 0, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
