/**
 * Sweep variants, pure: field paths into a scenario document and the cartesian product of a
 * sweep's `vary` entries. A path is written as in JavaScript — `seed`, `demand.scale`,
 * `interventions[0].lanes` — and names a field of the base scenario; an object on the way
 * that the base leaves out (`demand` in a file that keeps the defaults) is created, an array
 * element must exist. Variants are numbered in odometer order: the last `vary` entry changes
 * fastest.
 */

export type PathPart = string | number;

export interface VaryEntry {
  path: string;
  values: unknown[];
}

export interface Variant {
  /** 0-based position in the product. */
  index: number;
  /** The value each vary entry takes, in the order of the entries. */
  params: { path: string; value: unknown }[];
  /** The base document with those values set. */
  doc: Record<string, unknown>;
}

/** Why a path cannot be used on a document: one line, naming the path. */
export class PathError extends Error {
  override name = 'PathError';
}

/** `interventions[0].lanes` → ['interventions', 0, 'lanes']. */
export function parsePath(path: string): PathPart[] {
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(path)) throw new PathError(`"${path}" is not a field path (write it as in JavaScript: demand.scale, interventions[0].lanes)`);
  const parts: PathPart[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) parts.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return parts;
}

/** A deep copy of `doc` with the field at `path` set to `value`. */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = parsePath(path);
  const root = structuredClone(doc);
  let node: unknown = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    const where = describe(parts.slice(0, i));
    if (typeof part === 'number') {
      if (!Array.isArray(node)) throw new PathError(`${path}: ${where || 'the scenario'} is not a list`);
      if (part >= node.length) throw new PathError(`${path}: ${where} has ${node.length} element(s), no [${part}]`);
      if (last) node[part] = structuredClone(value);
      else node = node[part];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new PathError(`${path}: ${where || 'the scenario'} is not an object`);
      const obj = node as Record<string, unknown>;
      if (last) obj[part] = structuredClone(value);
      else {
        if (obj[part] === undefined && typeof parts[i + 1] === 'string') obj[part] = {};
        node = obj[part];
      }
    }
  }
  return root;
}

function describe(parts: PathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Every combination of the entries' values, applied to `base`. */
export function expandVariants(base: Record<string, unknown>, vary: readonly VaryEntry[]): Variant[] {
  const total = vary.reduce((n, v) => n * v.values.length, 1);
  const out: Variant[] = [];
  for (let index = 0; index < total; index++) {
    let rest = index;
    const picks = new Array<number>(vary.length);
    for (let k = vary.length - 1; k >= 0; k--) {
      picks[k] = rest % vary[k].values.length;
      rest = Math.floor(rest / vary[k].values.length);
    }
    let doc = base;
    const params = vary.map((v, k) => ({ path: v.path, value: v.values[picks[k]] }));
    for (const p of params) doc = setPath(doc, p.path, p.value);
    out.push({ index, params, doc: doc === base ? structuredClone(base) : doc });
  }
  return out;
}

/** "demand.scale=1.1, seed=2": a variant's parameters in one short line. */
export function variantLabel(params: { path: string; value: unknown }[]): string {
  return params.map((p) => `${p.path}=${JSON.stringify(p.value)}`).join(', ');
}
