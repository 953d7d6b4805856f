/**
 * The truck class at the edges of a run: counts split into trucks and the other vehicles, and
 * class-flows.csv read back, a bad line refused in one line naming the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCounts } from '../engine/counts/read-counts.ts';
import { countsOfClass, readClassFlows, truckClassIndex, writeClassFlows } from './truck-class.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gemeo-truck-class-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// the CRO P2 plaza's two directions, ANTT average day of 2023 (data/counts/antt-mt-2023.csv), and one count without classes
const CSV = `station,lon,lat,start,end,vehicles,cars,commercial,motorcycles
CRO-P2-C,-54.653921,-16.474579,00:00,24:00,6247.6,2757.8,3489.7,0
CRO-P2-D,-54.653921,-16.474579,00:00,24:00,6504.2,2822.6,3681.6,0
X,-54.6,-16.4,00:00,24:00,100,,,
`;

describe('truck class', () => {
  it('splits classified counts into trucks (commercial) and the other vehicles; counts without the class are left out', () => {
    const c = parseCounts(CSV, 'p2.csv');
    expect(truckClassIndex(c)).toBe(1);
    const t = countsOfClass(c, 'trucks');
    const o = countsOfClass(c, 'others');
    expect(t.counts.map((k) => k.vehicles)).toEqual([3489.7, 3681.6]);
    expect(o.counts[0]!.vehicles).toBeCloseTo(6247.6 - 3489.7, 6);
    expect(o.counts[1]!.vehicles).toBeCloseTo(6504.2 - 3681.6, 6);
    const plain = parseCounts('station,lon,lat,start,end,vehicles\nA,-46.6,-23.5,07:00,08:00,10\n', 'plain.csv');
    expect(truckClassIndex(plain)).toBe(-1);
    expect(countsOfClass(plain, 'trucks').counts).toEqual([]);
  });

  it('class-flows.csv round-trips; a bad line is refused naming the file and line', () => {
    const dir = join(tmp, 'run');
    const flows = Float64Array.of(0, 12.5, 0, 3);
    mkdirSync(dir);
    writeClassFlows(join(dir, 'class-flows.csv'), flows);
    expect(Array.from(readClassFlows(dir, 4)!)).toEqual([0, 12.5, 0, 3]);
    expect(readClassFlows(tmp, 4)).toBeUndefined();
    writeFileSync(join(dir, 'class-flows.csv'), 'edge,trucks_vph\n9,1\n');
    expect(() => readClassFlows(dir, 4)).toThrow(/class-flows\.csv: line 2 — expected an edge below 4/);
  });
});
