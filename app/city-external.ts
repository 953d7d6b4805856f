/**
 * A city's external and through traffic for `"demand": {"external": true}`: its DNIT highway
 * gateways with the ANTT plaza volumes (external-demand.ts), or, when its network has no
 * highway gateway at all and was built from an OSM extract, the cordon gateways where the
 * extract's boundary cuts a major road (cordon-gateways.ts).
 */
import type { City } from '../engine/city/registry.ts';
import type { ExternalGateway } from '../engine/demand/demand.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { defaultOsmFile } from './city-graphs.ts';
import { cordonGateways } from './cordon-gateways.ts';
import { externalGateways } from './external-demand.ts';

export function cityExternalGateways(city: City, graph: RoadGraph): { gateways: ExternalGateway[]; notes: string[]; kind: 'highway' | 'cordon' | 'none' } {
  const highway = externalGateways(city, graph);
  // a highway gateway found (with or without a plaza) leaves a note; none found leaves none
  if (highway.gateways.length > 0 || highway.notes.length > 0) return { ...highway, kind: 'highway' };
  const osm = defaultOsmFile(city);
  if (!osm) return { ...highway, kind: 'none' };
  const cordon = cordonGateways(osm, graph);
  return { gateways: cordon.gateways, notes: cordon.notes.map((n, i) => (i === 0 ? `no DNIT highway gateway: ${n}` : n)), kind: cordon.gateways.length > 0 ? 'cordon' : 'none' };
}
