import { describe, expect, it } from 'vitest';
import { PERIODS } from '../demand/time-of-day.ts';
import type { StationMatches } from './match-stations.ts';
import { parseCounts } from './read-counts.ts';
import { modelledVph, observationPeriod, observations } from './observations.ts';
import { validateFlows } from './validate-flows.ts';

describe('validateFlows', () => {
  const counts = parseCounts(
    [
      'station,lon,lat,start,end,vehicles',
      'A,-46.6,-23.5,07:00,08:00,1000',
      'A,-46.6,-23.5,08:00,09:00,900',
      'B,-46.7,-23.5,07:00,07:30,300',
      'C,-46.8,-23.5,07:00,08:00,50',
      'D,-46.9,-23.5,00:00,24:00,12000',
    ].join('\n'),
    'v.csv',
  );
  // A on edges 0 + 1 (both directions), B on edge 2, D on edge 3; C unmatched
  const matches: StationMatches = {
    matched: [
      { station: 0, edges: [0, 1], distanceM: 1, roadClass: 'primary', classAgreement: 'unknown' },
      { station: 1, edges: [2], distanceM: 1, roadClass: 'primary', classAgreement: 'unknown' },
      { station: 3, edges: [3], distanceM: 1, roadClass: 'trunk', classAgreement: 'unknown' },
    ],
    unmatched: [{ station: 2, reason: 'no street within 50 m' }],
  };
  const flow = [600, 300, 500, 480];

  it('compares the counts inside a peak hour at hourly rates, and says how many were left out and why', () => {
    const v = validateFlows(counts, matches, flow, observationPeriod('am-peak', PERIODS));
    expect(v.rows.map((r) => [r.station, r.countedVph, r.modelledVph])).toEqual([
      [0, 1000, 900],
      [1, 600, 500],
    ]);
    // B counted 300 in half an hour: 600 veh/h, and the model's 500 veh/h give 250 vehicles in it
    expect(v.rows[1]!.modelledVehicles).toBe(250);
    expect([v.countTotal, v.modelTotal]).toEqual([1300, 1150]);
    expect([v.stations, v.matched, v.outsidePeriod, v.ofUnmatched]).toEqual([4, 3, 2, 1]);
    expect(v.fit.n).toBe(2);
    expect(v.fit.gehUnder5Share).toBe(1);
  });

  it('a day run compares only whole-day counts, with the day flow as it is', () => {
    const v = validateFlows(counts, matches, flow, observationPeriod('day', PERIODS));
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]).toMatchObject({ station: 3, countedVehicles: 12_000, modelledVehicles: 480, countedVph: 500, modelledVph: 20 });
    expect(v.outsidePeriod).toBe(3);
  });
});

describe('observations: the layout a calibration reuses', () => {
  const counts = parseCounts('station,lon,lat,start,end,vehicles\nA,0,0,07:00,08:00,100\nB,0,0,07:00,08:00,40\nB,0,0,12:00,13:00,30\n', 'o.csv');
  const matches: StationMatches = {
    matched: [
      { station: 0, edges: [4, 5], distanceM: 1, roadClass: 'primary', classAgreement: 'unknown' },
      { station: 1, edges: [7], distanceM: 1, roadClass: 'primary', classAgreement: 'unknown' },
    ],
    unmatched: [],
  };

  it('lists the period’s counts with their edges in CSR order and sums the flows on them', () => {
    const o = observations(counts, matches, observationPeriod('am-peak', PERIODS));
    expect([o.count, o.outsidePeriod, o.ofUnmatched]).toEqual([2, 1, 0]);
    expect(Array.from(o.edgeStart)).toEqual([0, 2, 3]);
    expect(Array.from(o.edges)).toEqual([4, 5, 7]);
    expect(Array.from(o.observedVph)).toEqual([100, 40]);
    const flow = new Float64Array(8);
    flow[4] = 30;
    flow[5] = 20;
    flow[7] = 45;
    expect(Array.from(modelledVph(new Float64Array(2), o, flow))).toEqual([50, 45]);
    expect(observations(counts, matches, observationPeriod('midday', PERIODS)).countIndex).toEqual(Uint32Array.of(2));
  });
});
