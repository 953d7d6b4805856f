import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { loadRoadClassDefaults } from '../osm/road-class-defaults.ts';
import { wayProfile } from '../osm/way-profile.ts';
import { busWayProfile } from './bus-way-profile.ts';

const d = loadRoadClassDefaults();
const profile = (tags: Record<string, string>) => busWayProfile(tags, d);

describe('busWayProfile', () => {
  it('keeps what cars may use as cars see it', () => {
    const tags = { highway: 'secondary', oneway: 'yes', maxspeed: '60' };
    expect(profile(tags)).toEqual(wayProfile(tags, d));
    expect(profile({ highway: 'footway' })).toBe('class');
    expect(profile({ highway: 'residential', access: 'private' })).toBe('access');
  });

  it('opens a corridor closed to cars to buses, marked bus-only', () => {
    // as Porto Alegre maps its corredores de transporte coletivo
    const p = profile({ highway: 'service', access: 'no', bus: 'designated', oneway: 'yes', maxspeed: '30', service: 'driveway' });
    if (typeof p === 'string') throw new Error(p);
    expect(p.backward).toBeNull();
    expect(p.forward!.flags & EdgeFlag.BusOnly).toBeTruthy();
    expect(p.forward!.speedKmh).toBe(30);
    const busway = profile({ highway: 'busway' });
    expect(typeof busway).toBe('string'); // no bus tag: nothing says buses may
    const tagged = profile({ highway: 'busway', bus: 'yes' });
    if (typeof tagged === 'string') throw new Error(tagged);
    expect(tagged.forward!.flags & EdgeFlag.BusOnly).toBeTruthy();
  });

  it('follows the most specific key: psv or bus over access and motor_vehicle', () => {
    expect(typeof profile({ highway: 'service', access: 'no', psv: 'yes' })).toBe('object');
    expect(profile({ highway: 'service', access: 'no', psv: 'yes', bus: 'no' })).toBe('access');
    expect(profile({ highway: 'service', motor_vehicle: 'no' })).toBe('access');
  });

  it('gives a one-way street with a contraflow bus lane its other direction, bus-only', () => {
    const p = profile({ highway: 'tertiary', oneway: 'yes', lanes: '3', 'busway:left': 'opposite_lane' });
    if (typeof p === 'string') throw new Error(p);
    expect(p.forward!.flags & EdgeFlag.BusOnly).toBe(0);
    expect(p.backward!.flags & EdgeFlag.BusOnly).toBeTruthy();
    expect(p.backward!.lanes).toBe(1);
    const q = profile({ highway: 'tertiary', oneway: 'yes', 'oneway:bus': 'no' });
    if (typeof q === 'string') throw new Error(q);
    expect(q.backward).not.toBeNull();
    const plain = profile({ highway: 'tertiary', oneway: 'yes' });
    if (typeof plain === 'string') throw new Error(plain);
    expect(plain.backward).toBeNull();
  });
});
