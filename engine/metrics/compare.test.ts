import { describe, expect, it } from 'vitest';
import { CompareError, compareRuns, comparisonJson } from './compare.ts';
import { edgeMidpoint, vcBin } from './compare-edges.ts';
import { edgeKeyOf, joinEdges } from './compare-join.ts';
import { changeBin } from './compare-zones.ts';
import { gridRunPair, runFromEdges, type EdgeSpec, type RunSpec } from '../../test/fixtures/compare-runs.ts';
import { WayNames } from '../graph/way-names.ts';

const P = (lon: number, lat: number): [number, number] => [lon, lat];

/** Four ways: 10 (two edges, both directions on the first), 20, 30; all v/c from flow/1000. */
function baseEdges(): EdgeSpec[] {
  return [
    { way: 10, dir: 0, points: [P(-56.1, -15.6), P(-56.099, -15.6)], flow: 500 },
    { way: 10, dir: 1, points: [P(-56.099, -15.6), P(-56.1, -15.6)], flow: 400 },
    { way: 10, dir: 0, points: [P(-56.099, -15.6), P(-56.098, -15.6)], flow: 300 },
    { way: 20, dir: 0, points: [P(-56.098, -15.6), P(-56.098, -15.599), P(-56.097, -15.599)], flow: 800 },
    { way: 30, dir: 0, points: [P(-56.097, -15.599), P(-56.096, -15.598)], flow: 100 },
  ];
}

const zones = {
  ids: ['a', 'b', 'c'],
  minutes: [0, 10, 20, 10, 0, 15, 20, 15, 0],
  trips: [0, 100, 50, 100, 0, 30, 50, 30, 0],
};

function run(edges: EdgeSpec[], extra: Partial<RunSpec> = {}) {
  return runFromEdges({ edges, zones, ...extra });
}

