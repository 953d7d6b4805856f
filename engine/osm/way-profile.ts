/**
 * Way profile: what one OSM way means for cars. Applies the drivability rules (class, access,
 * area, service subtype, reversible one-ways) and then, per allowed direction, the speed, lanes
 * and capacity from its tags or from the class defaults (data/road-classes.json).
 *
 * Terms: "forward" follows the way's node order; a direction is null when cars may not use it.
 * Setting: the CTB art. 61 urban or rural defaults; a zone tag (BR:urban, BR:rural) on the way wins.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadClassDefaults } from './road-class-defaults.ts';
import { directionTags, maxspeedZone, onewayOf, type DirectionTags } from './tags.ts';

export type Setting = 'urban' | 'rural';

export interface DirectionProfile {
  speedKmh: number;
  lanes: number;
  capacityVph: number;
  /** EdgeFlag.SpeedTagged / LanesTagged where the value came from a tag. */
  flags: number;
}

export interface WayProfile {
  roadClass: number;
  forward: DirectionProfile | null;
  backward: DirectionProfile | null;
}

/** Why a way with a highway tag is left out of the car network. */
export type Exclusion = 'class' | 'area' | 'access' | 'service-type' | 'reversible';

/** CTB: an unpaved rural road is an estrada, limit 60 km/h. */
const ESTRADA_KMH = 60;
const UNPAVED = new Set(['unpaved', 'dirt', 'earth', 'ground', 'gravel', 'fine_gravel', 'compacted', 'sand', 'mud', 'grass', 'pebblestone']);

/** The car profile of a way, or the reason it is not drivable. */
export function wayProfile(tags: Record<string, string>, defaults: RoadClassDefaults, setting: Setting = 'urban'): WayProfile | Exclusion {
  const code = roadClassCode(tags.highway ?? '');
  const cls = code >= 0 ? defaults.byCode[code] : undefined;
  if (cls === undefined || !cls.drivable) return 'class';
  if (tags.area === 'yes') return 'area';
  if (!accessAllowed(tags, defaults)) return 'access';
  if (cls.name === 'service' && tags.service !== undefined && defaults.excludedServiceTypes.has(tags.service)) return 'service-type';
  const oneway = onewayOf(tags);
  if (oneway === 'closed') return 'reversible';

  const zone = maxspeedZone(tags.maxspeed) ?? maxspeedZone(tags['source:maxspeed']) ?? maxspeedZone(tags['maxspeed:type']);
  const where: Setting = zone === 'urban' || zone === 'rural' ? zone : setting;
  let speed = where === 'urban' ? cls.urbanKmh : oneway === 'both' ? cls.ruralKmh : cls.ruralDualKmh;
  if (where === 'rural' && tags.surface !== undefined && UNPAVED.has(tags.surface)) speed = Math.min(speed, ESTRADA_KMH);

  const stated = directionTags(tags, oneway);
  const direction = (t: DirectionTags): DirectionProfile => {
    const lanes = t.lanes ?? cls.lanesPerDirection;
    return {
      speedKmh: t.speedKmh ?? speed,
      lanes,
      capacityVph: lanes * cls.capacityPerLaneVph,
      flags: (t.speedKmh !== undefined ? EdgeFlag.SpeedTagged : 0) | (t.lanes !== undefined ? EdgeFlag.LanesTagged : 0),
    };
  };
  return {
    roadClass: code,
    forward: oneway === 'backward' ? null : direction(stated.forward),
    backward: oneway === 'forward' ? null : direction(stated.backward),
  };
}

/** The most specific access key present decides (motorcar over motor_vehicle over vehicle over access). */
function accessAllowed(tags: Record<string, string>, defaults: RoadClassDefaults): boolean {
  const keys = defaults.accessKeys;
  for (let i = keys.length - 1; i >= 0; i--) {
    const v = tags[keys[i]];
    if (v !== undefined) return !defaults.deniedAccess.has(v.trim().toLowerCase());
  }
  return true;
}
