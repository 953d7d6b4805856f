/** The calibration file: written and read back, checked against the demand it adjusts, applied cell by cell. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCalibration, CALIBRATION_FORMAT, readCalibrationFile, writeCalibrationFile, type CalibrationFile } from './calibration-file.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gemeo-calibration-file-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const expectFor = { city: 'x', period: 'am-peak', seed: 1, demandKey: 'k', zones: 3 };
const file = (cells: [number, number, number][]) => ({ format: CALIBRATION_FORMAT, ...expectFor, cells }) as unknown as CalibrationFile;

describe('calibration file', () => {
  it('reads back what it wrote, and multiplies the listed cells only', () => {
    const f = join(tmp, 'a.json');
    writeCalibrationFile(f, file([[0, 1, 2.5], [2, 0, 0.5]]));
    const c = readCalibrationFile(f, expectFor);
    expect(c.cells).toEqual([[0, 1, 2.5], [2, 0, 0.5]]);
    const od = { zoneCount: 3, rowStart: Uint32Array.from([0, 2, 3, 4]), dest: Uint32Array.from([1, 2, 0, 0]), flow: Float64Array.from([10, 20, 30, 40]), total: 100 };
    const out = applyCalibration(od, c);
    expect(Array.from(out.flow)).toEqual([25, 20, 30, 20]);
    expect(out.total).toBe(95);
    expect(Array.from(od.flow)).toEqual([10, 20, 30, 40]);
  });

  it('refuses in one line a missing file, another format, another city or seed, other demand, a bad cell', () => {
    const at = (name: string, body: unknown) => {
      const f = join(tmp, name);
      writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
      return f;
    };
    expect(() => readCalibrationFile(join(tmp, 'none.json'), expectFor)).toThrow(/none\.json: demand\.calibration: no such file$/);
    expect(() => readCalibrationFile(at('b.json', '{'), expectFor)).toThrow(/not valid JSON$/);
    expect(() => readCalibrationFile(at('c.json', { cells: [] }), expectFor)).toThrow(/not a calibration file/);
    expect(() => readCalibrationFile(at('d.json', file([])), { ...expectFor, city: 'y' })).toThrow(/made for city "x", the scenario has "y"$/);
    expect(() => readCalibrationFile(at('e.json', file([])), { ...expectFor, seed: 4 })).toThrow(/made for seed 1, the scenario has 4$/);
    expect(() => readCalibrationFile(at('f.json', file([])), { ...expectFor, demandKey: 'other' })).toThrow(/other demand settings or inputs/);
    expect(() => readCalibrationFile(at('g.json', file([[0, 3, 1.2]])), expectFor)).toThrow(/cells: expected \[origin zone, destination zone, factor ≥ 0\]/);
  });
});
