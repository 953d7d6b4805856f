/**
 * What an OSM way means for a bus: the car rules (engine/osm/way-profile.ts), and besides them
 * the ways closed to cars but open to buses — Porto Alegre's "corredores de transporte coletivo"
 * are mapped as service ways with access=no and bus=designated, and highway=busway exists too.
 * Such a way keeps the profile its class gives a car, with EdgeFlag.BusOnly on its edges.
 *
 * A one-way street that buses may run both ways (a contraflow bus lane: busway=opposite_lane,
 * or oneway:bus=no) gets the missing direction as a bus-only edge.
 *
 * Bus access follows OSM's key hierarchy, the most specific key present deciding: access,
 * vehicle, motor_vehicle, psv, bus.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { RoadClassDefaults } from '../osm/road-class-defaults.ts';
import { wayProfile, type DirectionProfile, type Exclusion, type Setting, type WayProfile } from '../osm/way-profile.ts';

const BUS_KEYS = ['access', 'vehicle', 'motor_vehicle', 'psv', 'bus'];
const BUS_YES = new Set(['yes', 'designated', 'permissive', 'official']);

export function busWayProfile(tags: Record<string, string>, defaults: RoadClassDefaults, setting: Setting = 'urban'): WayProfile | Exclusion {
  const car = wayProfile(tags, defaults, setting);
  if (typeof car !== 'string') return contraflow(car, tags);
  const busway = tags.highway === 'busway';
  if (car !== 'access' && !(car === 'class' && busway)) return car;
  if (!busAllowed(tags)) return car;
  const open: Record<string, string> = { ...tags, highway: busway ? 'service' : tags.highway };
  for (const k of defaults.accessKeys) delete open[k];
  const p = wayProfile(open, defaults, setting);
  if (typeof p === 'string') return car;
  const busOnly = (d: DirectionProfile | null) => (d ? { ...d, flags: d.flags | EdgeFlag.BusOnly } : null);
  return { ...p, forward: busOnly(p.forward), backward: busOnly(p.backward) };
}

const CONTRAFLOW_KEYS = ['busway', 'busway:left', 'busway:right', 'busway:both'];

function contraflow(p: WayProfile, tags: Record<string, string>): WayProfile {
  if ((p.forward === null) === (p.backward === null)) return p;
  const both = tags['oneway:bus'] === 'no' || tags['oneway:psv'] === 'no' || CONTRAFLOW_KEYS.some((k) => tags[k] === 'opposite_lane');
  if (!both) return p;
  const lane = (d: DirectionProfile): DirectionProfile => ({ ...d, lanes: 1, capacityVph: d.capacityVph / Math.max(1, d.lanes), flags: d.flags | EdgeFlag.BusOnly });
  return p.forward ? { ...p, backward: lane(p.forward) } : { ...p, forward: lane(p.backward!) };
}

function busAllowed(tags: Record<string, string>): boolean {
  for (let i = BUS_KEYS.length - 1; i >= 0; i--) {
    const v = tags[BUS_KEYS[i]];
    if (v !== undefined) return BUS_YES.has(v.trim().toLowerCase());
  }
  return false;
}