describe('compareRuns', () => {
  it('compares a run with itself as all zeros', () => {
    const { a } = gridRunPair(8);
    const c = compareRuns(a, a);
    for (const d of Object.values(c.totals)) expect(d).toMatchObject({ delta: 0, pct: 0 });
    expect(c.edges.matched).toBe(a.edges.count);
    expect(c.edges.removed).toEqual([]);
    expect(c.edges.added).toEqual([]);
    expect(c.vc.delta.edges.every((v) => v === 0)).toBe(true);
    expect(c.vc.delta.vkm.every((v) => v === 0)).toBe(true);
    expect(c.topWorse).toEqual([]);
    expect(c.topBetter).toEqual([]);
    expect(c.zones).toMatchObject({ meanChangeMin: 0, shareFaster: 0, shareSlower: 0, topSlower: [], topFaster: [] });
    expect(c.zones.tripsCompared).toBeGreaterThan(0);
    expect(c.attractions.map((x) => x.delta)).toEqual([0, 0]);
    expect(Array.from(c.edges.join.deltaVc).every((v) => v === 0)).toBe(true);
  });

  it('ranks the one edge whose flow changed first, and only it', () => {
    const edges = baseEdges();
    const changed = baseEdges();
    changed[3]!.flow = 1100;
    const c = compareRuns(run(edges), run(changed));
    expect(c.topWorse).toHaveLength(1);
    expect(c.topWorse[0]).toMatchObject({ way: 20, dir: 0, vcA: expect.closeTo(0.8, 6), vcB: expect.closeTo(1.1, 6), flowA: 800, flowB: 1100 });
    expect(c.topWorse[0]!.deltaVc).toBeCloseTo(0.3, 6);
    expect(c.topBetter).toEqual([]);
    // The v/c bins: 0.8 is in [0.75, 0.9), 1.1 in [1, 1.25).
    expect(c.vc.delta.edges).toEqual([0, 0, 0, -1, 0, 1, 0]);
    expect(c.vc.delta.vkm[5]).toBeCloseTo(1100 * 0.5, 6);
  });

  it('never lists a link closed for a time window among the improved, and names the ways it lists', () => {
    const a = run(baseEdges());
    const b = run(baseEdges());
    // way 20 closed 07:15–07:45 (dynamic): its period flow falls; way 30 really improves
    b.edges.flowVph[3] = 200;
    b.edges.vc[3] = 0.2;
    b.edges.changed[3] = 2;
    b.edges.flowVph[4] = 10;
    b.edges.vc[4] = 0.01;
    b.wayNames = WayNames.from(new Map([[30, { name: 'Rua Trinta', ref: '', synthetic: false }]]));
    const c = compareRuns(a, b);
    expect(c.topBetter.map((r) => r.way)).toEqual([30]);
    expect(c.topBetter[0]!.name).toBe('Rua Trinta');
    // north-east: 0.001° east at −15.6° is 107 m, 0.001° north 111 m
    expect(c.topBetter[0]!.heading).toBeGreaterThan(40);
    expect(c.topBetter[0]!.heading).toBeLessThan(45);
    // the same fall on a link that is open all along is an improvement
    b.edges.changed[3] = 0;
    expect(compareRuns(a, b).topBetter.map((r) => r.way)).toEqual([20, 30]);
  });

  it('finds removed and added edges by way, direction and end points', () => {
    const a = baseEdges();
    const b = baseEdges().filter((e) => e.way !== 30);
    b.push({ way: -1, dir: 0, points: [P(-56.096, -15.598), P(-56.095, -15.597)], flow: 50 });
    // Same way and direction but the edge now ends elsewhere: a different link.
    b[2] = { ...b[2]!, points: [P(-56.099, -15.6), P(-56.0985, -15.6001)] };
    const c = compareRuns(run(a), run(b));
    expect(c.edges.matched).toBe(3);
    expect(c.edges.removed.map((e) => [e.way, e.dir]).sort()).toEqual([
      [10, 0],
      [30, 0],
    ]);
    expect(c.edges.added.map((e) => [e.way, e.dir])).toEqual([
      [10, 0],
      [-1, 0],
    ]);
    expect(c.edges.added[1]).toMatchObject({ flowVph: 50, vc: expect.closeTo(0.05, 6) });
    expect(c.edges.added[1]!.lon).toBeCloseTo(-56.0955, 9);
    expect(c.edges.added[1]!.lat).toBeCloseTo(-15.5975, 9);
  });

  it('agrees with a join on edgeKey strings', () => {
    const { a, b } = gridRunPair(20);
    const join = joinEdges(a.edges, b.edges);
    const indexB = new Map<string, number>();
    for (let e = 0; e < b.edges.count; e++) indexB.set(edgeKeyOf(b.edges, e), e);
    const pairs: [number, number][] = [];
    const onlyA: number[] = [];
    for (let e = 0; e < a.edges.count; e++) {
      const j = indexB.get(edgeKeyOf(a.edges, e));
      if (j === undefined) onlyA.push(e);
      else pairs.push([e, j]);
    }
    expect(Array.from(join.a, (e, i) => [e, join.b[i]])).toEqual(pairs);
    expect(Array.from(join.onlyA)).toEqual(onlyA);
    expect(join.onlyA.length).toBe(2);
    expect(join.onlyB.length).toBe(2);
    expect(join.a.length + join.onlyB.length).toBe(b.edges.count);
  });

  it('matches parallel edges that share a key in their order', () => {
    const twin = (flow: number): EdgeSpec => ({ way: 5, points: [P(-56.1, -15.6), P(-56.099, -15.6)], flow });
    const c = compareRuns(run([twin(100), twin(200)]), run([twin(150), twin(260)]));
    expect(c.edges.matched).toBe(2);
    expect(Array.from(c.edges.join.deltaFlow)).toEqual([50, 60]);
    expect(compareRuns(run([twin(100), twin(200)]), run([twin(150)])).edges.removed).toHaveLength(1);
  });

  it('matches a reversed way as a different edge', () => {
    const b = baseEdges();
    b[4] = { way: 30, dir: 1, points: [P(-56.096, -15.598), P(-56.097, -15.599)], flow: 100 };
    const c = compareRuns(run(baseEdges()), run(b));
    expect(c.edges.removed.map((e) => `${e.way}:${e.dir}`)).toEqual(['30:0']);
    expect(c.edges.added.map((e) => `${e.way}:${e.dir}`)).toEqual(['30:1']);
  });

  it('orders the top lists by Δv/c, then Δflow, then key, and keeps one row per way and direction', () => {
    const a = baseEdges();
    const b = baseEdges();
    b[0]!.flow = 700; // way 10 dir 0: +0.2
    b[2]!.flow = 600; // way 10 dir 0: +0.3, the larger one stands for the way
    b[1]!.flow = 200; // way 10 dir 1: −0.2
    b[3]!.flow = 600; // way 20: −0.2, tie with way 10 dir 1 on Δv/c and Δflow → key order
    b[4]!.flow = 400; // way 30: +0.3, tie with way 10 dir 0 on Δv/c and Δflow → key order
    const c = compareRuns(run(a), run(b));
    expect(c.topWorse.map((r) => r.way)).toEqual([10, 30]);
    expect(c.topWorse[0]!.flowB).toBe(600);
    expect(c.topBetter.map((r) => `${r.way}:${r.dir}`)).toEqual(['10:1', '20:0']);
    const again = compareRuns(run(a), run(b));
    expect(again.topWorse).toEqual(c.topWorse);
    expect(compareRuns(run(a), run(b), { top: 1 }).topBetter.map((r) => r.way)).toEqual([10]);
    const bigger = baseEdges();
    bigger[4]!.flow = 500; // now way 30 (+0.4) leads
    expect(compareRuns(run(a), run(bigger)).topWorse[0]!.way).toBe(30);
  });

  it('uses Δflow to break a tie in Δv/c', () => {
    const a: EdgeSpec[] = [
      { way: 1, points: [P(0, 0), P(0.001, 0)], flow: 100, capacity: 1000 },
      { way: 2, points: [P(0, 0.001), P(0.001, 0.001)], flow: 200, capacity: 2000 },
    ];
    const b: EdgeSpec[] = [
      { ...a[0]!, flow: 200 },
      { ...a[1]!, flow: 400 },
    ];
    expect(compareRuns(run(a), run(b)).topWorse.map((r) => r.way)).toEqual([2, 1]);
  });

  it('compares zone-pair times weighted by the baseline trips', () => {
    const slower = { ...zones, minutes: [0, 12, 20, 9.5, 0, 15, 20, 13, 0] };
    const c = compareRuns(run(baseEdges()), runFromEdges({ edges: baseEdges(), zones: slower }));
    // Changes: a→b +2 (100 trips), b→a −0.5 (100), c→b −2 (30); others 0.
    const trips = 100 + 50 + 100 + 30 + 50 + 30;
    expect(c.zones.tripsCompared).toBe(trips);
    expect(c.zones.meanChangeMin).toBeCloseTo((200 - 50 - 60) / trips, 5);
    expect(c.zones.shareSlower).toBeCloseTo(100 / trips, 9);
    expect(c.zones.shareFaster).toBeCloseTo(30 / trips, 9);
    expect(c.zones.topSlower.map((p) => [p.from, p.to])).toEqual([['a', 'b']]);
    expect(c.zones.topFaster.map((p) => [p.from, p.to])).toEqual([
      ['c', 'b'],
      ['b', 'a'],
    ]);
    expect(c.zones.topSlower[0]).toMatchObject({ minA: 10, trips: 100 });
    expect(c.zones.topSlower[0]!.minB).toBeCloseTo(12, 4);
    expect(c.zones.histogram.trips).toEqual([0, 0, 30, 100 + 50 + 50 + 30, 100, 0, 0]);
  });

  it('lists only zone pairs with at least one trip and a change of 3 seconds or more', () => {
    const few = { ...zones, trips: [0, 0.4, 50, 100, 0, 30, 50, 30, 0] };
    const b = { ...few, minutes: [0, 19, 20, 10.04, 0, 15, 20, 15, 0] };
    const c = compareRuns(runFromEdges({ edges: baseEdges(), zones: few }), runFromEdges({ edges: baseEdges(), zones: b }));
    expect(c.zones.topSlower).toEqual([]); // a→b: +9 min but 0.4 trips
    expect(c.zones.topFaster).toEqual([]);
    expect(c.zones.meanChangeMin).toBeCloseTo((0.4 * 9 + 100 * 0.04) / (0.4 + 50 + 100 + 30 + 50 + 30), 5);
  });

  it('joins zones by id whatever their order, and counts unreachable trips', () => {
    const reordered = { ids: ['c', 'a', 'b'], minutes: [0, 20, NaN, 20, 0, 10, 15, 10, 0], trips: [0, 50, 30, 50, 0, 100, 30, 100, 0] };
    const c = compareRuns(run(baseEdges()), runFromEdges({ edges: baseEdges(), zones: reordered }));
    expect(c.zones.zonesJoined).toBe(3);
    expect(c.zones.tripsUnreachableB).toBe(30); // c→b
    expect(c.zones.meanChangeMin).toBe(0);
  });

  it('joins attractions by name and totals as deltas with percentages', () => {
    const a = run(baseEdges(), { attractions: [{ name: 'Arena', lon: 0, lat: 0, accessMin: 20 }, { name: 'Gone', lon: 0, lat: 0, accessMin: 5 }], totals: { vkt: 1000, co2Kg: 0 } });
    const b = run(baseEdges(), { attractions: [{ name: 'New', lon: 0, lat: 0, accessMin: 7 }, { name: 'Arena', lon: 0, lat: 0, accessMin: 18.5 }], totals: { vkt: 950, co2Kg: 12 } });
    const c = compareRuns(a, b);
    expect(c.attractions).toEqual([
      { name: 'Arena', lon: 0, lat: 0, a: 20, b: 18.5, delta: -1.5 },
      { name: 'Gone', lon: 0, lat: 0, a: 5, b: null, delta: null },
      { name: 'New', lon: 0, lat: 0, a: null, b: 7, delta: null },
    ]);
    expect(c.totals.vkt).toEqual({ a: 1000, b: 950, delta: -50, pct: -5 });
    expect(c.totals.co2Kg).toEqual({ a: 0, b: 12, delta: 12, pct: null });
  });

  it('says when two runs do not total the same trips, and carries both unreachable counts', () => {
    const a = run(baseEdges(), { totals: { trips: 50_135, unreachableTrips: 0 } });
    const same = compareRuns(a, run(baseEdges(), { totals: { trips: 50_135, unreachableTrips: 0.2 } }));
    expect(same.sameTrips).toBe(true);
    const stranded = compareRuns(a, run(baseEdges(), { totals: { trips: 50_135, unreachableTrips: 1_744 } }));
    expect(stranded.sameTrips).toBe(false);
    expect(stranded.totals.unreachableTrips).toMatchObject({ a: 0, b: 1_744, delta: 1_744 });
    const json = comparisonJson(stranded, 'r.html');
    expect(json.trips).toMatchObject({ a: 50_135, b: 50_135, unreachable: { a: 0, b: 1_744 }, same: false });
    expect(compareRuns(a, run(baseEdges(), { totals: { trips: 57_186 } })).sameTrips).toBe(false);
  });

  it('refuses runs of another city, period or seed with one line naming what differs', () => {
    const a = run(baseEdges());
    const b = run(baseEdges(), { meta: { period: 'pm-peak', seed: 2 } });
    expect(() => compareRuns(a, b)).toThrow(CompareError);
    expect(() => compareRuns(a, b)).toThrow(/differ in period \(A: am-peak, B: pm-peak\), seed \(A: 1, B: 2\)/);
    expect(() => compareRuns(a, run(baseEdges(), { meta: { city: 'sinop' } }))).toThrow(/city \(A: cuiaba, B: sinop\)/);
    try {
      compareRuns(a, b);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('rejects an edge without geometry', () => {
    const a = run(baseEdges());
    a.edges.geometryOffsets[1] = a.edges.geometryOffsets[0]! + 1;
    expect(() => compareRuns(a, run(baseEdges()))).toThrow(/run A: edge 0 has 1 geometry points, expected at least 2/);
  });

  it('gives the interface JSON the CLI prints', () => {
    const { a, b } = gridRunPair(8);
    const json = comparisonJson(compareRuns(a, b), 'runs/x/report.html');
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['vkt', 'vht', 'meanTripMin', 'topWorse', 'topBetter', 'report']));
    expect(json.vkt).toMatchObject({ a: a.totals.vkt, b: b.totals.vkt, delta: b.totals.vkt - a.totals.vkt });
    expect(json.topWorse[0]).toEqual(expect.objectContaining({ way: expect.any(Number), dir: expect.any(Number), deltaVc: expect.any(Number) }));
    expect(json.report).toBe('runs/x/report.html');
    const text = JSON.stringify(json);
    expect(JSON.parse(text).edges.removed).toBe(2);
    expect(text).not.toContain('"join"');
  });
});

describe('comparison helpers', () => {
  it('puts v/c values into the documented bins', () => {
    expect([0, 0.2499, 0.25, 0.74, 0.75, 0.89, 0.9, 0.99, 1, 1.2, 1.25, 9].map(vcBin)).toEqual([0, 0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });

  it('puts minute changes into the documented bins', () => {
    expect([-9, -5, -3, -2, -1.5, -1, 0, 1, 1.5, 2, 3, 5, 5.1].map(changeBin)).toEqual([0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6]);
  });

  it('finds the midpoint along the polyline, not between the ends', () => {
    const r = runFromEdges({ edges: [{ way: 1, points: [P(0, 0), P(0.003, 0), P(0.003, 0.001)], flow: 0 }] });
    const [lon, lat] = edgeMidpoint(r.edges, 0);
    expect(lon).toBeCloseTo(0.002, 9);
    expect(lat).toBe(0);
  });
});
