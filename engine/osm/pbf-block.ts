/**
 * BlockReader: decodes the PrimitiveBlocks of an OSM pbf into an ExtractBuilder (read-pbf.ts
 * walks the file and inflates the blocks). A block holds a string table (tags are indices into
 * it), then PrimitiveGroups of DenseNodes / Nodes / Ways / Relations, and the scale: coordinate =
 * (offset + granularity × value) / 1e9 degrees. DenseNodes ids, lat, lon and way refs are delta
 * coded; DenseNodes tags are one keys_vals list, (key, value)* then 0 for each node. Strings are
 * decoded only when needed (most nodes carry no tags) and key classes cached per table entry.
 */
import { PbfReader } from 'pbf';
import { POI_KEYS, type ExtractBuilder } from './extract-builder.ts';
import { InputError } from '../util/input-error.ts';

/** Decodes one PrimitiveBlock after another into the builder, reusing its scratch arrays. */
export class BlockReader {
  private pbf = new PbfReader(new Uint8Array(0));
  private index = 0;
  private granularity = 100;
  private latOffset = 0;
  private lonOffset = 0;
  private strStart = new Int32Array(1024);
  private strEnd = new Int32Array(1024);
  private strCount = 0;
  private strings: (string | undefined)[] = [];
  private keyKind = new Uint8Array(1024);
  private groupRanges: number[] = [];
  private ids = new Scratch();
  private lats = new Scratch();
  private lons = new Scratch();
  private keysVals = new Scratch();
  private keys = new Scratch();
  private vals = new Scratch();
  private refs = new Scratch();
  private wayId = 0;
  private nodeId = 0;
  private nodeLat = 0;
  private nodeLon = 0;

  constructor(
    private readonly file: string,
    private readonly out: ExtractBuilder,
  ) {}

  read(bytes: Uint8Array, index: number): void {
    const pbf = (this.pbf = new PbfReader(bytes));
    this.index = index;
    this.granularity = 100;
    this.latOffset = 0;
    this.lonOffset = 0;
    this.strCount = 0;
    this.groupRanges.length = 0;
    // groups come before granularity and offsets in field order: note where they lie, decode after
    for (let tag = pbf.nextField(); tag !== 0; tag = pbf.nextField()) {
      if (tag === 1) this.readStringTable(this.messageEnd());
      else if (tag === 2) {
        const end = this.messageEnd();
        this.groupRanges.push(pbf.pos, end);
        pbf.pos = end;
      } else if (tag === 17) this.granularity = pbf.readVarint();
      else if (tag === 19) this.latOffset = pbf.readVarint(true);
      else if (tag === 20) this.lonOffset = pbf.readVarint(true);
    }
    this.strings = new Array<string | undefined>(this.strCount);
    this.keyKind.fill(KEY_UNKNOWN, 0, this.strCount);
    for (let g = 0; g < this.groupRanges.length; g += 2) this.readGroup(this.groupRanges[g], this.groupRanges[g + 1]);
  }

  /** End of the length-delimited field at the cursor, checked against the block's size. */
  private messageEnd(): number {
    const end = this.pbf.readVarint() + this.pbf.pos;
    if (!(end <= this.pbf.length)) this.fail(`a field at byte ${this.pbf.pos} runs past the block's ${this.pbf.length} bytes`);
    return end;
  }

  /** Notes where each string lies; they are decoded on first use. */
  private readStringTable(end: number): void {
    const pbf = this.pbf;
    for (let tag = pbf.nextField(end); tag !== 0; tag = pbf.nextField(end)) {
      if (tag !== 1) continue;
      const stop = this.messageEnd();
      if (this.strCount === this.strStart.length) {
        const n = this.strCount * 2;
        const start = new Int32Array(n);
        const finish = new Int32Array(n);
        start.set(this.strStart);
        finish.set(this.strEnd);
        this.strStart = start;
        this.strEnd = finish;
        this.keyKind = new Uint8Array(n);
      }
      this.strStart[this.strCount] = pbf.pos;
      this.strEnd[this.strCount++] = stop;
      pbf.pos = stop;
    }
  }

  private readGroup(start: number, end: number): void {
    const pbf = this.pbf;
    pbf.pos = start;
    for (let tag = pbf.nextField(end); tag !== 0; tag = pbf.nextField(end)) {
      if (tag === 2) this.readDense(this.messageEnd());
      else if (tag === 1) this.readPlainNode(this.messageEnd());
      else if (tag === 3) this.readWay(this.messageEnd());
      else if (tag === 4) this.out.seenRelations++; // nextField skips its body
    }
  }

