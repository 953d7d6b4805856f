/**
 * readOsmXml: an OSM XML file (`.osm`, API 0.6 or Overpass `[out:xml]`) → OsmExtract, streamed
 * through saxes. Elements: `<osm>` root, `<node id lat lon>` with `<tag k v>`, `<way id>` with
 * `<nd ref>` and `<tag>`; `<relation>` is counted and skipped; `<meta osm_base>` (Overpass) gives
 * the timestamp; `<remark>` is how Overpass reports an error or time-out, so it fails the read.
 * Objects marked `action="delete"` (JOSM) or `visible="false"` are left out. The same filter as
 * every reader applies (see ExtractBuilder).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ExtractBuilder, hasPoiKey } from './extract-builder.ts';
import { readInputBytes } from '../util/input-file.ts';
import type { OsmExtract } from './osm-extract.ts';
import { InputError } from '../util/input-error.ts';

/** Reads an OSM XML file (or the given text of it; `file` then only names it in messages). */
export function readOsmXml(file: string, text?: string): OsmExtract {
  const xml = text ?? new TextDecoder('utf-8').decode(readInputBytes(file));
  const parser = new SaxesParser<PlainOptions>({ xmlns: false, position: true });
  const state = new XmlState(file, parser);
  parser.on('opentag', (tag) => state.open(tag));
  parser.on('closetag', (tag) => state.close(tag));
  parser.on('text', (chunk) => {
    if (state.inRemark) state.remark += chunk;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    // saxes prefixes "line:column: "; keep one line and say it in words
    const message = ((error as Error).message ?? String(error)).replace(/^\d+:\d+: /, '').split('\n')[0];
    throw new InputError(file, `line ${parser.line}, column ${parser.column}: malformed XML (${message})`);
  }
  if (state.rootName === undefined) throw new InputError(file, 'no XML element found; expected an <osm> document');
  return state.out.finish(
    state.timestamp === undefined ? { format: 'xml', file } : { format: 'xml', file, timestamp: state.timestamp },
  );
}

type PlainOptions = { xmlns: false; position: true };

const NONE = 0;
const NODE = 1;
const WAY = 2;
const OTHER = 3;

/** Parser state between events: the object being read and its tags and node refs. */
class XmlState {
  readonly out = new ExtractBuilder();
  rootName: string | undefined;
  timestamp: string | undefined;
  inRemark = false;
  remark = '';
  private current = NONE;
  private skip = false;
  private id = 0;
  private lon = 0;
  private lat = 0;
  private tags: Record<string, string> | undefined;
  private refs: number[] = [];

  constructor(
    private readonly file: string,
    private readonly parser: SaxesParser<PlainOptions>,
  ) {}

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    if (this.rootName === undefined) {
      this.rootName = tag.name;
      if (tag.name !== 'osm') {
        this.fail(`the root element is <${tag.name}>, expected <osm> (an OSM XML file)`);
      }
      if (a.timestamp !== undefined) this.timestamp = a.timestamp;
      return;
    }
    switch (tag.name) {
      case 'node':
        this.begin(NODE, a);
        this.lat = this.number(a, 'lat', `<node id="${this.id}">`);
        this.lon = this.number(a, 'lon', `<node id="${this.id}">`);
        if (!(this.lat >= -90 && this.lat <= 90 && this.lon >= -180 && this.lon <= 180)) {
          this.fail(`node ${this.id} lies at lon ${this.lon}, lat ${this.lat}; expected lon in [-180, 180] and lat in [-90, 90]`);
        }
        break;
      case 'way':
        this.begin(WAY, a);
        this.refs = [];
        break;
      case 'nd':
        if (this.current === WAY) {
          const ref = this.number(a, 'ref', `<nd> in way ${this.id}`);
          if (!Number.isInteger(ref)) this.fail(`<nd ref="${a.ref}"> in way ${this.id}: expected an integer node id`);
          this.refs.push(ref);
        }
        break;
      case 'tag':
        if (this.current === NODE || this.current === WAY) {
          if (a.k === undefined || a.v === undefined) this.fail(`<tag> in ${this.kind()} ${this.id} needs both k and v`);
          (this.tags ??= {})[a.k] = a.v;
        }
        break;
      case 'relation':
        this.out.seenRelations++;
        this.current = OTHER;
        break;
      case 'meta':
        if (a.osm_base !== undefined) this.timestamp = a.osm_base;
        break;
      case 'remark':
        this.inRemark = true;
        break;
    }
  }

  close(tag: SaxesTagPlain): void {
    switch (tag.name) {
      case 'node':
        if (this.current !== NODE) return;
        this.out.seenNodes++;
        if (!this.skip) {
          this.out.addNode(this.id, this.lon, this.lat);
          if (this.tags !== undefined && hasPoiKey(this.tags)) this.out.addPoi(this.id, this.lon, this.lat, this.tags);
          if (this.tags !== undefined) this.out.addNodeTags(this.id, this.tags);
        }
        this.current = NONE;
        break;
      case 'way':
        if (this.current !== WAY) return;
        this.out.seenWays++;
        if (!this.skip && this.tags?.highway !== undefined) this.out.addWay(this.id, this.refs, this.tags);
        this.current = NONE;
        break;
      case 'relation':
        this.current = NONE;
        break;
      case 'remark':
        this.inRemark = false;
        this.fail(
          `Overpass reported a problem instead of complete data: "${this.remark.trim().replace(/\s+/g, ' ')}" (the query failed or timed out)`,
        );
    }
  }

  private begin(kind: number, a: Record<string, string>): void {
    this.current = kind;
    this.tags = undefined;
    this.id = this.number(a, 'id', `<${this.kind()}>`);
    if (!Number.isInteger(this.id)) this.fail(`<${this.kind()} id="${a.id}">: expected an integer id`);
    this.skip = a.action === 'delete' || a.visible === 'false';
  }

  private number(a: Record<string, string>, name: string, where: string): number {
    const text = a[name];
    const value = text === undefined || text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) {
      this.fail(text === undefined ? `${where}: attribute ${name} is missing` : `${where}: ${name}="${text}" is not a number`);
    }
    return value;
  }

  private kind(): string {
    return this.current === NODE ? 'node' : 'way';
  }

  private fail(problem: string): never {
    throw new InputError(this.file, `line ${this.parser.line}: ${problem}`);
  }
}
