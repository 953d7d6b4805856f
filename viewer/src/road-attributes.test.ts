import { describe, expect, it } from 'vitest';
import { runFromEdges } from '../../test/fixtures/compare-runs.ts';
import { decodeResult, encodeResult } from '../../engine/metrics/result-file.ts';
import { DIFF_CLASSES, NEW_LINK_RGB, VC_CLASSES, widthOf } from '../../engine/display/palette.ts';
import { maxFlow, paintRoads, roadPathData, runBounds } from './road-attributes.ts';
import type { ViewerRun } from './result-decode.ts';

const line = (x: number): [number, number][] => [
  [x, 0],
  [x + 0.001, 0.001],
  [x + 0.002, 0],
];
const runA = runFromEdges({ edges: [{ way: 1, points: line(0), flow: 200, capacity: 1000 }, { way: 2, points: [[0.01, 0], [0.02, 0.01]], flow: 950, capacity: 1000 }] });
const fullB = runFromEdges({
  edges: [
    { way: 1, points: line(0), flow: 600, capacity: 1000 },
    { way: 2, points: [[0.01, 0], [0.02, 0.01]], flow: 500, capacity: 1000 },
    { way: 3, points: [[0.03, 0], [0.04, 0]], flow: 100, capacity: 1000 },
  ],
});
const runB: ViewerRun = fullB;

const rgbAt = (data: ReturnType<typeof roadPathData>, p: number) => Array.from(data.attributes.getColor.value.subarray(4 * p, 4 * p + 3));

describe('binary road attributes', () => {
  it('uses the geometry columns as they are: start indices and float64 positions', () => {
    const data = roadPathData(runA);
    expect(data.length).toBe(2);
    expect(data.startIndices).toBe(runA.edges.geometryOffsets);
    expect(data.attributes.getPath.value).toBe(runA.edges.geometryCoords);
    expect(data.attributes.getColor.value.length).toBe(5 * 4);
    expect(data.attributes.getWidth.value.length).toBe(5);
  });

  it('colours every vertex of an edge by its v/c class and sizes it by volume', () => {
    const data = roadPathData(runA);
    paintRoads(data, runA, 'vc', maxFlow(runA));
    // v/c 0.2 is in the first class (< 0.5), 0.95 in the fourth (0.9 – 1.0)
    for (const p of [0, 1, 2]) expect(rgbAt(data, p)).toEqual([...VC_CLASSES[0].rgb]);
    for (const p of [3, 4]) expect(rgbAt(data, p)).toEqual([...VC_CLASSES[3].rgb]);
    expect(data.attributes.getWidth.value[0]).toBeCloseTo(widthOf(200, 950));
    expect(data.attributes.getWidth.value[4]).toBeCloseTo(0.75 + 7);
    expect(Array.from(data.attributes.getColor.value.filter((_, i) => i % 4 === 3))).toEqual([255, 255, 255, 255, 255]);
  });

  it('colours the difference map by Δ v/c through the join, and new links apart', () => {
    const data = roadPathData(runB);
    paintRoads(data, runB, 'diff', 950, runA, Int32Array.from([0, 1, -1]));
    // way 1: 0.2 → 0.6 (+0.4, worst class); way 2: 0.95 → 0.5 (−0.45, best class); way 3 new
    expect(rgbAt(data, 0)).toEqual([...DIFF_CLASSES[DIFF_CLASSES.length - 1].rgb]);
    expect(rgbAt(data, 3)).toEqual([...DIFF_CLASSES[0].rgb]);
    expect(rgbAt(data, 5)).toEqual([...NEW_LINK_RGB]);
    expect(() => paintRoads(data, runB, 'diff', 950)).toThrow(/needs run A/);
  });

  it('works on a decoded result file and finds its bounds', () => {
    const decoded = decodeResult(encodeResult(fullB));
    expect(maxFlow(decoded)).toBe(600);
    expect(runBounds(decoded)).toEqual([0, 0, 0.04, 0.01]);
  });
});
