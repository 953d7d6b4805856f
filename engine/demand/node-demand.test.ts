import { describe, expect, it } from 'vitest';
import { demandOnNodes } from './node-demand.ts';

describe('demandOnNodes', () => {
  it('merges zones that share a road node and keeps the total', () => {
    // zones 0 and 2 sit on node 7, zone 1 on node 3
    const od = { zoneCount: 3, rowStart: Uint32Array.from([0, 2, 3, 4]), dest: Uint32Array.from([1, 2, 0, 1]), flow: Float64Array.from([10, 4, 6, 5]), total: 25 };
    const r = demandOnNodes(od, Uint32Array.from([7, 3, 7]));
    expect(Array.from(r.zoneNodes)).toEqual([3, 7]);
    expect(r.sameNodeTrips).toBe(4); // zone 0 → zone 2
    // node 3 → node 7: 6 (zone 1 → 0); node 7 → node 3: 10 + 5
    expect(Array.from(r.demand.rowStart)).toEqual([0, 1, 2]);
    expect(Array.from(r.demand.dest)).toEqual([1, 0]);
    expect(Array.from(r.demand.flow)).toEqual([6, 15]);
    expect(r.demand.total + r.sameNodeTrips).toBe(od.total);
  });
});
