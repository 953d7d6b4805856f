/**
 * Cordon gateways of a city's OSM extract, for `"demand": {"external": true}` in a city with no
 * DNIT highway gateway (São Paulo): where the extract's boundary cuts a major road
 * (engine/osm/cordon-cuts.ts), the vehicles entering and leaving there. Their volumes are an
 * assumption, not data (data/demand/cordon.json): in the 07–08 hour a cut direction carries a
 * share of its capacity by class, and the day's volume is that flow over the hour's share of the
 * class's 24-hour profile. Cuts that reach the same graph node are one gateway with their
 * volumes summed. The external, internal and through trips are then drawn as for highway
 * gateways (engine/demand/external.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExternalGateway } from '../engine/demand/demand.ts';
import { loadExternalParameters } from '../engine/demand/external.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { CORDON_CLASSES, cordonCuts, type CordonCut } from '../engine/osm/cordon-cuts.ts';
import { readOsmFile } from '../engine/osm/read-osm.ts';

export const CORDON_FILE = fileURLToPath(new URL('../data/demand/cordon.json', import.meta.url));

/** The hour the utilisation is stated for: 07–08, index 7 of the 24-hour profiles. */
const UTILISATION_HOUR = 7;

export interface CordonParameters {
  utilisation: Record<string, number>;
  truckShare: number;
}

export function loadCordonParameters(file = CORDON_FILE): CordonParameters {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { utilisation: Record<string, number>; truckShare: { value: number } };
  for (const c of CORDON_CLASSES) {
    const u = raw.utilisation?.[c];
    if (!(typeof u === 'number' && u >= 0 && u <= 1)) throw new Error(`${file}: utilisation.${c} — expected a share from 0 to 1`);
  }
  const t = raw.truckShare?.value;
  if (!(typeof t === 'number' && t >= 0 && t <= 1)) throw new Error(`${file}: truckShare.value — expected a share from 0 to 1`);
  return { utilisation: raw.utilisation, truckShare: t };
}

export function cordonGateways(osmFile: string, graph: RoadGraph, p: CordonParameters = loadCordonParameters()): { gateways: ExternalGateway[]; cuts: CordonCut[]; notes: string[] } {
  const cuts = cordonCuts(readOsmFile(osmFile), graph);
  const profile = loadExternalParameters().profile;
  const carsHour = profile.cars[UTILISATION_HOUR]!;
  const trucksHour = profile.trucks[UTILISATION_HOUR]!;
  const byNode = new Map<number, ExternalGateway>();
  for (const c of cuts) {
    const v = p.utilisation[c.roadClass]! * c.capacityVph;
    const g = byNode.get(c.node) ?? { id: '', lon: graph.nodeLon[c.node]!, lat: graph.nodeLat[c.node]!, inCars: 0, inTrucks: 0, outCars: 0, outTrucks: 0 };
    const cars = ((1 - p.truckShare) * v) / carsHour;
    const trucks = (p.truckShare * v) / trucksHour;
    if (c.direction === 'in') {
      g.inCars += cars;
      g.inTrucks += trucks;
    } else {
      g.outCars += cars;
      g.outTrucks += trucks;
    }
    byNode.set(c.node, g);
  }
  const gateways = [...byNode.entries()].sort((a, b) => a[0] - b[0]).map(([, g], i) => ({ ...g, id: `cordon-${i + 1}` }));
  const classes = new Map<string, number>();
  for (const c of cuts) classes.set(c.roadClass, (classes.get(c.roadClass) ?? 0) + 1);
  const inbound = cuts.filter((c) => c.direction === 'in').reduce((s, c) => s + p.utilisation[c.roadClass]! * c.capacityVph, 0);
  const outbound = cuts.filter((c) => c.direction === 'out').reduce((s, c) => s + p.utilisation[c.roadClass]! * c.capacityVph, 0);
  const notes = [
    `${gateways.length} cordon gateways where the extract's boundary cuts a major road (${cuts.length} cut directions: ${[...classes].map(([k, n]) => `${n} ${k}`).join(', ')})`,
    `cordon volumes are an assumption (data/demand/cordon.json), not data: ${Math.round(inbound)} vehicles in and ${Math.round(outbound)} out in the 07–08 hour`,
  ];
  return { gateways, cuts, notes };
}
