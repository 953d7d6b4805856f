import { describe, expect, it } from 'vitest';
import { GAMMA_DOWN, GAMMA_UP, stepSchedule } from './step-rule.ts';

describe('swap step rules', () => {
  it("'sqrt' shrinks as 1/√k whatever the gap does", () => {
    const next = stepSchedule('sqrt', 0.5);
    expect([0.7, 0.8, 0.1, 0.2].map(next)).toEqual([0.5, 0.5 / Math.SQRT2, 0.5 / Math.sqrt(3), 0.25]);
  });

  it("'sra' keeps nearly the step while the gap falls and cuts it hard when the gap rises", () => {
    const next = stepSchedule('sra', 0.5);
    const steps = [0.7, 0.6, 0.5, 0.55, 0.4].map(next);
    expect(steps[0]).toBe(0.5);
    expect(steps[1]).toBeCloseTo(1 / (2 + GAMMA_DOWN), 12);
    expect(steps[2]).toBeCloseTo(1 / (2 + 2 * GAMMA_DOWN), 12);
    // the gap rose: β grows by Γ
    expect(steps[3]).toBeCloseTo(1 / (2 + 2 * GAMMA_DOWN + GAMMA_UP), 12);
    expect(steps[4]).toBeCloseTo(1 / (2 + 3 * GAMMA_DOWN + GAMMA_UP), 12);
  });

  it("'sra-gap' divides the SRA step by the run's gap", () => {
    const sra = stepSchedule('sra', 0.5);
    const byGap = stepSchedule('sra-gap', 0.5);
    for (const g of [0.7, 0.35, 0.2, 0.25, 0.05]) expect(byGap(g)).toBeCloseTo(sra(g) / g, 12);
  });
});
