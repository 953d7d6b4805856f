import { describe, expect, it } from 'vitest';
import { clipPolyline, insideRings, LocalFrame, segmentIntersection } from './local-frame.ts';
import { planarize } from './planarize.ts';

const square = [Float64Array.from([0, 0, 100, 0, 100, 100, 0, 100, 0, 0])];

describe('local frame geometry', () => {
  it('round-trips lon/lat and measures about 111.2 km per degree of latitude', () => {
    const f = new LocalFrame(-56.0974, -15.601);
    expect(f.y(-14.601)).toBeCloseTo(111_195, 0);
    expect(f.lon(f.x(-55.5))).toBeCloseTo(-55.5, 12);
    expect(f.lat(f.y(-16))).toBeCloseTo(-16, 12);
  });

  it('tests points in polygons with holes', () => {
    const withHole = [...square, Float64Array.from([40, 40, 60, 40, 60, 60, 40, 60, 40, 40])];
    expect(insideRings(withHole, 10, 10)).toBe(true);
    expect(insideRings(withHole, 50, 50)).toBe(false);
    expect(insideRings(withHole, 150, 50)).toBe(false);
  });

  it('finds a crossing and refuses parallel segments', () => {
    const hit = { t: 0, u: 0 };
    expect(segmentIntersection(0, 0, 10, 10, 0, 10, 10, 0, hit)).toBe(true);
    expect(hit.t).toBeCloseTo(0.5, 12);
    expect(segmentIntersection(0, 0, 10, 0, 0, 1, 10, 1, hit)).toBe(false);
  });

  it('clips a polyline to the parts inside, ending on the boundary', () => {
    const parts = clipPolyline([-50, 50, 50, 50, 150, 50, 150, 20, 50, 20], square);
    expect(parts).toEqual([
      [0, 50, 50, 50, 100, 50],
      [100, 20, 50, 20],
    ]);
  });
});

describe('planarize', () => {
  it('puts a node where two roads cross and cuts both there', () => {
    const p = planarize(
      [
        { points: [0, 50, 100, 50], noded: false },
        { points: [50, 0, 50, 100], noded: false },
      ],
      { cellM: 30, snapM: 1 },
    );
    expect(p.nodeX.length).toBe(5);
    expect(p.pieces.map((x) => [x.road, x.points.length / 2])).toEqual([[0, 2], [0, 2], [1, 2], [1, 2]]);
    const centre = p.pieces[0].b;
    expect([p.nodeX[centre], p.nodeY[centre]]).toEqual([50, 50]);
  });

  it('moves a crossing near a segment end onto that end', () => {
    const p = planarize(
      [
        { points: [0, 0, 100, 0, 200, 0], noded: false },
        { points: [103, -50, 103, 50], noded: false },
      ],
      { cellM: 40, snapM: 5 },
    );
    const junction = p.pieces.find((x) => x.road === 1)!.b;
    expect([p.nodeX[junction], p.nodeY[junction]]).toEqual([100, 0]);
    expect(p.pieces.filter((x) => x.road === 0)).toHaveLength(2);
  });

  it('does not test two noded roads against each other, and keeps shape points that no other road uses', () => {
    const p = planarize(
      [
        { points: [0, 0, 50, 10, 100, 0], noded: true },
        { points: [50, -50, 50, 50], noded: true },
      ],
      { cellM: 40, snapM: 1 },
    );
    expect(p.pieces).toHaveLength(2);
    expect(p.pieces[0].points).toEqual([0, 0, 50, 10, 100, 0]);
  });
});
