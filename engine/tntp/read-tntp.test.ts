import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { beckmann } from '../assignment/objective.ts';
import { parseTntpFlows, parseTntpNetwork, parseTntpNodes, parseTntpTrips, readTntpFlows, readTntpNetwork, readTntpNodes, readTntpTrips } from './read-tntp.ts';

const tntp = (name: string, kind: string) => fileURLToPath(new URL(`../../data/tntp/${name}/${name}_${kind}.tntp`, import.meta.url));

/** Edge of the network for TNTP nodes (1-based) a → b. */
function edgeOf(net: { firstOut: Uint32Array; head: Uint32Array }, a: number, b: number): number {
  for (let e = net.firstOut[a - 1]; e < net.firstOut[a]; e++) if (net.head[e] === b - 1) return e;
  return -1;
}

const NET = `<NUMBER OF ZONES> 2
<NUMBER OF NODES> 3
<FIRST THRU NODE> 1
<NUMBER OF LINKS> 3
<TOLL FACTOR> 0.5
<END OF METADATA>
~ init term capacity length fft b power speed toll type ;
\t3\t1\t100\t2\t1\t0.15\t4\t0\t2\t1\t;
\t1\t3\t100\t2\t1\t0.15\t4\t0\t0\t1\t;
\t1\t2\t200\t5\t3\t0.15\t4\t0\t0\t1\t;
`;

