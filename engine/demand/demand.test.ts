import { describe, expect, it } from 'vitest';
import type { City } from '../city/registry.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { TripKind } from './agents.ts';
import { buildDemand } from './demand.ts';
import { DemandInputError } from './errors.ts';

/** A 12 × 12 two-way grid, 300 m apart, around (-56.1, -15.6); residential with two primary rows. */
function grid(): RoadGraph {
  const b = new GraphBuilder({ name: 'test grid', source: 'test', synthetic: true });
  const k = 12;
  const step = 0.0028;
  const id = (i: number, j: number) => i * k + j;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) b.addNode(-56.1 + j * step, -15.6 + i * step);
  const edge = (u: number, v: number, cls: string) => {
    for (const [t, h] of [[u, v], [v, u]]) b.addEdge({ tail: t, head: h, lengthM: 300, speedKmh: 40, capacityVph: 800, lanes: 1, roadClass: roadClassCode(cls) });
  };
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (j + 1 < k) edge(id(i, j), id(i, j + 1), i === 3 || i === 8 ? 'primary' : 'residential');
      if (i + 1 < k) edge(id(i, j), id(i + 1, j), 'residential');
    }
  }
  return b.finish();
}

const city: City = {
  slug: 'testville',
  name: 'Testville',
  ibge: 5199999,
  role: 'pilot',
  seat: [-56.085, -15.585],
  population: { value: 50_000, year: 2021, source: 'test' },
  polygonKind: 'municipality',
  polygon: { type: 'Polygon', coordinates: [[[-56.11, -15.61], [-56.06, -15.61], [-56.06, -15.56], [-56.11, -15.56], [-56.11, -15.61]]] },
  tourism: { domesticVisitors: 36_500, internationalVisitors: 0, lodgingEstablishments: 3, lodgingJobs: 10, category: 'C', year: 2019, source: 'test' },
  network: { source: 'stand-in' },
};

const g = grid();
const event = { name: 'Show', lon: -56.09, lat: -15.59, attendance: 10_000, startS: 20 * 3600, endS: 23 * 3600 };

