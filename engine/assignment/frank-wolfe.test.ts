import { describe, expect, it } from 'vitest';
import { parseTntpNetwork, parseTntpTrips } from '../tntp/read-tntp.ts';
import { allOrNothing } from './all-or-nothing.ts';
import { assign } from './assign.ts';
import { linkCost } from './bpr.ts';
import { lineSearch } from './line-search.ts';
import { beckmann } from './objective.ts';

/**
 * Two parallel roads from zone 1 to zone 2 with linear costs (power 1):
 * t_a = 10·(1 + v_a/100), t_b = 20·(1 + v_b/100), demand 200. Equal times give
 * 10 + 0.1·v_a = 20 + 0.2·(200 − v_a), so v_a = 500/3, v_b = 100/3, both 80/3 minutes.
 */
const TWO_ROUTES = `<NUMBER OF ZONES> 2
<NUMBER OF NODES> 4
<FIRST THRU NODE> 3
<NUMBER OF LINKS> 4
<END OF METADATA>
1 3 100 0 10 1 1 0 0 1 ;
1 4 100 0 20 1 1 0 0 1 ;
3 2 1e9 0 0 0 1 0 0 1 ;
4 2 1e9 0 0 0 1 0 0 1 ;
`;
const twoRoutes = parseTntpNetwork(TWO_ROUTES, 'two_net.tntp');
const twoDemand = parseTntpTrips('<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 200\n<END OF METADATA>\nOrigin 1\n 2 : 200;\n', 'two_trips.tntp', 2);

/** A 5×5 bidirectional grid with 5 zones on the first row and congested links, built as TNTP text. */
function gridNetwork() {
  const lines: string[] = [];
  const id = (r: number, c: number) => r * 5 + c + 1;
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 5; c++) {
      const nb = [
        [r, c + 1],
        [r + 1, c],
        [r, c - 1],
        [r - 1, c],
      ].filter(([a, b]) => a >= 0 && a < 5 && b >= 0 && b < 5);
      for (const [a, b] of nb) lines.push(`${id(r, c)} ${id(a, b)} ${200 + ((r * 7 + c * 3 + a) % 5) * 100} 1 ${1 + ((r + 2 * c + b) % 3)} 0.15 4 0 0 1 ;`);
    }
  }
  const net = parseTntpNetwork(`<NUMBER OF ZONES> 5\n<NUMBER OF NODES> 25\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> ${lines.length}\n<END OF METADATA>\n${lines.join('\n')}\n`, 'grid_net.tntp');
  let trips = '';
  let total = 0;
  for (let o = 1; o <= 5; o++) {
    trips += `Origin ${o}\n`;
    for (let d = 1; d <= 5; d++) if (d !== o) (trips += ` ${d} : ${100 * (o + d)};`), (total += 100 * (o + d));
    trips += '\n';
  }
  const demand = parseTntpTrips(`<NUMBER OF ZONES> 5\n<TOTAL OD FLOW> ${total}\n<END OF METADATA>\n${trips}`, 'grid_trips.tntp', 5);
  return { net, demand };
}

describe('link-based methods', () => {
  it.each(['msa', 'fw', 'cfw', 'bfw'] as const)('%s reaches the analytic two-route equilibrium', async (method) => {
    const r = await assign(twoRoutes, twoDemand, { method, gap: 1e-9, maxIter: 20000, workers: 1 });
    expect(r.flow[0]).toBeCloseTo(500 / 3, method === 'msa' ? 2 : 5);
    expect(r.flow[1]).toBeCloseTo(100 / 3, method === 'msa' ? 2 : 5);
    expect(r.cost[0]).toBeCloseTo(80 / 3, method === 'msa' ? 3 : 6);
  });

  it('FW lowers the Beckmann objective every iteration; MSA shrinks the gap over time', async () => {
    const { net, demand } = gridNetwork();
    const fw = await assign(net, demand, { method: 'fw', gap: 0, maxIter: 60, workers: 1 });
    for (let k = 1; k < fw.history.length; k++) expect(fw.history[k].objective).toBeLessThanOrEqual(fw.history[k - 1].objective * (1 + 1e-12));
    expect(fw.history.at(-1)!.gap).toBeLessThan(fw.history[0].gap / 10);
    const m = await assign(net, demand, { method: 'msa', gap: 0, maxIter: 400, workers: 1 });
    const gapAt = (k: number) => m.history[k - 1].gap;
    expect(gapAt(400)).toBeLessThan(gapAt(40));
    expect(gapAt(40)).toBeLessThan(gapAt(4));
    expect(m.history.map((h) => h.step).slice(0, 3)).toEqual([1 / 2, 1 / 3, 1 / 4]);
  });

  it('exact line search finds the minimum of the objective along the direction', () => {
    const { net, demand } = gridNetwork();
    const x = new Float64Array(net.edgeCount);
    const y = new Float64Array(net.edgeCount);
    const cost = linkCost(new Float64Array(net.edgeCount), net, x);
    allOrNothing(x, net, demand, cost);
    linkCost(cost, net, x);
    allOrNothing(y, net, demand, cost);
    const d = y.map((v, e) => v - x[e]);
    const along = (l: number) => beckmann(net, x.map((v, e) => v + l * d[e]));
    const best = lineSearch(net, x, d);
    expect(best).toBeGreaterThan(0);
    expect(best).toBeLessThan(1);
    for (const l of [best - 1e-3, best + 1e-3, 0, 1]) expect(along(best)).toBeLessThanOrEqual(along(l));
  });

  it('counts unreachable OD pairs and their demand, and never yields NaN', async () => {
    // Zones 1, 2, 3; roads only between 1 and 2.
    const net = parseTntpNetwork('<NUMBER OF ZONES> 3\n<NUMBER OF NODES> 3\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n1 2 10 1 1 0.15 4 0 0 1 ;\n2 1 10 1 1 0.15 4 0 0 1 ;\n', 'cut_net.tntp');
    const demand = parseTntpTrips('<NUMBER OF ZONES> 3\n<END OF METADATA>\nOrigin 1\n 2 : 10; 3 : 5;\nOrigin 3\n 1 : 7;\n', 'cut_trips.tntp', 3);
    for (const method of ['msa', 'bfw'] as const) {
      const r = await assign(net, demand, { method, gap: 1e-8, maxIter: 50, workers: 1 });
      expect(r.unreachable).toEqual({ pairs: 2, demand: 12 });
      expect(r.flow[0]).toBeCloseTo(10, 12);
      expect(Number.isNaN(r.relativeGap) || Number.isNaN(r.beckmann) || r.flow.some(Number.isNaN)).toBe(false);
    }
  });

  it('stops at the iteration or time limit and rejects bad options', async () => {
    const { net, demand } = gridNetwork();
    const seen: number[] = [];
    const r = await assign(net, demand, { method: 'fw', gap: 0, maxIter: 7, workers: 1, onIteration: (h) => seen.push(h.iteration) });
    expect(r.iterations).toBe(7);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Number.isNaN(r.history.at(-1)!.step)).toBe(true);
    const t = await assign(net, demand, { method: 'msa', gap: 0, maxIter: 1e9, workers: 1, maxSeconds: 0.05 });
    expect(t.seconds).toBeLessThan(2);
    await expect(assign(net, demand, { method: 'fw', gap: 1e-4, maxIter: 0, workers: 1 })).rejects.toThrow(/maxIter must be a positive integer, got 0/);
    await expect(assign(net, demand, { method: 'fw', gap: 1e-4, maxIter: 5, workers: 0 })).rejects.toThrow(/workers must be a positive integer, got 0/);
  });
});
