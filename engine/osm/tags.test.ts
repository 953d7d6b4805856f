import { describe, expect, it } from 'vitest';
import { directionTags, maxspeedZone, onewayOf, parseLanes, parseMaxspeed } from './tags.ts';

describe('parseMaxspeed', () => {
  it('reads km/h in the forms OSM uses', () => {
    expect(parseMaxspeed('60')).toBe(60);
    expect(parseMaxspeed('60 km/h')).toBe(60);
    expect(parseMaxspeed('60km/h')).toBe(60);
    expect(parseMaxspeed('60kmh')).toBe(60);
    expect(parseMaxspeed('60 kph')).toBe(60);
    expect(parseMaxspeed(' 40 ')).toBe(40);
    expect(parseMaxspeed('7.5')).toBe(7.5);
  });

  it('converts mph and knots (1 mi = 1.609344 km, 1 kn = 1.852 km/h)', () => {
    expect(parseMaxspeed('40 mph')).toBeCloseTo(64.37376, 5);
    expect(parseMaxspeed('30mph')).toBeCloseTo(48.28032, 5);
    expect(parseMaxspeed('10 knots')).toBeCloseTo(18.52, 5);
  });

  it('takes the lowest value of a list', () => {
    expect(parseMaxspeed('60;40')).toBe(40);
    expect(parseMaxspeed('40; 60 km/h')).toBe(40);
    expect(parseMaxspeed('50 mph;60')).toBe(60);
  });

  it('reads walk as walking pace', () => {
    expect(parseMaxspeed('walk')).toBe(6);
  });

  it('gives undefined for no limit, zones and junk', () => {
    for (const v of ['none', 'signals', 'variable', 'BR:urban', 'BR:rural', 'BR:trunk', 'RU:living_street', '', 'abc', '-30', '0', '60;x', '60 km', '900', undefined]) {
      expect(parseMaxspeed(v), String(v)).toBeUndefined();
    }
  });
});

describe('maxspeedZone', () => {
  it('names the zone of an implicit limit', () => {
    expect(maxspeedZone('BR:urban')).toBe('urban');
    expect(maxspeedZone('BR:rural')).toBe('rural');
    expect(maxspeedZone('BR:trunk')).toBe('trunk');
    expect(maxspeedZone('DE:zone30')).toBe('zone30');
    expect(maxspeedZone('60')).toBeUndefined();
    expect(maxspeedZone('sign')).toBeUndefined();
    expect(maxspeedZone(undefined)).toBeUndefined();
  });
});

describe('parseLanes', () => {
  it('reads positive integers and the lowest of a list', () => {
    expect(parseLanes('2')).toBe(2);
    expect(parseLanes(' 3 ')).toBe(3);
    expect(parseLanes('2;3')).toBe(2);
    expect(parseLanes('4;2')).toBe(2);
  });

  it('rejects fractions, zero, words and absurd counts', () => {
    for (const v of ['1.5', '0', '-1', 'two', '', '2;x', '25', undefined]) expect(parseLanes(v), String(v)).toBeUndefined();
  });
});

describe('onewayOf', () => {
  it('reads the oneway values', () => {
    for (const v of ['yes', 'true', '1', 'YES']) expect(onewayOf({ highway: 'residential', oneway: v })).toBe('forward');
    for (const v of ['-1', 'reverse']) expect(onewayOf({ highway: 'residential', oneway: v })).toBe('backward');
    for (const v of ['no', 'false', '0', 'alternating']) expect(onewayOf({ highway: 'residential', oneway: v })).toBe('both');
    expect(onewayOf({ highway: 'residential', oneway: 'reversible' })).toBe('closed');
    expect(onewayOf({ highway: 'residential' })).toBe('both');
    expect(onewayOf({ highway: 'residential', oneway: 'maybe' })).toBe('both');
  });

  it('implies one-way on roundabouts, circular junctions and motorways unless tagged otherwise', () => {
    expect(onewayOf({ highway: 'tertiary', junction: 'roundabout' })).toBe('forward');
    expect(onewayOf({ highway: 'tertiary', junction: 'circular' })).toBe('forward');
    expect(onewayOf({ highway: 'motorway' })).toBe('forward');
    expect(onewayOf({ highway: 'motorway', oneway: 'no' })).toBe('both');
    expect(onewayOf({ highway: 'tertiary', junction: 'roundabout', oneway: '-1' })).toBe('backward');
    // Only the motorway itself implies it, not its links or trunks.
    expect(onewayOf({ highway: 'motorway_link' })).toBe('both');
    expect(onewayOf({ highway: 'trunk' })).toBe('both');
  });
});

describe('directionTags', () => {
  it('splits lanes=N of a two-way road in two, rounded up, at least 1', () => {
    const lanes = (n: string) => directionTags({ lanes: n }, 'both');
    expect(lanes('4').forward.lanes).toBe(2);
    expect(lanes('4').backward.lanes).toBe(2);
    expect(lanes('3').forward.lanes).toBe(2);
    expect(lanes('1').forward.lanes).toBe(1);
    expect(lanes('1').backward.lanes).toBe(1);
  });

  it('gives all lanes of a one-way road to its direction', () => {
    const t = directionTags({ lanes: '3' }, 'forward');
    expect(t.forward.lanes).toBe(3);
    expect(t.backward.lanes).toBeUndefined();
    expect(directionTags({ lanes: '2' }, 'backward').backward.lanes).toBe(2);
  });

  it('prefers lanes:forward/backward, and gives the other side the rest of lanes', () => {
    const t = directionTags({ lanes: '5', 'lanes:forward': '3', 'lanes:backward': '2' }, 'both');
    expect([t.forward.lanes, t.backward.lanes]).toEqual([3, 2]);
    const u = directionTags({ lanes: '5', 'lanes:forward': '3' }, 'both');
    expect([u.forward.lanes, u.backward.lanes]).toEqual([3, 2]);
    const w = directionTags({ 'lanes:backward': '2' }, 'both');
    expect([w.forward.lanes, w.backward.lanes]).toEqual([undefined, 2]);
  });

  it('leaves a centre turn lane (lanes:both_ways) out of the split', () => {
    const t = directionTags({ lanes: '5', 'lanes:both_ways': '1' }, 'both');
    expect([t.forward.lanes, t.backward.lanes]).toEqual([2, 2]);
  });

  it('prefers maxspeed:forward/backward over maxspeed', () => {
    const t = directionTags({ maxspeed: '60', 'maxspeed:backward': '40' }, 'both');
    expect([t.forward.speedKmh, t.backward.speedKmh]).toEqual([60, 40]);
    const u = directionTags({}, 'both');
    expect([u.forward.speedKmh, u.backward.speedKmh, u.forward.lanes]).toEqual([undefined, undefined, undefined]);
  });
});
