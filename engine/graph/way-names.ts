/**
 * WayNames: the street name and route number of each way of a road graph, by way id (the
 * `osmWayId` column): OSM's `name` and `ref` tags for surveyed streets, generated names for a
 * stand-in network or an added link, marked `synthetic`. Kept beside the hot columns (strings
 * are for people: reports, lists, popups), as three parallel arrays sorted by way id.
 *
 * Terms: a *label* is what a person reads — "Avenida Ipiranga", "BR-116", "Avenida Assis
 * Brasil (BR-116)" where a street has both; undefined when the way has neither.
 */
export interface WayName {
  name: string;
  ref: string;
  synthetic: boolean;
}

export class WayNames {
  /** Way ids, ascending and unique. */
  readonly ids: Float64Array;
  /** `name` tag of each way ('' when none). */
  readonly names: readonly string[];
  /** `ref` tag of each way ('' when none). */
  readonly refs: readonly string[];
  /** 1 where the name was generated, not surveyed. */
  readonly synthetic: Uint8Array;

  constructor(ids: Float64Array, names: readonly string[], refs: readonly string[], synthetic: Uint8Array) {
    if (names.length !== ids.length || refs.length !== ids.length || synthetic.length !== ids.length) {
      throw new RangeError(`way names: ${ids.length} ids but ${names.length} names, ${refs.length} refs and ${synthetic.length} synthetic marks`);
    }
    for (let i = 1; i < ids.length; i++) if (!(ids[i] > ids[i - 1])) throw new RangeError(`way names: ids must ascend, way ${ids[i]} follows ${ids[i - 1]}`);
    this.ids = ids;
    this.names = names;
    this.refs = refs;
    this.synthetic = synthetic;
  }

  static readonly EMPTY = new WayNames(new Float64Array(0), [], [], new Uint8Array(0));

  /** From a map of way id → name (ways with neither a name nor a ref are left out). */
  static from(map: ReadonlyMap<number, WayName>): WayNames {
    const ids = [...map.keys()].filter((id) => map.get(id)!.name !== '' || map.get(id)!.ref !== '').sort((a, b) => a - b);
    return new WayNames(
      Float64Array.from(ids),
      ids.map((id) => map.get(id)!.name),
      ids.map((id) => map.get(id)!.ref),
      Uint8Array.from(ids, (id) => (map.get(id)!.synthetic ? 1 : 0)),
    );
  }

  get count(): number {
    return this.ids.length;
  }

  /** Position of a way in the arrays, or -1. */
  indexOf(wayId: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ids[mid];
      if (v === wayId) return mid;
      if (v < wayId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  get(wayId: number): WayName | undefined {
    const i = this.indexOf(wayId);
    return i < 0 ? undefined : { name: this.names[i], ref: this.refs[i], synthetic: this.synthetic[i] === 1 };
  }

  /** "Name (ref)", the name, the ref, or undefined. */
  label(wayId: number): string | undefined {
    const i = this.indexOf(wayId);
    if (i < 0) return undefined;
    const name = this.names[i];
    const ref = this.refs[i];
    return name && ref ? `${name} (${ref})` : name || ref;
  }

  /** These names with others added or replaced (for a scenario's added links). */
  with(more: ReadonlyMap<number, WayName>): WayNames {
    const all = new Map<number, WayName>();
    for (let i = 0; i < this.ids.length; i++) all.set(this.ids[i], { name: this.names[i], ref: this.refs[i], synthetic: this.synthetic[i] === 1 });
    for (const [id, n] of more) all.set(id, n);
    return WayNames.from(all);
  }

  /** Only the ways among `wayIds` (a run keeps the names of its own ways). */
  only(wayIds: ArrayLike<number>): WayNames {
    const keep = new Uint8Array(this.ids.length);
    for (let e = 0; e < wayIds.length; e++) {
      const i = this.indexOf(wayIds[e]);
      if (i >= 0) keep[i] = 1;
    }
    const at: number[] = [];
    keep.forEach((k, i) => k && at.push(i));
    return new WayNames(
      Float64Array.from(at, (i) => this.ids[i]),
      at.map((i) => this.names[i]),
      at.map((i) => this.refs[i]),
      Uint8Array.from(at, (i) => this.synthetic[i]),
    );
  }
}

/** Text folded for matching: lower case, accents removed, spaces collapsed ("Avenida  Ipiranga" ~ "avenida ipiranga"). */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
