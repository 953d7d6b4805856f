/**
 * Where the ANTT toll plazas are, approximately: ANTT publishes a plaza's highway, km and
 * municipality but no coordinates, and the DNIT highway lines carry no km. So a plaza is put on
 * its highway inside its municipality (IBGE polygon), at the point nearest to the municipality's
 * seat (a vertex of the line inside the polygon where the nearest point falls outside it), and
 * every plaza so placed is labelled approximate. Where the DNIT lines give the
 * concurrent number there (BR-163 and BR-364 share the road between Rondonópolis and Posto
 * Gil), the other number is used and said so.
 *
 * The direction of increasing km (ANTT's CRESCENTE) at a plaza is the highway's local bearing,
 * turned to point towards the plaza of the same highway nearest in km above it (or away from
 * the one below). A plaza without km is taken to lie beyond the nearest plaza with one (the
 * Via Brasil plazas north of Sinop, beyond Sorriso's km 766.7).
 */
import type { GeojsonLines } from '../osm/read-geojson-lines.ts';
import { M_PER_DEG, metresPerDegreeLon } from '../spatial/geo.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import { Ring } from '../spatial/ring.ts';
import type { AnttPlaza } from './antt-volumes.ts';
import { angleBetween, bearingAt, graphMatchEdges } from './match-stations.ts';

export interface Municipality {
  name: string;
  /** Outer ring, [lon, lat]. */
  ring: [number, number][];
  seat: [number, number];
}

export interface PlacedPlaza {
  plaza: AnttPlaza;
  lon: number;
  lat: number;
  /** Compass bearing of travel towards increasing km. */
  increasingKmBearing: number;
  /** The highway number the DNIT lines carry at the point (the plaza's, or the concurrent one). */
  lineHighway: string;
  /** Metres from the municipality's seat. */
  fromSeatM: number;
  note: string;
}

export interface PlazaPlacement {
  placed: PlacedPlaza[];
  notPlaced: { plaza: AnttPlaza; reason: string }[];
}

const CONCURRENT: Record<string, string> = { 'BR-163': 'BR-364', 'BR-364': 'BR-163' };

export function placePlazas(plazas: AnttPlaza[], highways: GeojsonLines, municipalities: Municipality[]): PlazaPlacement {
  const index = new EdgeIndex(highways.graph);
  const edges = graphMatchEdges(highways.graph);
  const byName = new Map(municipalities.map((m) => [fold(m.name), m]));
  const out: PlazaPlacement = { placed: [], notPlaced: [] };
  const axes: number[] = [];
  for (const plaza of plazas) {
    const m = byName.get(fold(plaza.municipality));
    if (!m) {
      out.notPlaced.push({ plaza, reason: `municipality "${plaza.municipality}" has no IBGE polygon in data/mt (outside Mato Grosso)` });
      continue;
    }
    const inside = new Set(index.edgesInPolygon(m.ring));
    const ring = new Ring(m.ring);
    const nearest = (highway: string) => {
      for (const h of index.nearestEdges(m.seat[0], m.seat[1], 2000)) {
        if (!inside.has(h.edge) || !highways.edgeRef[h.edge]!.split('/').includes(highway)) continue;
        const at = insidePoint(highways, h.edge, h.point, m.seat, ring);
        if (at) return { edge: h.edge, point: at, distanceM: distanceM({ lon: at[0], lat: at[1] }, { lon: m.seat[0], lat: m.seat[1] }) };
      }
      return undefined;
    };
    let lineHighway = plaza.highway;
    let hit = nearest(lineHighway);
    if (!hit && CONCURRENT[plaza.highway]) {
      lineHighway = CONCURRENT[plaza.highway]!;
      hit = nearest(lineHighway);
    }
    if (!hit) {
      out.notPlaced.push({ plaza, reason: `the DNIT lines have no ${plaza.highway} inside ${m.name}` });
      continue;
    }
    axes.push(bearingAt(edges, hit.edge, hit.point));
    const concurrent = lineHighway === plaza.highway ? '' : ` (traçado DNIT da ${lineHighway}, concorrente)`;
    out.placed.push({
      plaza,
      lon: round(hit.point[0], 6),
      lat: round(hit.point[1], 6),
      increasingKmBearing: 0,
      lineHighway,
      fromSeatM: Math.round(hit.distanceM),
      note: `posição aproximada: ponto da ${plaza.highway}${concurrent} em ${m.name} mais próximo da sede (a ANTT não publica coordenadas)`,
    });
  }
  out.placed.forEach((p, i) => (p.increasingKmBearing = round(orient(axes[i]!, p, out.placed), 1)));
  return out;
}

/**
 * The point of edge e nearest to the seat that lies inside the municipality: the nearest point
 * itself when inside, else the edge's vertex inside the ring nearest to the seat (an edge that
 * crosses the boundary may come nearest outside it). Null when no vertex is inside.
 */
function insidePoint(highways: GeojsonLines, e: number, point: [number, number], seat: [number, number], ring: Ring): [number, number] | null {
  if (ring.touchesSegment(point[0], point[1], point[0], point[1])) return point;
  const { offsets, coords } = highways.graph.geometry;
  let best: [number, number] | null = null;
  let bestD = Infinity;
  for (let p = offsets[e]!; p < offsets[e + 1]!; p++) {
    const x = coords[2 * p]!;
    const y = coords[2 * p + 1]!;
    if (!ring.touchesSegment(x, y, x, y)) continue;
    const d = distanceM({ lon: x, lat: y }, { lon: seat[0], lat: seat[1] });
    if (d < bestD) {
      bestD = d;
      best = [x, y];
    }
  }
  return best;
}

/** The axis bearing (or its reverse) that points towards increasing km. */
function orient(axis: number, p: PlacedPlaza, all: PlacedPlaza[]): number {
  const same = all.filter((q) => q !== p && q.plaza.highway === p.plaza.highway && !Number.isNaN(q.plaza.km));
  if (same.length === 0) return axis;
  let towards: number;
  if (Number.isNaN(p.plaza.km)) {
    // beyond the nearest plaza with a km: increasing km points away from it
    const q = same.reduce((a, b) => (distanceM(a, p) <= distanceM(b, p) ? a : b));
    towards = bearing(q, p);
  } else {
    const q = same.reduce((a, b) => (Math.abs(a.plaza.km - p.plaza.km) <= Math.abs(b.plaza.km - p.plaza.km) ? a : b));
    towards = q.plaza.km > p.plaza.km ? bearing(p, q) : bearing(q, p);
  }
  return angleBetween(axis, towards) <= 90 ? axis : (axis + 180) % 360;
}

function bearing(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const deg = (Math.atan2((b.lon - a.lon) * metresPerDegreeLon((a.lat + b.lat) / 2), (b.lat - a.lat) * M_PER_DEG) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  return Math.hypot((b.lon - a.lon) * metresPerDegreeLon((a.lat + b.lat) / 2), (b.lat - a.lat) * M_PER_DEG);
}

/** Lower case without accents, for matching municipality names. */
function fold(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

function round(x: number, d: number): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}
