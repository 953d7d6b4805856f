/**
 * readOsmFile: any supported OSM file → OsmExtract, the format told by the content, not the
 * extension: pbf (a BlobHeader length, then "OSMHeader"), OSM XML (`<?xml` or `<osm`), Overpass
 * JSON (`{` with `elements`). Anything else, and an extract with no street in it, is refused with
 * one `InputError` line that says what the file looks like and what was expected.
 */
import { readInputBytes } from '../util/input-file.ts';
import type { OsmExtract } from './osm-extract.ts';
import { InputError } from '../util/input-error.ts';
import { readOverpassJson } from './read-overpass.ts';
import { readPbf } from './read-pbf.ts';
import { readOsmXml } from './read-xml.ts';
import { ROAD_CLASSES } from '../graph/road-class.ts';

export type OsmFormat = OsmExtract['source']['format'];

/** Reads, detects, parses and checks that the extract holds streets (ways with road classes). */
export function readOsmFile(file: string): OsmExtract {
  const bytes = readInputBytes(file);
  const format = detectOsmFormat(file, bytes);
  const extract =
    format === 'pbf'
      ? readPbf(file, bytes)
      : format === 'xml'
        ? readOsmXml(file, decodeText(bytes))
        : readOverpassJson(file, decodeText(bytes));
  return checkStreets(extract);
}

const EXPECTED = 'expected an OSM extract (.osm.pbf, OSM XML or Overpass JSON)';

/** The OSM format of these bytes, or an InputError naming what the file seems to be instead. */
export function detectOsmFormat(file: string, bytes: Uint8Array): OsmFormat {
  if (bytes.length === 0) throw new InputError(file, 'the file is empty (0 bytes)');
  if (isPbf(bytes)) return 'pbf';
  for (const [magic, what] of MAGIC) {
    if (startsWith(bytes, magic)) throw new InputError(file, `this is ${what}, not OSM data; ${EXPECTED}`);
  }
  const head = decodeText(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) {
    if (/^<\?xml|^<osm[\s>/]|^<!--/.test(head)) return 'xml';
    const root = (/^<!DOCTYPE\s+([\w:.-]+)/i.exec(head) ?? /^<([A-Za-z_][\w:.-]*)/.exec(head))?.[1] ?? '?';
    throw new InputError(file, `an XML/HTML document starting with <${root}>, not OSM XML (<osm>); ${EXPECTED}`);
  }
  if (head.startsWith('{')) return 'overpass-json'; // the JSON reader names what is missing
  if (head.startsWith('[')) throw new InputError(file, `a JSON array; ${EXPECTED}`);
  if (looksLikeText(bytes)) {
    const firstLine = head.split(/\r?\n/, 1)[0].slice(0, 40);
    const csv = /[,;\t]/.test(firstLine) ? ', perhaps CSV' : '';
    throw new InputError(file, `a text file starting with "${firstLine}"${csv}; ${EXPECTED}`);
  }
  const hex = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new InputError(file, `unrecognised binary content (first bytes ${hex}); ${EXPECTED}`);
}

/** Returns the extract when it has at least one way with a road class; else a clear error. */
export function checkStreets(extract: OsmExtract): OsmExtract {
  const file = extract.source.file;
  const waysInFile = extract.counts?.ways ?? extract.ways.length;
  if (waysInFile === 0) {
    throw new InputError(file, `holds ${extract.nodeIds.length} nodes and no ways; expected streets (ways tagged highway=*)`);
  }
  if (extract.ways.length === 0) {
    throw new InputError(file, `none of its ${waysInFile} ways has a highway tag; expected streets (ways tagged highway=*)`);
  }
  const found = new Map<string, number>();
  for (const way of extract.ways) {
    const highway = way.tags.highway;
    if (ROAD_LIKE.has(highway)) return extract;
    found.set(highway, (found.get(highway) ?? 0) + 1);
  }
  const common = [...found].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4);
  throw new InputError(
    file,
    `none of its ${extract.ways.length} highway ways is a road for vehicles (found ${common
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}); expected classes such as ${[...ROAD_LIKE].slice(0, 12).join(', ')}`,
  );
}

/** Street classes a vehicle may use (the graph's classes minus the non-street ones). */
const ROAD_LIKE: ReadonlySet<string> = new Set(ROAD_CLASSES.filter((c) => c !== 'connector' && c !== 'abstract'));

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (unpack it first)'],
  [[0x1f, 0x8b], 'gzip-compressed data (decompress it first, e.g. `gunzip`)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data (decompress it first, e.g. `bunzip2`)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data (decompress it first)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data (decompress it first)'],
  [[0xff, 0xe0], 'an o5m file (convert it with `osmium cat in.o5m -o out.osm.pbf`)'],
];

function isPbf(bytes: Uint8Array): boolean {
  // 4-byte header size, then BlobHeader field 1 (type): tag 0x0a, length 9, "OSMHeader"
  if (bytes.length < 15 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[4] !== 0x0a || bytes[5] !== 9) return false;
  return decodeText(bytes.subarray(6, 15)) === 'OSMHeader';
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

/** No NUL and few control bytes in the first 512 bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control * 20 < n;
}

const utf8 = new TextDecoder('utf-8');

function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
