import { describe, expect, it } from 'vitest';
import { moverCheck } from './mover-check.ts';
import { VehicleStatus, type QueueSimRun } from './queue-sim.ts';

describe('mover check', () => {
  it('sums the movers\' predicted and experienced times and their share of the excess; vehicles that did not run are left out', () => {
    const run = { status: Uint8Array.of(VehicleStatus.Arrived, VehicleStatus.Arrived, VehicleStatus.Stuck, VehicleStatus.Pending), endS: Int32Array.of(300, 500, 900, -1) } as QueueSimRun;
    const departS = Int32Array.of(0, 100, 0, 0);
    const trips = Int32Array.of(3, 2, 0, 1);
    const bestS = Float64Array.of(100, 600, 200, 300);
    // vehicles 0 and 3 were moved (3 never ran); 2 was not
    const c = moverCheck(Float64Array.of(150, NaN, NaN, 50), run, departS, trips, bestS);
    expect(c.movers).toBe(1);
    expect(c.predictedS).toBe(150);
    expect(c.experiencedS).toBe(300);
    // excess: vehicle 0 300 − 200, vehicle 1 400 − 300, vehicle 2 900 − 600
    expect(c.excessShare).toBeCloseTo(100 / 500, 12);
  });
});
