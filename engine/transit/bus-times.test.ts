import { describe, expect, it } from 'vitest';
import { DEFAULT_BUS_TIMES, stopToStopSeconds } from './bus-times.ts';

describe('a hop from stop to stop at rest', () => {
  const o = { ...DEFAULT_BUS_TIMES, accelMps2: 1, decelMps2: 1 };

  it('adds the time lost accelerating to the running speed and braking from it', () => {
    // 1 km at 10 m/s: 100 s running, 10/2 × (1 + 1) = 10 s lost
    expect(stopToStopSeconds(1000, 100, o)).toBeCloseTo(110, 9);
  });

  it('runs a triangle on a hop too short to reach the running speed, continuous at the limit', () => {
    // 50 m at 10 m/s would need 100 m to reach it: √(2 × 50 × 2) = √200 s
    expect(stopToStopSeconds(50, 5, o)).toBeCloseTo(Math.sqrt(200), 9);
    expect(stopToStopSeconds(100, 10, o)).toBeCloseTo(20, 9);
    expect(stopToStopSeconds(99.999, 9.9999, o)).toBeCloseTo(20, 3);
    expect(stopToStopSeconds(50, 5, o)).toBeGreaterThan(5);
  });

  it('loses nothing without acceleration figures, or on an empty hop', () => {
    expect(stopToStopSeconds(1000, 100, { ...o, accelMps2: 0 })).toBe(100);
    expect(stopToStopSeconds(0, 0, o)).toBe(0);
  });

  it('defaults to the published rates: 1.2 m/s² each way, 15 s at a stop', () => {
    expect(DEFAULT_BUS_TIMES).toMatchObject({ accelMps2: 1.2, decelMps2: 1.2, stopS: 15 });
  });
});
