/**
 * Cordon gateways on the real São Paulo extract (data/osm/sao-paulo/spo_osm.pbf). The extract
 * drops the outside nodes from its ways (no missing node reference), so its cuts are the ends of
 * major roads that no other way shares. 70 cut directions reach a node of the kept graph, at 60
 * gateway nodes; 22 of them only by walking on past their own way's end (a one-way carriageway
 * drawn as several ways loses all of its first ones with the dead end: 48 before that walk).
 */
import { describe, expect, it } from 'vitest';
import { loadExternalParameters } from '../engine/demand/external.ts';
import { cityExternalGateways } from './city-external.ts';
import { cityBySlug, defaultOsmFile, loadCityGraph } from './city-graphs.ts';
import { cordonGateways, loadCordonParameters } from './cordon-gateways.ts';

describe('cordon gateways of the São Paulo extract', () => {
  const city = cityBySlug('sao-paulo');
  const { graph } = loadCityGraph(city);
  const osm = defaultOsmFile(city)!;

  it('finds 70 cut directions of major roads at 60 gateway nodes, by class and direction', () => {
    const { gateways, cuts } = cordonGateways(osm, graph);
    const by: Record<string, number> = {};
    for (const c of cuts) by[`${c.roadClass} ${c.direction}`] = (by[`${c.roadClass} ${c.direction}`] ?? 0) + 1;
    expect(cuts).toHaveLength(70);
    expect(by).toEqual({
      'motorway_link in': 1, 'motorway_link out': 1, 'trunk in': 5, 'trunk out': 9, 'trunk_link in': 3, 'trunk_link out': 3,
      'primary in': 12, 'primary out': 14, 'primary_link out': 2, 'secondary in': 12, 'secondary out': 8,
    });
    expect(gateways).toHaveLength(60);
    for (const c of cuts) expect(c.node).toBeLessThan(graph.nodeCount);
    // every gateway lies on a kept node and carries traffic in or out
    for (const g of gateways) expect(g.inCars + g.outCars).toBeGreaterThan(0);
  });

  it('gives each direction its assumed share of capacity in the 07–08 hour, trucks at the assumed share', () => {
    const p = loadCordonParameters();
    const { gateways, cuts } = cordonGateways(osm, graph);
    const hourly = cuts.filter((c) => c.direction === 'in').reduce((s, c) => s + p.utilisation[c.roadClass]! * c.capacityVph, 0);
    expect(Math.round(hourly)).toBe(44_200);
    const inTrucks = gateways.reduce((s, g) => s + g.inTrucks, 0);
    const inCars = gateways.reduce((s, g) => s + g.inCars, 0);
    // in the 07–08 hour (the profiles' share of the day) the trucks are the assumed share of the flow, and the flow the hourly sum
    const { profile } = loadExternalParameters();
    const carsHour = inCars * profile.cars[7]!;
    const trucksHour = inTrucks * profile.trucks[7]!;
    expect(trucksHour / (carsHour + trucksHour)).toBeCloseTo(p.truckShare, 9);
    expect(carsHour + trucksHour).toBeCloseTo(hourly, 6);
  });

  it('is what "demand": {"external": true} uses in São Paulo, which has no DNIT highway gateway', () => {
    const e = cityExternalGateways(city, graph);
    expect(e.kind).toBe('cordon');
    expect(e.gateways).toHaveLength(60);
    expect(e.notes[0]).toMatch(/^no DNIT highway gateway: 60 cordon gateways/);
    expect(e.notes[1]).toContain('an assumption');
  });
});
