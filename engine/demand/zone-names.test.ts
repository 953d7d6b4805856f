import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import type { OsmPoi } from '../osm/osm-extract.ts';
import { zoneNames } from './zone-names.ts';

/** Two parallel streets 200 m apart (ways 1 "Rua A" and 2 "Rua B"), crossed by way 3 "Avenida C"; way 4 has no name. */
function graph() {
  const b = new GraphBuilder({ name: 'g', source: 'test', synthetic: false });
  const n = (lon: number, lat: number) => b.addNode(-51.2 + lon, -30 + lat);
  const [a0, a1, b0, b1, c0, c1, d0, d1] = [n(0, 0), n(0.01, 0), n(0, 0.002), n(0.01, 0.002), n(0.005, -0.002), n(0.005, 0.004), n(0.05, 0), n(0.06, 0)];
  const road = (t: number, h: number, way: number) => b.addEdge({ tail: t, head: h, lengthM: 100, speedKmh: 30, capacityVph: 600, lanes: 1, roadClass: roadClassCode('residential'), osmWayId: way });
  road(a0, a1, 1);
  road(b0, b1, 2);
  road(c0, c1, 3);
  road(d0, d1, 4);
  b.nameWay(1, 'Rua A');
  b.nameWay(2, 'Rua B');
  b.nameWay(3, 'Avenida C');
  return b.finish();
}

const zones = (points: [number, number][], ids?: string[]) => ({
  count: points.length,
  id: ids ?? points.map((_, i) => `89a${i}`),
  lon: points.map(([x]) => -51.2 + x),
  lat: points.map(([, y]) => -30 + y),
});

describe('zoneNames', () => {
  it('names a zone by the nearest OSM place, else the nearest named street, else a named point, else nothing', () => {
    const g = graph();
    const pois: OsmPoi[] = [
      { id: 1, lon: -51.2 + 0.002, lat: -30 + 0.0005, tags: { place: 'neighbourhood', name: 'Bom Fim' } },
      { id: 2, lon: -51.2 + 0.055, lat: -30 + 0.0003, tags: { amenity: 'school', name: 'Escola Estadual' } },
    ];
    const z = zones([[0.002, 0.0002], [0.009, 0.0003], [0.055, 0.0002], [0.2, 0.2]]);
    // the place is within 1.5 km of the first two zones
    expect(zoneNames(z, g, new EdgeIndex(g), pois)).toEqual(['Bom Fim', 'Bom Fim (2)', 'Escola Estadual', '']);
    // without places: the two zones nearest Rua A, both with Rua B next, then a counter; way 4 has no name
    expect(zoneNames(z, g, new EdgeIndex(g), [])).toEqual(['Rua A × Rua B', 'Rua A × Rua B (2)', '', '']);
  });

  it('tells zones on one street apart by the corner, then by a counter', () => {
    const g = graph();
    // the first and third lie on Avenida C with Rua A next; the second is nearest Rua A alone
    const z = zones([[0.005, 0.0003], [0.009, 0.0008], [0.0051, 0.0003]]);
    expect(zoneNames(z, g, new EdgeIndex(g), [])).toEqual(['Avenida C × Rua A', 'Rua A', 'Avenida C × Rua A (2)']);
  });

  it('names a gateway by its city', () => {
    const g = graph();
    expect(zoneNames(zones([[0, 0]], ['gateway:cuiaba']), g, new EdgeIndex(g), [], (s) => (s === 'cuiaba' ? 'Cuiabá' : undefined))).toEqual(['Cuiabá']);
  });
});
