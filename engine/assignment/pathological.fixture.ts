/**
 * Synthetic networks with the link types real TNTP files carry and that trouble Newton-based
 * assignment: constant costs (BPR b = 0, and power 0), capacity-1 connectors of constant
 * cost, powers up to 16.8 with b as small as 4e-71, powers of 8 with b = 1e-20. A seeded
 * grid with zones on random nodes; `load` scales the demand into heavy congestion. SYNTHETIC:
 * for tests and benchmarks only.
 */
import { parseTntpNetwork, parseTntpTrips, type TntpNetwork } from '../tntp/read-tntp.ts';
import type { OdDemand } from './network.ts';

export function pathologicalGrid(seed: number, load: number, zones = 16, side = 14): { net: TntpNetwork; demand: OdDemand } {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const node = (i: number, j: number) => zones + 1 + i * side + j;
  const link = (a: number, b: number) => {
    const k = random();
    const t0 = (1 + 9 * random()).toFixed(3);
    const cap = (500 + 2000 * random()).toFixed(0);
    if (k < 0.15) return `${a} ${b} 1000 0 ${t0} 0 4 0 0 1 ;`;
    if (k < 0.25) return `${a} ${b} 1000 0 ${t0} 0.15 0 0 0 1 ;`;
    if (k < 0.4) return `${a} ${b} ${cap} 0 ${t0} 4e-71 16.8 0 0 1 ;`;
    if (k < 0.5) return `${a} ${b} ${cap} 0 ${t0} 1e-20 8 0 0 1 ;`;
    return `${a} ${b} ${cap} 0 ${t0} 0.15 4 0 0 1 ;`;
  };
  const lines: string[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      if (i + 1 < side) lines.push(link(node(i, j), node(i + 1, j)), link(node(i + 1, j), node(i, j)));
      if (j + 1 < side) lines.push(link(node(i, j), node(i, j + 1)), link(node(i, j + 1), node(i, j)));
    }
  }
  for (let z = 1; z <= zones; z++) {
    const at = node(Math.floor(random() * side), Math.floor(random() * side));
    lines.push(`${z} ${at} 1 0 0.01 0 0 0 0 1 ;`, `${at} ${z} 1 0 0.01 0 0 0 0 1 ;`);
  }
  lines.sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0]));
  const header = `<NUMBER OF ZONES> ${zones}\n<NUMBER OF NODES> ${zones + side * side}\n<FIRST THRU NODE> ${zones + 1}\n<NUMBER OF LINKS> ${lines.length}\n<END OF METADATA>\n`;
  const net = parseTntpNetwork(header + lines.join('\n') + '\n', 'pathological_net.tntp');
  let trips = `<NUMBER OF ZONES> ${zones}\n<END OF METADATA>\n`;
  for (let o = 1; o <= zones; o++) {
    trips += `Origin ${o}\n`;
    for (let d = 1; d <= zones; d++) if (d !== o) trips += ` ${d} : ${(load * random()).toFixed(1)};`;
    trips += '\n';
  }
  return { net, demand: parseTntpTrips(trips, 'pathological_trips.tntp', zones) };
}
