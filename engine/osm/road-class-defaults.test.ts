import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROAD_CLASSES, roadClassCode } from '../graph/road-class.ts';
import { InputError } from '../util/input-error.ts';
import { loadRoadClassDefaults, parseRoadClassDefaults } from './road-class-defaults.ts';

const FILE = fileURLToPath(new URL('../../data/road-classes.json', import.meta.url));
const raw = () => JSON.parse(readFileSync(FILE, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'road-classes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data/road-classes.json', () => {
  const d = loadRoadClassDefaults();
  const cls = (name: string) => d.byCode[roadClassCode(name)]!;

  it('has an entry for every street class and none for connector/abstract', () => {
    for (const name of ROAD_CLASSES) {
      if (name === 'connector' || name === 'abstract') expect(d.byCode[roadClassCode(name)]).toBeUndefined();
      else expect(cls(name).name).toBe(name);
    }
    expect(d.file).toBe('data/road-classes.json');
  });

  it('uses the CTB art. 61 urban limits: trânsito rápido 80, arterial 60, coletora 40, local 30', () => {
    expect([cls('motorway').urbanKmh, cls('trunk').urbanKmh]).toEqual([80, 80]);
    expect([cls('primary').urbanKmh, cls('secondary').urbanKmh]).toEqual([60, 60]);
    expect(cls('tertiary').urbanKmh).toBe(40);
    expect([cls('unclassified').urbanKmh, cls('residential').urbanKmh, cls('road').urbanKmh]).toEqual([30, 30, 30]);
  });

  it('uses the CTB rural limits for cars: pista dupla 110, pista simples 100, estradas 60', () => {
    expect(cls('motorway').ruralKmh).toBe(110);
    expect([cls('trunk').ruralKmh, cls('primary').ruralKmh, cls('secondary').ruralKmh]).toEqual([100, 100, 100]);
    expect([cls('trunk').ruralDualKmh, cls('primary').ruralDualKmh]).toEqual([110, 110]);
    expect([cls('tertiary').ruralKmh, cls('unclassified').ruralKmh]).toEqual([60, 60]);
  });

  it('keeps capacities inside the HCM ranges', () => {
    // Basic freeway and multilane capacities are 1,900-2,400 pc/h/ln; signalised streets 1,900 x g/C.
    expect(cls('motorway').capacityPerLaneVph).toBeGreaterThanOrEqual(1900);
    expect(cls('motorway').capacityPerLaneVph).toBeLessThanOrEqual(2400);
    expect(cls('trunk').capacityPerLaneVph).toBeGreaterThanOrEqual(1800);
    for (const name of ['primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'living_street', 'service']) {
      expect(cls(name).capacityPerLaneVph).toBeLessThan(1900);
    }
    // Capacity falls, never rises, down the urban hierarchy.
    const order = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'service'];
    for (let i = 1; i < order.length; i++) expect(cls(order[i]).capacityPerLaneVph).toBeLessThanOrEqual(cls(order[i - 1]).capacityPerLaneVph);
  });

  it('carries the sources it claims', () => {
    const s = raw().sources;
    expect(s.speeds.reference).toMatch(/9\.503\/1997/);
    expect(s.speeds.reference).toMatch(/art\. 61/);
    expect(s.capacities.reference).toMatch(/Highway Capacity Manual/);
  });

  it('reads the access, service and class rules', () => {
    expect(d.accessKeys).toEqual(['access', 'vehicle', 'motor_vehicle', 'motorcar']);
    expect(d.deniedAccess.has('private')).toBe(true);
    expect(d.deniedAccess.has('destination')).toBe(false);
    expect(d.excludedServiceTypes.has('parking_aisle')).toBe(true);
    expect(d.excludedServiceTypes.has('driveway')).toBe(false);
    for (const h of ['track', 'path', 'footway', 'cycleway', 'pedestrian', 'steps', 'construction', 'proposed', 'bus_guideway']) {
      expect(d.notDrivable.has(h), h).toBe(true);
    }
  });
});

describe('validation', () => {
  const check = (edit: (j: Record<string, any>) => void) => {
    const j = raw();
    edit(j);
    return () => parseRoadClassDefaults(j, 'edited.json');
  };

  it('names the class and field of a bad value', () => {
    expect(check((j) => (j.classes.primary.speedKmh.urban = -60))).toThrow(
      'edited.json: class "primary" field "speedKmh.urban" is -60, expected a speed in km/h in (0, 300]',
    );
    expect(check((j) => (j.classes.residential.lanesPerDirection = 1.5))).toThrow(/class "residential" field "lanesPerDirection" is 1\.5, expected an integer/);
    expect(check((j) => (j.classes.service.capacityPerLaneVph = '300'))).toThrow(/class "service" field "capacityPerLaneVph" is "300"/);
    expect(check((j) => (j.classes.tertiary.drivable = 'yes'))).toThrow(/class "tertiary" field "drivable" is "yes", expected true or false/);
    expect(check((j) => delete j.classes.trunk.speedKmh.rural)).toThrow(/class "trunk" field "speedKmh.rural" is missing/);
  });

  it('rejects a missing or unknown class', () => {
    expect(check((j) => delete j.classes.living_street)).toThrow(/class "living_street" is missing/);
    expect(check((j) => (j.classes.highway_to_hell = j.classes.road))).toThrow(/class "highway_to_hell" is not a known road class/);
    expect(check((j) => (j.classes.connector = j.classes.road))).toThrow(/class "connector" is not a known road class/);
  });

  it('rejects bad rule lists', () => {
    expect(check((j) => (j.access.deniedValues = 'no'))).toThrow(/"access.deniedValues" is "no", expected an array of strings/);
    expect(check((j) => delete j.service)).toThrow(/"service" is missing/);
  });

  it('answers a file error or broken JSON with one InputError line', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"classes": {');
    expect(() => loadRoadClassDefaults(broken)).toThrow(InputError);
    expect(() => loadRoadClassDefaults(broken)).toThrow(/broken\.json: is not valid JSON/);
    expect(() => loadRoadClassDefaults(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot be read \(ENOENT\)/);
    const edited = join(dir, 'edited.json');
    const j = raw();
    j.classes.motorway.speedKmh.urban = 90;
    writeFileSync(edited, JSON.stringify(j));
    const d = loadRoadClassDefaults(edited);
    expect(d.byCode[roadClassCode('motorway')]!.urbanKmh).toBe(90);
  });
});