  private readDense(end: number): void {
    const pbf = this.pbf;
    this.ids.length = this.lats.length = this.lons.length = this.keysVals.length = 0;
    for (let tag = pbf.nextField(end); tag !== 0; tag = pbf.nextField(end)) {
      if (tag === 1) this.ids.readPacked(pbf, true);
      else if (tag === 8) this.lats.readPacked(pbf, true);
      else if (tag === 9) this.lons.readPacked(pbf, true);
      else if (tag === 10) this.keysVals.readPacked(pbf, false);
    }
    this.addDenseNodes();
  }

  private readPlainNode(end: number): void {
    const pbf = this.pbf;
    this.nodeId = this.nodeLat = this.nodeLon = 0;
    this.keys.length = this.vals.length = 0;
    for (let tag = pbf.nextField(end); tag !== 0; tag = pbf.nextField(end)) {
      if (tag === 1) this.nodeId = pbf.readSVarint();
      else if (tag === 2) this.keys.readPacked(pbf, false);
      else if (tag === 3) this.vals.readPacked(pbf, false);
      else if (tag === 8) this.nodeLat = pbf.readSVarint();
      else if (tag === 9) this.nodeLon = pbf.readSVarint();
    }
    this.addPlainNode();
  }

  private readWay(end: number): void {
    const pbf = this.pbf;
    this.wayId = 0;
    this.keys.length = this.vals.length = this.refs.length = 0;
    for (let tag = pbf.nextField(end); tag !== 0; tag = pbf.nextField(end)) {
      if (tag === 1) this.wayId = pbf.readVarint();
      else if (tag === 2) this.keys.readPacked(pbf, false);
      else if (tag === 3) this.vals.readPacked(pbf, false);
      else if (tag === 8) this.refs.readPacked(pbf, true);
    }
    this.addWay();
  }

