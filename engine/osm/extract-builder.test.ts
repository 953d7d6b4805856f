import { describe, expect, it } from 'vitest';
import { ExtractBuilder, hasPoiKey } from './extract-builder.ts';

describe('ExtractBuilder', () => {
  it('grows past its first capacity and keeps sorted input as it is', () => {
    const b = new ExtractBuilder(16);
    for (let i = 0; i < 1000; i++) b.addNode(2 ** 33 + i, -56 + i / 1e4, -15 - i / 1e4);
    const e = b.finish({ format: 'pbf', file: 'f' });
    expect(e.nodeIds.length).toBe(1000);
    expect(e.nodeIds[999]).toBe(2 ** 33 + 999); // beyond 32 bits, exact
    expect(e.nodeLon[500]).toBe(-56 + 500 / 1e4);
    expect(e.nodeLat[999]).toBe(-15 - 999 / 1e4);
  });

  it('sorts by id and keeps the last of duplicated nodes, ways and POIs', () => {
    const b = new ExtractBuilder();
    b.addNode(30, 3, 3);
    b.addNode(10, 1, 1);
    b.addNode(30, 3.5, 3.5); // a newer version of node 30
    b.addNode(20, 2, 2);
    b.addWay(7, [10, 20], { highway: 'primary' });
    b.addWay(5, [20, 30], { highway: 'service' });
    b.addWay(7, [10, 30], { highway: 'secondary' });
    b.addPoi(30, 3, 3, { amenity: 'cafe' });
    b.addPoi(10, 1, 1, { tourism: 'museum' });
    const e = b.finish({ format: 'xml', file: 'f' });
    expect(Array.from(e.nodeIds)).toEqual([10, 20, 30]);
    expect(Array.from(e.nodeLon)).toEqual([1, 2, 3.5]);
    expect(Array.from(e.nodeLat)).toEqual([1, 2, 3.5]);
    expect(e.ways).toEqual([
      { id: 5, nodes: [20, 30], tags: { highway: 'service' } },
      { id: 7, nodes: [10, 30], tags: { highway: 'secondary' } },
    ]);
    expect(e.pois.map((p) => p.id)).toEqual([10, 30]);
  });

  it('knows the POI keys', () => {
    expect(hasPoiKey({ historic: 'monument' })).toBe(true);
    expect(hasPoiKey({ leisure: 'park', name: 'Parque Mãe Bonifácia' })).toBe(true);
    expect(hasPoiKey({ shop: 'bakery', highway: 'bus_stop' })).toBe(false);
  });
});