describe('readTntpNetwork', () => {
  it('reads Sioux Falls: counts, 0-based ids, edges sorted by tail, file order kept', () => {
    const net = readTntpNetwork(tntp('SiouxFalls', 'net'));
    expect([net.nodeCount, net.edgeCount, net.zoneCount, net.firstThruNode]).toEqual([24, 76, 24, 0]);
    expect(net.firstOut[24]).toBe(76);
    for (let e = 1; e < 76; e++) expect(net.tail[e]).toBeGreaterThanOrEqual(net.tail[e - 1]);
    // First line of the file: 1 → 2, capacity 25900.20064, t0 6.
    const e12 = edgeOf(net, 1, 2);
    expect(net.fileOrder[e12]).toBe(0);
    expect(net.capacity[e12]).toBeCloseTo(25900.20064, 6);
    expect(net.freeFlowTime[e12]).toBe(6);
    expect(net.firstOut.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(net.nodeNumbers[23]).toBe(24);
  });

  it('reads Anaheim: first thru node 39 becomes 38, so zones are not through nodes', () => {
    const net = readTntpNetwork(tntp('Anaheim', 'net'));
    expect([net.nodeCount, net.edgeCount, net.zoneCount, net.firstThruNode]).toEqual([416, 914, 38, 38]);
    expect(net.tollFactor).toBe(0);
    expect(net.distanceFactor).toBe(0);
  });

  it('sorts by tail stably and records the file order; options override header factors', () => {
    const net = parseTntpNetwork(NET, 'mini_net.tntp', { distanceFactor: 2 });
    expect(Array.from(net.tail)).toEqual([0, 0, 2]);
    expect(Array.from(net.head)).toEqual([2, 1, 0]);
    expect(Array.from(net.fileOrder)).toEqual([1, 2, 0]);
    expect(Array.from(net.firstOut)).toEqual([0, 2, 2, 3]);
    expect(net.tollFactor).toBe(0.5);
    expect(net.distanceFactor).toBe(2);
    expect(net.toll[2]).toBe(2);
  });
});

describe('readTntpTrips', () => {
  it('reads Sioux Falls demand: 360,600 trips, zero flows and self-trips dropped', () => {
    const d = readTntpTrips(tntp('SiouxFalls', 'trips'), 24);
    expect(d.total).toBe(360600);
    expect(d.rowStart[24]).toBe(d.dest.length);
    for (let o = 0; o < 24; o++) {
      for (let k = d.rowStart[o]; k < d.rowStart[o + 1]; k++) {
        expect(d.dest[k]).not.toBe(o);
        expect(d.flow[k]).toBeGreaterThan(0);
      }
    }
    // Origin 1 → 10: 1300 in the file.
    const k = Array.from(d.dest.subarray(d.rowStart[0], d.rowStart[1])).indexOf(9);
    expect(d.flow[d.rowStart[0] + k]).toBe(1300);
  });

  it('reads Anaheim demand (104,694.40 trips per its README)', () => {
    const d = readTntpTrips(tntp('Anaheim', 'trips'), 38);
    expect(d.total).toBeCloseTo(104694.4, 6);
  });
});

describe('readTntpFlows / readTntpNodes', () => {
  it('the best-known flows give the published Beckmann objectives', () => {
    for (const [name, expected] of [
      ['SiouxFalls', 4231335.287], // README: 42.31335287107440 in units of 1e5
      ['Anaheim', 1286032.171],
    ] as const) {
      const net = readTntpNetwork(tntp(name, 'net'));
      const f = readTntpFlows(tntp(name, 'flow'));
      expect(f.flow.length).toBe(net.edgeCount);
      const flow = new Float64Array(net.edgeCount);
      for (let i = 0; i < f.flow.length; i++) flow[edgeOf(net, f.tail[i], f.head[i])] = f.flow[i];
      expect(beckmann(net, flow)).toBeCloseTo(expected, 2);
    }
  });

  it('reads node coordinates', () => {
    const n = readTntpNodes(tntp('SiouxFalls', 'node'));
    expect(n.x.length).toBe(24);
    expect(n.x[0]).toBeCloseTo(-96.77041974, 8);
    expect(n.y[23]).toBeGreaterThan(43);
    expect(parseTntpNodes('Node X Y ;\n2 5 6 ;\n', 'n').x[1]).toBe(5);
    expect(parseTntpFlows('From To Volume Cost\n1 2 3.5 4\n', 'f').flow[0]).toBe(3.5);
  });
});

describe('bad input: one line naming file, line and field', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['missing columns', () => parseTntpNetwork(NET.replace('\t1\t2\t200\t5\t3\t0.15\t4\t0\t0\t1\t;', '\t1\t2\t200\t5\t3\t;'), 'x_net.tntp'), /^x_net\.tntp:10: link — expected 10 columns/],
    ['zero capacity', () => parseTntpNetwork(NET.replace('\t200\t', '\t0\t'), 'x_net.tntp'), /^x_net\.tntp:10: capacity — expected a number > 0, got 0$/],
    ['negative capacity', () => parseTntpNetwork(NET.replace('\t200\t', '\t-5\t'), 'x_net.tntp'), /^x_net\.tntp:10: capacity — expected a number > 0/],
    ['non-numeric field', () => parseTntpNetwork(NET.replace('\t0.15\t4\t0\t2', '\tabc\t4\t0\t2'), 'x_net.tntp'), /^x_net\.tntp:8: b — expected a number, got "abc"$/],
    ['link to an unknown node', () => parseTntpNetwork(NET.replace('\t3\t1\t100', '\t3\t7\t100'), 'x_net.tntp'), /^x_net\.tntp:8: term_node — expected a node 1\.\.3/],
    ['header lies about links', () => parseTntpNetwork(NET.replace('<NUMBER OF LINKS> 3', '<NUMBER OF LINKS> 4'), 'x_net.tntp'), /^x_net\.tntp:4: <NUMBER OF LINKS> — header says 4 but the file has 3 link lines$/],
    ['more zones than nodes', () => parseTntpNetwork(NET.replace('<NUMBER OF ZONES> 2', '<NUMBER OF ZONES> 9'), 'x_net.tntp'), /^x_net\.tntp:1: <NUMBER OF ZONES> — expected at most/],
    ['no end of metadata', () => parseTntpNetwork('<NUMBER OF ZONES> 2\n', 'x_net.tntp'), /<END OF METADATA>/],
    ['missing metadata key', () => parseTntpNetwork('<NUMBER OF ZONES> 2\n<END OF METADATA>\n', 'x_net.tntp'), /^x_net\.tntp: <NUMBER OF NODES> — expected in the metadata/],
    ['trips: header lies about zones', () => parseTntpTrips(trips('<NUMBER OF ZONES> 3'), 'x_trips.tntp', 2), /^x_trips\.tntp:1: <NUMBER OF ZONES> — expected 2 \(the network's zones\), got 3$/],
    ['trips: total flow lies', () => parseTntpTrips(trips('<NUMBER OF ZONES> 2', '<TOTAL OD FLOW> 31'), 'x_trips.tntp', 2), /^x_trips\.tntp:2: <TOTAL OD FLOW> — header says 31 but the flows listed sum to 30$/],
    ['trips: unknown zone', () => parseTntpTrips(trips('<NUMBER OF ZONES> 2').replace('2 : 20', '5 : 20'), 'x_trips.tntp', 2), /^x_trips\.tntp:6: destination — expected a zone 1\.\.2, got 5$/],
    ['trips: unknown origin', () => parseTntpTrips(trips('<NUMBER OF ZONES> 2').replace('Origin 2', 'Origin 3'), 'x_trips.tntp', 2), /^x_trips\.tntp:7: Origin — expected a zone 1\.\.2, got 3$/],
    ['trips: non-numeric flow', () => parseTntpTrips(trips('<NUMBER OF ZONES> 2').replace('20;', 'x;'), 'x_trips.tntp', 2), /^x_trips\.tntp:6: flow to 2 — expected a number, got "x"$/],
    ['trips: garbage', () => parseTntpTrips(trips('<NUMBER OF ZONES> 2').replace('1 : 10;', '1 ; 10'), 'x_trips.tntp', 2), /^x_trips\.tntp:8: trips — expected "dest : flow;" pairs/],
    ['missing file', () => readTntpNetwork('no/such_net.tntp'), /^no\/such_net\.tntp: cannot be read \(ENOENT\)$/],
  ];
  it.each(cases)('%s', (_name, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Error);
    const msg = (error as Error).message;
    expect(msg).toMatch(message);
    expect(msg).not.toContain('\n');
  });
});

function trips(zonesLine: string, totalLine = '<TOTAL OD FLOW> 30'): string {
  return `${zonesLine}\n${totalLine}\n<END OF METADATA>\n\nOrigin 1\n  1 : 0.0;  2 : 20;\nOrigin 2\n  1 : 10;\n`;
}
