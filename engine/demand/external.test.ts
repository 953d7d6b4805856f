import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { AgentsBuilder, TripKind } from './agents.ts';
import { addExternalTrips, loadExternalParameters, type ExternalParameters } from './external.ts';
import { ZoneKind, type Zones } from './zones.ts';

/** Three cells (jobs only in cell 0, residents only in cell 2) and two gateway zones, 3 and 4. */
function zones(): Zones {
  const kind = Uint8Array.of(ZoneKind.Cell, ZoneKind.Cell, ZoneKind.Cell, ZoneKind.Gateway, ZoneKind.Gateway);
  return {
    count: 5,
    id: ['a', 'b', 'c', 'gateway:n', 'gateway:s'],
    kind,
    lon: new Float64Array(5),
    lat: new Float64Array(5),
    population: Float64Array.of(0, 0, 1000, 0, 0),
    jobs: Float64Array.of(500, 0, 0, 0, 0),
    node: Uint32Array.of(10, 11, 12, 13, 14),
    edge: Int32Array.of(0, 1, 2, -1, -1),
    snapM: new Float64Array(5),
    resolution: 8,
    estimated: true,
    unconnected: [],
  };
}

const flat = new Float64Array(24).fill(1 / 24);
const params: ExternalParameters = { throughShare: { cars: 0.3, trucks: 0.5 }, pce: { trucks: 2 }, profile: { cars: flat, trucks: flat } };

describe('addExternalTrips', () => {
  it('splits each gateway’s inbound vehicles into through trips and trips into the city, and fills the outbound with trips from it', () => {
    const out = new AgentsBuilder();
    const volumes = [
      { zone: 3, inCars: 100, inTrucks: 40, outCars: 100, outTrucks: 40 },
      { zone: 4, inCars: 100, inTrucks: 40, outCars: 100, outTrucks: 40 },
    ];
    const s = addExternalTrips(out, zones(), volumes, params, 1, mulberry32(3));
    const a = out.finish();
    const trips = (kind: number, o: number, d: number) => {
      let n = 0;
      for (let t = 0; t < a.count; t++) if (a.kind[t] === kind && a.originZone[t] === o && a.destZone[t] === d) n++;
      return n;
    };
    // cars: through 0.3 · 100 = 30 each way, 70 in to the jobs, 70 out from the residents
    expect([trips(TripKind.External, 3, 4), trips(TripKind.External, 4, 3)]).toEqual([30, 30]);
    expect([trips(TripKind.External, 3, 0), trips(TripKind.External, 4, 0), trips(TripKind.External, 2, 3), trips(TripKind.External, 2, 4)]).toEqual([70, 70, 70, 70]);
    // trucks their own kind: through 0.5 · 40 = 20, 20 in, 20 out
    expect([trips(TripKind.Truck, 3, 4), trips(TripKind.Truck, 3, 0), trips(TripKind.Truck, 2, 4)]).toEqual([20, 20, 20]);
    expect(s).toEqual({ gateways: 2, through: 100, inbound: 180, outbound: 180, trucks: 120 });
    // each vehicle leaving at a gateway is one that entered at the other or started inside
    expect(a.count).toBe(460);
    for (let t = 0; t < a.count; t++) expect(a.originNode[t]).toBe(10 + a.originZone[t]!);
  });

  it('reads the shipped assumptions: shares from 0 to 1, 24 hourly shares summing to 1, a truck PCE of 2.0 (HCM 6th ed., level terrain)', () => {
    const p = loadExternalParameters();
    expect(p.throughShare).toMatchObject({ cars: 0.3, trucks: 0.7 });
    expect(p.pce.trucks).toBe(2);
    for (const c of ['cars', 'trucks'] as const) {
      expect(p.profile[c]).toHaveLength(24);
      expect(p.profile[c].reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    }
  });
});
