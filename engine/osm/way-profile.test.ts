import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { loadRoadClassDefaults } from './road-class-defaults.ts';
import { wayProfile, type WayProfile } from './way-profile.ts';

const d = loadRoadClassDefaults();
const profile = (tags: Record<string, string>, setting: 'urban' | 'rural' = 'urban') => wayProfile(tags, d, setting);
const ok = (tags: Record<string, string>, setting: 'urban' | 'rural' = 'urban') => {
  const p = profile(tags, setting);
  if (typeof p === 'string') throw new Error(`expected drivable, got ${p}`);
  return p as WayProfile;
};

describe('wayProfile: which ways cars may use', () => {
  it('keeps the drivable classes and drops the rest', () => {
    for (const h of ['motorway', 'trunk_link', 'primary', 'secondary_link', 'tertiary', 'unclassified', 'residential', 'living_street', 'service', 'road']) {
      expect(typeof profile({ highway: h }), h).toBe('object');
    }
    for (const h of ['track', 'path', 'footway', 'cycleway', 'pedestrian', 'steps', 'construction', 'proposed', 'bus_guideway', 'platform', 'bogus']) {
      expect(profile({ highway: h }), h).toBe('class');
    }
    expect(profile({ name: 'no highway tag' })).toBe('class');
  });

  it('honours access, most specific key first', () => {
    expect(profile({ highway: 'residential', access: 'no' })).toBe('access');
    expect(profile({ highway: 'residential', access: 'private' })).toBe('access');
    expect(profile({ highway: 'residential', motor_vehicle: 'no' })).toBe('access');
    expect(profile({ highway: 'residential', motorcar: 'no' })).toBe('access');
    expect(profile({ highway: 'residential', access: 'yes', motor_vehicle: 'no' })).toBe('access');
    expect(profile({ highway: 'residential', vehicle: 'no' })).toBe('access');
    // A more specific permission overrides a general ban (bus lanes stay closed: bus=yes is not motorcar).
    expect(typeof profile({ highway: 'residential', access: 'no', motorcar: 'yes' })).toBe('object');
    expect(typeof profile({ highway: 'residential', access: 'no', motor_vehicle: 'destination' })).toBe('object');
    expect(profile({ highway: 'service', access: 'no', bus: 'designated', psv: 'yes' })).toBe('access');
    for (const v of ['destination', 'customers', 'permissive', 'yes']) expect(typeof profile({ highway: 'residential', access: v }), v).toBe('object');
  });

  it('drops areas, parking aisles and reversible lanes; keeps driveways', () => {
    expect(profile({ highway: 'pedestrian', area: 'yes' })).toBe('class');
    expect(profile({ highway: 'service', area: 'yes' })).toBe('area');
    expect(profile({ highway: 'service', service: 'parking_aisle' })).toBe('service-type');
    expect(profile({ highway: 'service', service: 'drive-through' })).toBe('service-type');
    expect(profile({ highway: 'service', service: 'emergency_access' })).toBe('service-type');
    expect(typeof profile({ highway: 'service', service: 'driveway' })).toBe('object');
    expect(typeof profile({ highway: 'service', service: 'alley' })).toBe('object');
    expect(profile({ highway: 'primary', oneway: 'reversible' })).toBe('reversible');
  });
});

describe('wayProfile: speed, lanes and capacity per direction', () => {
  it('uses class defaults when nothing is tagged', () => {
    const p = ok({ highway: 'secondary' });
    expect(p.roadClass).toBe(roadClassCode('secondary'));
    expect(p.forward).toEqual({ speedKmh: 60, lanes: 2, capacityVph: 1800, flags: 0 });
    expect(p.backward).toEqual(p.forward);
  });

  it('takes maxspeed and lanes from tags and flags them', () => {
    const p = ok({ highway: 'tertiary', maxspeed: '50', lanes: '4' });
    expect(p.forward).toEqual({ speedKmh: 50, lanes: 2, capacityVph: 1600, flags: EdgeFlag.SpeedTagged | EdgeFlag.LanesTagged });
    const q = ok({ highway: 'primary', oneway: 'yes', lanes: '3' });
    expect(q.backward).toBeNull();
    expect(q.forward).toEqual({ speedKmh: 60, lanes: 3, capacityVph: 3000, flags: EdgeFlag.LanesTagged });
    const r = ok({ highway: 'residential', oneway: '-1', maxspeed: '20' });
    expect(r.forward).toBeNull();
    expect(r.backward!.speedKmh).toBe(20);
  });

  it('applies per-direction maxspeed', () => {
    const p = ok({ highway: 'secondary', maxspeed: '60', 'maxspeed:backward': '40' });
    expect([p.forward!.speedKmh, p.backward!.speedKmh]).toEqual([60, 40]);
  });

  it('switches to rural CTB limits by setting or zone tag', () => {
    expect(ok({ highway: 'primary' }, 'rural').forward!.speedKmh).toBe(100);
    expect(ok({ highway: 'primary', oneway: 'yes' }, 'rural').forward!.speedKmh).toBe(110);
    expect(ok({ highway: 'motorway' }, 'rural').forward!.speedKmh).toBe(110);
    expect(ok({ highway: 'primary', maxspeed: 'BR:rural' }).forward!.speedKmh).toBe(100);
    expect(ok({ highway: 'primary', 'source:maxspeed': 'BR:urban' }, 'rural').forward!.speedKmh).toBe(60);
    // Zone values are not a stated number: the flag stays off.
    expect(ok({ highway: 'primary', maxspeed: 'BR:rural' }).forward!.flags & EdgeFlag.SpeedTagged).toBe(0);
    // CTB: an unpaved rural road is an estrada (60 km/h); urban limits do not change.
    expect(ok({ highway: 'secondary', surface: 'dirt' }, 'rural').forward!.speedKmh).toBe(60);
    expect(ok({ highway: 'secondary', surface: 'dirt' }).forward!.speedKmh).toBe(60);
    expect(ok({ highway: 'tertiary', surface: 'asphalt' }, 'rural').forward!.speedKmh).toBe(60);
  });

  it('makes roundabouts and motorways one-way', () => {
    expect(ok({ highway: 'tertiary', junction: 'roundabout' }).backward).toBeNull();
    expect(ok({ highway: 'motorway' }).backward).toBeNull();
    expect(ok({ highway: 'motorway' }).forward!.capacityVph).toBe(4000);
  });
});
