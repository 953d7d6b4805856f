/**
 * Road classes: a fixed numeric code per OSM highway class, stored in the graph's `roadClass`
 * column. The codes never change (files depend on them); the defaults that go with each class
 * (speed, lanes, capacity per lane) live in the editable data/road-classes.json.
 */
export const ROAD_CLASSES = [
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'connector', // zone centroid connector (not a street)
  'abstract', // a link of a test network (TNTP) with no street behind it
] as const;

export type RoadClass = (typeof ROAD_CLASSES)[number];

const CODE = new Map<string, number>(ROAD_CLASSES.map((name, code) => [name, code]));

/** The numeric code of a class name, or -1 when the name is not a known class. */
export function roadClassCode(name: string): number {
  return CODE.get(name) ?? -1;
}

export function roadClassName(code: number): RoadClass {
  const name = ROAD_CLASSES[code];
  if (name === undefined) throw new RangeError(`road class code ${code} is not defined`);
  return name;
}
