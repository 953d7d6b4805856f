import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { attractionAccess } from './attraction-access.ts';
import { co2Kg, loadEmissionFactors } from './co2.ts';
import { linkMetrics } from './link-metrics.ts';
import { linkTotals, tripTotals } from './totals.ts';
import { zoneTimes } from './zone-times.ts';

/**
 * Three nodes in a line, A → B → C, plus a slow direct A → C and a lone node D:
 *   e0 A→B 1000 m, 36 km/h (t0 100 s), cap 1000
 *   e1 B→C 2000 m, 72 km/h (t0 100 s), cap 500
 *   e2 A→C 3000 m, 30 km/h (t0 360 s), cap 1000
 */
function tinyGraph() {
  const b = new GraphBuilder({ name: 'tiny', source: 'test', synthetic: false });
  const A = b.addNode(0, 0);
  const B = b.addNode(0.01, 0);
  const C = b.addNode(0.02, 0);
  b.addNode(0.03, 0.03);
  const primary = roadClassCode('primary');
  b.addEdge({ tail: A, head: B, lengthM: 1000, speedKmh: 36, capacityVph: 1000, lanes: 1, roadClass: primary, osmWayId: 1 });
  b.addEdge({ tail: B, head: C, lengthM: 2000, speedKmh: 72, capacityVph: 500, lanes: 1, roadClass: primary, osmWayId: 2 });
  b.addEdge({ tail: A, head: C, lengthM: 3000, speedKmh: 30, capacityVph: 1000, lanes: 1, roadClass: primary, osmWayId: 3 });
  return b.finish();
}

describe('link metrics and totals (hand-checked)', () => {
  const g = tinyGraph();
  const edge = (way: number) => Array.from(g.osmWayId).indexOf(way);
  const flow = new Float64Array(g.edgeCount);
  flow[edge(1)] = 1000; // v/c 1 → t = 100 · 1.15 = 115 s
  flow[edge(2)] = 1000; // v/c 2 → t = 100 · (1 + 0.15 · 16) = 340 s
  flow[edge(3)] = 0; // t = 360 s
  const m = linkMetrics(g, flow);

  it('gives BPR times, v/c and speeds', () => {
    expect(m.timeS[edge(1)]).toBeCloseTo(115, 9);
    expect(m.timeS[edge(2)]).toBeCloseTo(340, 9);
    expect(m.timeS[edge(3)]).toBeCloseTo(360, 9);
    expect(m.vc[edge(1)]).toBe(1);
    expect(m.vc[edge(2)]).toBe(2);
    expect(m.speedKmh[edge(2)]).toBeCloseTo((2000 / 340) * 3.6, 4);
    expect(m.speedKmh[edge(3)]).toBeCloseTo(30, 4);
  });

  it('sums VKT, VHT and delay', () => {
    const t = linkTotals(g, m.flowVph, m.timeS);
    expect(t.vkt).toBeCloseTo(1000 * 1 + 1000 * 2, 9); // 3000 veh·km
    expect(t.vht).toBeCloseTo((1000 * 115 + 1000 * 340) / 3600, 9);
    expect(t.delayVh).toBeCloseTo((1000 * 15 + 1000 * 240) / 3600, 9);
  });

  it('finds zone-pair times on the congested network and marks unreachable pairs NaN', () => {
    const A = 0, C = 2, D = 3;
    const z = zoneTimes(g, m.timeS, [A, C, D, A]);
    // A→C: via B 115 + 340 = 455 s, direct 360 s → 360
    expect(z[0 * 4 + 1]).toBe(360);
    expect(z[1 * 4 + 0]).toBeNaN(); // no edge out of C
    expect(z[0 * 4 + 2]).toBeNaN(); // D is isolated
    expect(z[0 * 4 + 3]).toBe(0); // zones 0 and 3 share node A
    expect(Array.from(z.subarray(12, 16))).toEqual(Array.from(z.subarray(0, 4)));
  });

  it('weights the mean trip time by trips and counts unreachable trips apart', () => {
    const times = Float32Array.of(0, 600, NaN, 120);
    const trips = Float32Array.of(0, 30, 5, 10);
    const t = tripTotals(times, trips);
    expect(t.trips).toBe(45);
    expect(t.unreachableTrips).toBe(5);
    expect(t.meanTripMin).toBeCloseTo((30 * 600 + 10 * 120) / 40 / 60, 9);
  });

  it('averages tourists\' access over lodgings that reach the attraction', () => {
    const acc = attractionAccess(g, m.timeS, [0, 1], [1, 3], [
      { name: 'C', lon: 0.02, lat: 0, node: 2 },
      { name: 'D', lon: 0.03, lat: 0.03, node: 3 },
    ]);
    // from A: 360 s; from B: 340 s; weights 1 and 3
    expect(acc[0].accessMin).toBeCloseTo((360 + 3 * 340) / 4 / 60, 9);
    expect(acc[1].accessMin).toBeNaN();
  });

  it('turns VKT into CO2 with the cited factor', () => {
    const f = loadEmissionFactors();
    expect(f.sources.length).toBeGreaterThan(0);
    expect(co2Kg(1000, f)).toBeCloseTo(f.gCo2PerKm, 9);
  });
});
