/**
 * readOverpassJson: an Overpass API `[out:json]` response → OsmExtract.
 * Shape: `{version, generator, osm3s: {timestamp_osm_base, copyright}, elements: [...], remark?}`
 * with elements `{type: "node", id, lat, lon, tags?}` and `{type: "way", id, nodes?, tags?}`
 * (`tags`/`nodes` are omitted when empty). `remark` is how the server reports a runtime error or
 * a time-out, with partial elements, so it fails the read. With `out body; >; out skel qt;` a
 * tagged node can appear twice (with tags, then as a way node): the extract keeps it once.
 */
import { ExtractBuilder, hasPoiKey } from './extract-builder.ts';
import { readInputBytes } from '../util/input-file.ts';
import type { OsmExtract } from './osm-extract.ts';
import { InputError } from '../util/input-error.ts';

/** Reads an Overpass JSON file (or the given text of it; `file` then only names it). */
export function readOverpassJson(file: string, text?: string): OsmExtract {
  const json = text ?? new TextDecoder('utf-8').decode(readInputBytes(file));
  const doc = parseJson(file, json);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(file, 'expected a JSON object with an `elements` array (Overpass [out:json] output)');
  }
  const response = doc as OverpassResponse;
  if (response.remark !== undefined) {
    const remark = String(response.remark).replace(/\s+/g, ' ').trim();
    throw new InputError(file, `Overpass reported a problem instead of complete data: "${remark}" (the query failed or timed out)`);
  }
  if (!Array.isArray(response.elements)) {
    const hint = response.type === 'FeatureCollection' || response.type === 'Feature' ? ' (this looks like GeoJSON)' : '';
    throw new InputError(file, `no \`elements\` array${hint}: expected Overpass API [out:json] output`);
  }
  const out = new ExtractBuilder(response.elements.length);
  const elements = response.elements;
  for (let i = 0; i < elements.length; i++) readElement(file, i, elements[i], out);
  const timestamp = response.osm3s?.timestamp_osm_base;
  return out.finish(
    typeof timestamp === 'string' ? { format: 'overpass-json', file, timestamp } : { format: 'overpass-json', file },
  );
}

/** What an Overpass JSON response may hold; everything is checked before use. */
interface OverpassResponse {
  version?: unknown;
  generator?: unknown;
  osm3s?: { timestamp_osm_base?: unknown; copyright?: unknown };
  elements?: unknown[];
  remark?: unknown;
  type?: unknown;
}

interface OverpassElement {
  type?: unknown;
  id?: unknown;
  lat?: unknown;
  lon?: unknown;
  nodes?: unknown;
  tags?: unknown;
}

function readElement(file: string, i: number, value: unknown, out: ExtractBuilder): void {
  if (typeof value !== 'object' || value === null) {
    throw new InputError(file, `elements[${i}]: expected an object with type and id`);
  }
  const e = value as OverpassElement;
  if (e.type === 'relation') {
    out.seenRelations++;
    return;
  }
  if (e.type !== 'node' && e.type !== 'way') return; // area, count, …: not part of the extract
  const where = `elements[${i}] (${e.type} ${String(e.id)})`;
  if (!Number.isInteger(e.id)) throw new InputError(file, `${where}: id must be an integer`);
  const id = e.id as number;
  const tags = readTags(file, where, e.tags);
  if (e.type === 'node') {
    if (typeof e.lat !== 'number' || typeof e.lon !== 'number') {
      throw new InputError(file, `${where}: no lat/lon numbers; the query must print nodes with \`out body\` or \`out skel\`, not \`out ids\``);
    }
    const { lat, lon } = e;
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      throw new InputError(file, `${where}: lon ${lon}, lat ${lat}; expected lon in [-180, 180] and lat in [-90, 90]`);
    }
    out.seenNodes++;
    out.addNode(id, lon, lat);
    if (tags !== undefined && hasPoiKey(tags)) out.addPoi(id, lon, lat, tags);
    if (tags !== undefined) out.addNodeTags(id, tags);
    return;
  }
  out.seenWays++;
  const refs = e.nodes ?? [];
  if (!Array.isArray(refs)) throw new InputError(file, `${where}: nodes must be an array of node ids`);
  for (let k = 0; k < refs.length; k++) {
    if (!Number.isInteger(refs[k])) throw new InputError(file, `${where}: nodes[${k}] must be an integer node id`);
  }
  if (tags?.highway !== undefined) out.addWay(id, refs as number[], tags);
}

function readTags(file: string, where: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(file, `${where}: tags must be an object of strings`);
  }
  const tags = value as Record<string, unknown>;
  for (const key in tags) {
    if (typeof tags[key] !== 'string') throw new InputError(file, `${where}: tag "${key}" must be a string`);
  }
  return tags as Record<string, string>;
}

/** JSON.parse with a one-line message that gives the line and column of the fault. */
function parseJson(file: string, json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    // V8's messages do not always carry a position: find the fault with a small scan
    const offset = jsonFaultOffset(json);
    if (offset < 0) throw new InputError(file, `malformed JSON (${(error as Error).message.split('\n')[0]})`);
    const before = json.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const what = offset >= json.length ? 'the text ends too early; truncated?' : `unexpected ${JSON.stringify(json[offset])}`;
    throw new InputError(file, `line ${line}, column ${column}: malformed JSON (${what})`);
  }
}

const JSON_LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset of the first character that makes `text` invalid JSON, or -1 when it is valid. */
function jsonFaultOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      i += c === '\\' ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    JSON_LITERAL.lastIndex = i;
    const m = JSON_LITERAL.exec(text);
    if (m === null) return fail();
    i += m[0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
}