describe('buildDemand (small grid)', () => {
  const d = buildDemand(city, g, { seed: 42, events: [event], targetMeanTripKm: 1.5 });

  it('spreads the whole population and connects every zone to a graph node', () => {
    expect(d.summary.population).toBe(50_000);
    expect(d.zones.estimated).toBe(true);
    expect(d.zones.unconnected).toEqual([]);
    for (let z = 0; z < d.zones.count; z++) expect(d.zoneNode[z]).toBeLessThan(g.nodeCount);
  });

  it('balances the gravity model: trips leaving and arriving match the productions and attractions', () => {
    const n = d.zones.count;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let row = 0;
      let col = 0;
      for (let j = 0; j < n; j++) {
        row += d.commute[i * n + j];
        col += d.commute[j * n + i];
      }
      total += row;
      if (d.productions[i] > 0) expect(Math.abs(row - d.productions[i]) / d.productions[i]).toBeLessThan(1e-6);
      if (d.attractions[i] > 0) expect(Math.abs(col - d.attractions[i]) / d.attractions[i]).toBeLessThan(1e-6);
    }
    // Total = population × work trips per resident × vehicle share (parameters.json).
    expect(total).toBeCloseTo(50_000 * 0.963 * 0.3, 6);
    expect(Math.abs(d.calibration.meanKm - 1.5) / 1.5).toBeLessThan(1e-3);
  });

  it('the day matrix plus trips within zones holds every trip of the agent list', () => {
    const day = d.matrices.day.total + d.intrazonal.day;
    let expected = 0;
    for (let k = 0; k < d.commute.length; k++) expected += 2 * d.commute[k];
    expected += d.summary.trips.tourist + d.summary.trips.event;
    expect(day).toBeCloseTo(expected, 6);
    const commuteAgents = d.summary.trips.commute;
    expect(Math.abs(commuteAgents - 2 * 50_000 * 0.963 * 0.3) / commuteAgents).toBeLessThan(0.02);
  });

  it('adds event trips to the place before the start and back after the end', () => {
    const a = d.agents;
    let to = 0;
    let from = 0;
    for (let t = 0; t < a.count; t++) {
      if (a.kind[t] !== TripKind.Event) continue;
      if (a.leg[t] === 0) {
        to++;
        expect(a.departS[t]).toBeLessThanOrEqual(event.startS);
        expect(a.departS[t]).toBeGreaterThanOrEqual(event.startS - 7200);
      } else {
        from++;
        expect(a.departS[t]).toBeGreaterThanOrEqual(event.endS);
      }
    }
    expect(to).toBe(from);
    expect(Math.abs(to - 10_000 * 0.35) / 3500).toBeLessThan(0.01);
  });

  it('makes tours lodging → 1–3 attractions → lodging with rising departure times', () => {
    const a = d.agents;
    const legs = new Map<number, { leg: number; s: number; o: number; d: number }[]>();
    for (let t = 0; t < a.count; t++) {
      if (a.kind[t] !== TripKind.Tourist) continue;
      const list = legs.get(a.chain[t]) ?? [];
      list.push({ leg: a.leg[t], s: a.departS[t], o: a.originZone[t], d: a.destZone[t] });
      legs.set(a.chain[t], list);
    }
    expect(legs.size).toBeGreaterThan(0);
    for (const list of legs.values()) {
      list.sort((x, y) => x.leg - y.leg);
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list[list.length - 1].d).toBe(list[0].o);
      for (let k = 1; k < list.length; k++) {
        expect(list[k].o).toBe(list[k - 1].d);
        expect(list[k].s).toBeGreaterThan(list[k - 1].s);
      }
    }
    expect(d.summary.touristVisitorsPerDay).toBeCloseTo(100, 9);
  });

  it('says where tourists were placed: this grid has no OSM hotels, so lodging is at the seat', () => {
    expect(d.summary.tourismPlaces?.lodging).toBe('seat');
    expect(['osm-pois', 'curated', 'poi-file', 'seat']).toContain(d.summary.tourismPlaces?.attractions);
    const hotels = [{ id: 1, lon: city.seat[0], lat: city.seat[1], tags: { tourism: 'hotel' } }];
    expect(buildDemand(city, g, { seed: 42, targetMeanTripKm: 1.5, pois: hotels }).summary.tourismPlaces?.lodging).toBe('osm-hotels');
    expect(buildDemand(city, g, { seed: 42, targetMeanTripKm: 1.5, tourists: false }).summary.tourismPlaces).toBeUndefined();
  });

  it('is the same for the same seed and differs for another', () => {
    const again = buildDemand(city, g, { seed: 42, events: [event], targetMeanTripKm: 1.5 });
    expect(Buffer.from(again.agents.departS.buffer).equals(Buffer.from(d.agents.departS.buffer))).toBe(true);
    expect(Buffer.from(again.agents.originNode.buffer).equals(Buffer.from(d.agents.originNode.buffer))).toBe(true);
    expect(again.matrices['am-peak'].flow).toEqual(d.matrices['am-peak'].flow);
    expect(again.summary).toEqual(d.summary);
    const other = buildDemand(city, g, { seed: 43, events: [event], targetMeanTripKm: 1.5 });
    expect(Buffer.from(other.agents.departS.buffer).equals(Buffer.from(d.agents.departS.buffer))).toBe(false);
  });

  it('scales every volume', () => {
    const half = buildDemand(city, g, { seed: 42, scale: 0.5, tourists: false, targetMeanTripKm: 1.5 });
    expect(half.matrices.day.total + half.intrazonal.day).toBeCloseTo(50_000 * 0.963 * 0.3, 4);
    expect(half.summary.trips.tourist).toBe(0);
  });
});

describe('buildDemand: bad input answers with one line', () => {
  const oneLine = (fn: () => unknown, pattern: RegExp) => {
    let caught: unknown;
    try {
      fn();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DemandInputError);
    const message = (caught as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(pattern);
  };

  it('a city without population', () => {
    const noPop = { ...city, population: undefined } as unknown as City;
    oneLine(() => buildDemand(noPop, g, { seed: 1 }), /^city "testville": population\.value is missing, expected a positive number/);
  });

  it('an event outside the city', () => {
    oneLine(() => buildDemand(city, g, { seed: 1, events: [{ ...event, lon: -55.9 }] }), /^event 0 \("Show"\): position \[-55\.9, -15\.59\] is outside Testville/);
  });

  it('a negative scale', () => {
    oneLine(() => buildDemand(city, g, { seed: 1, scale: -1 }), /^scale is -1, expected a number ≥ 0$/);
  });
});