  private addDenseNodes(): void {
    const n = this.ids.length;
    if (this.lats.length !== n || this.lons.length !== n) {
      this.fail(`DenseNodes with ${n} ids but ${this.lats.length} latitudes and ${this.lons.length} longitudes`);
    }
    const ids = this.ids.data;
    const lats = this.lats.data;
    const lons = this.lons.data;
    const kv = this.keysVals.data;
    const kvLength = this.keysVals.length;
    const { granularity, latOffset, lonOffset, out } = this;
    let id = 0;
    let lat = 0;
    let lon = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      id += ids[i];
      lat += lats[i];
      lon += lons[i];
      const y = (latOffset + granularity * lat) / NANO;
      const x = (lonOffset + granularity * lon) / NANO;
      if (!(y >= -90 && y <= 90 && x >= -180 && x <= 180)) this.badPosition(id, x, y);
      out.addNode(id, x, y);
      if (k >= kvLength) continue;
      // keys_vals: (key, value)* then 0, for each node
      const first = k;
      let poi = false;
      let signal = false;
      while (k < kvLength && kv[k] !== 0) {
        const kind = this.kindOf(kv[k]);
        if (kind === KEY_POI) poi = true;
        else if (kind === KEY_HIGHWAY && k + 1 < kvLength && this.string(kv[k + 1]) === 'traffic_signals') signal = true;
        k += 2;
      }
      if (poi || signal) {
        const tags = this.tags(kv, first, k, kv, first + 1, 2);
        if (poi) out.addPoi(id, x, y, tags);
        if (signal) out.addNodeTags(id, tags);
      }
      k++;
    }
    out.seenNodes += n;
  }

  private addPlainNode(): void {
    const y = (this.latOffset + this.granularity * this.nodeLat) / NANO;
    const x = (this.lonOffset + this.granularity * this.nodeLon) / NANO;
    if (!(y >= -90 && y <= 90 && x >= -180 && x <= 180)) this.badPosition(this.nodeId, x, y);
    this.out.addNode(this.nodeId, x, y);
    this.out.seenNodes++;
    const keys = this.keys.data;
    let poi = false;
    let signal = false;
    for (let t = 0; t < this.keys.length; t++) {
      const kind = this.kindOf(keys[t]);
      if (kind === KEY_POI) poi = true;
      else if (kind === KEY_HIGHWAY && t < this.vals.length && this.string(this.vals.data[t]) === 'traffic_signals') signal = true;
    }
    if (!poi && !signal) return;
    const tags = this.tags(keys, 0, this.keys.length, this.vals.data, 0, 1);
    if (poi) this.out.addPoi(this.nodeId, x, y, tags);
    if (signal) this.out.addNodeTags(this.nodeId, tags);
  }

  private addWay(): void {
    this.out.seenWays++;
    const keys = this.keys.data;
    let highway = false;
    for (let t = 0; t < this.keys.length; t++) {
      if (this.kindOf(keys[t]) === KEY_HIGHWAY) {
        highway = true;
        break;
      }
    }
    if (!highway) return;
    if (this.vals.length !== this.keys.length) {
      this.fail(`way ${this.wayId} has ${this.keys.length} tag keys but ${this.vals.length} values`);
    }
    const n = this.refs.length;
    const deltas = this.refs.data;
    const nodes = new Array<number>(n);
    let ref = 0;
    for (let i = 0; i < n; i++) nodes[i] = ref += deltas[i];
    this.out.addWay(this.wayId, nodes, this.tags(keys, 0, this.keys.length, this.vals.data, 0, 1));
  }

  /** Tags from key indices keys[from..to) (stride `step`) and values at vals[valFrom + ...]. */
  private tags(
    keys: Float64Array,
    from: number,
    to: number,
    vals: Float64Array,
    valFrom: number,
    step: number,
  ): Record<string, string> {
    const tags: Record<string, string> = {};
    for (let k = from, v = valFrom; k < to; k += step, v += step) tags[this.string(keys[k])] = this.string(vals[v]);
    return tags;
  }

  private kindOf(key: number): number {
    if (key >= this.strCount) this.fail(`string index ${key} is outside the block's table of ${this.strCount}`);
    let kind = this.keyKind[key];
    if (kind === KEY_UNKNOWN) {
      const name = this.string(key);
      kind = name === 'highway' ? KEY_HIGHWAY : POI_KEYS.has(name) ? KEY_POI : KEY_OTHER;
      this.keyKind[key] = kind;
    }
    return kind;
  }

  private string(index: number): string {
    let s = this.strings[index];
    if (s === undefined) {
      if (index >= this.strCount) this.fail(`string index ${index} is outside the block's table of ${this.strCount}`);
      s = decoder.decode(this.pbf.buf.subarray(this.strStart[index], this.strEnd[index]));
      this.strings[index] = s;
    }
    return s;
  }

  private badPosition(id: number, lon: number, lat: number): never {
    this.fail(`node ${id} lies at lon ${lon}, lat ${lat}; expected lon in [-180, 180] and lat in [-90, 90]`);
  }

  private fail(problem: string): never {
    throw new InputError(this.file, `block ${this.index}: ${problem}`);
  }
}

const NANO = 1e9;

/** Growable Float64 scratch for packed fields; reused across blocks so loops allocate nothing. */
class Scratch {
  data = new Float64Array(4096);
  length = 0;

  /** Reads a packed varint field (zigzag when `signed`); decoded inline, as this is the hot loop. */
  readPacked(pbf: PbfReader, signed: boolean): void {
    const end = pbf.readPackedEnd();
    const buf = pbf.buf;
    if (!(end <= buf.length)) throw new Error(`a packed field runs past the block's ${buf.length} bytes`);
    let data = this.data;
    let n = 0;
    let pos = pbf.pos;
    while (pos < end) {
      if (n === data.length) {
        const bigger = new Float64Array(data.length * 2);
        bigger.set(data);
        this.data = data = bigger;
      }
      // multiply rather than shift: values reach 2^53 (node ids exceed 32 bits)
      let b = buf[pos++];
      let v = b & 0x7f;
      for (let mul = 128; b >= 0x80; mul *= 128) {
        b = buf[pos++];
        v += (b & 0x7f) * mul;
      }
      data[n++] = signed ? (v % 2 === 1 ? (v + 1) / -2 : v / 2) : v;
    }
    if (pos !== end) throw new Error(`a packed field overruns its ${end - pbf.pos} bytes`);
    pbf.pos = pos;
    this.length = n;
  }
}

// key classes cached per string-table entry
const KEY_UNKNOWN = 0;
const KEY_OTHER = 1;
const KEY_POI = 2;
const KEY_HIGHWAY = 3;

const decoder = new TextDecoder('utf-8');
