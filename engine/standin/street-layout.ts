/**
 * The street layout of a stand-in town, drawn in the local metric frame around the seat: a
 * jittered grid of arterials, collectors and local streets over the urban area, one-way pairs
 * (binários) in the centre, a ring road and diagonal radial avenues. Only geometry and road
 * kinds here; planarize.ts finds the junctions and generate-stand-in.ts makes the graph.
 *
 * Terms and assumptions (documented figures, not survey data):
 * - Urban area: a disc of radius R = sqrt(population / (density × π)), with density
 *   `densityPerKm2` (default 3,000 inhabitants per km², a gross density typical of the built-up
 *   area of Brazilian mid-sized cities), its edge made irregular by ±25 % of seeded harmonics.
 * - Grid: lines every `spacingM` (default 250 m). A real block in these towns is about
 *   100 × 100 m to 100 × 200 m; a stand-in local street stands for the two or three real
 *   streets in each 250 m band, which keeps Cuiabá near 10k edges. Every 2nd line is a collector
 *   (500 m apart), every 4th an arterial (1 km apart). The grid is rotated by up to ±20°, each
 *   line shifted by up to ±15 % of the spacing and each crossing by up to ±6 %.
 * - 8 % of local street segments are left out (blocks merged), then the generator keeps the
 *   largest strongly connected part.
 * - Binários: in the centre (within 0.45 R), a collector line and its neighbour run one-way in
 *   opposite directions; one pair per axis per 4 km of radius (at least one).
 * - Ring road at ~0.55 R when R ≥ 3 km; four diagonal radial avenues from the central crossing
 *   to the edge when R ≥ 1.5 km.
 */
import { mulberry32 } from '../util/random.ts';
import { insideRings, type Rings } from './local-frame.ts';

export type RoadKind = 'trunk' | 'arterial' | 'collector' | 'local';

export interface LayoutRoad {
  kind: RoadKind;
  name: string;
  /** Drivable only in the drawing direction. */
  oneway: boolean;
  /** A grid street: meets other grid streets only at shared crossing points. */
  grid: boolean;
  points: number[];
}

export interface LayoutOptions {
  seed: number;
  population: number;
  densityPerKm2?: number;
  spacingM?: number;
}

export interface Layout {
  roads: LayoutRoad[];
  radiusM: number;
  spacingM: number;
}

const LOCAL_DROP_SHARE = 0.08;

export function layoutStreets(polygon: Rings, options: LayoutOptions): Layout {
  const rand = mulberry32(options.seed);
  const density = options.densityPerKm2 ?? 3000;
  const s = options.spacingM ?? 250;
  const radiusM = Math.max(1.5 * s, Math.sqrt(options.population / density / Math.PI) * 1000);
  const n = Math.ceil((radiusM * 1.3) / s) + 1;
  const size = 2 * n + 1;

  const rotation = (rand() * 2 - 1) * (20 * Math.PI) / 180;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const lineShift = (i: number) => (i === 0 ? 0 : (rand() * 2 - 1) * 0.15 * s);
  const shiftX = Array.from({ length: size }, (_, k) => lineShift(k - n));
  const shiftY = Array.from({ length: size }, (_, k) => lineShift(k - n));
  const harmonics = [1, 2, 3].map((k) => ({ k, a: 0.02 + rand() * 0.06, phase: rand() * 2 * Math.PI }));
  const edgeAt = (angle: number) => radiusM * (1 + harmonics.reduce((sum, h) => sum + h.a * Math.sin(h.k * angle + h.phase), 0));

  // Crossing (i, j) of the grid, or NaN when it lies outside the urban area or the polygon.
  const gx = new Float64Array(size * size).fill(NaN);
  const gy = new Float64Array(size * size).fill(NaN);
  for (let j = -n; j <= n; j++) {
    for (let i = -n; i <= n; i++) {
      const jx = i === 0 && j === 0 ? 0 : (rand() * 2 - 1) * 0.06 * s;
      const jy = i === 0 && j === 0 ? 0 : (rand() * 2 - 1) * 0.06 * s;
      const u = i * s + shiftX[i + n] + jx;
      const v = j * s + shiftY[j + n] + jy;
      const x = u * cos - v * sin;
      const y = u * sin + v * cos;
      if (Math.hypot(x, y) > edgeAt(Math.atan2(y, x)) || !insideRings(polygon, x, y)) continue;
      gx[(j + n) * size + (i + n)] = x;
      gy[(j + n) * size + (i + n)] = y;
    }
  }

  const lineKind = (k: number): RoadKind => (k % 4 === 0 ? 'arterial' : k % 2 === 0 ? 'collector' : 'local');
  const core = 0.45 * radiusM;
  const pairs = Math.max(1, Math.round(radiusM / 4000));
  // Binários: collector line c (c ≡ 2 mod 4) and its neighbour c + 1, nearest the centre first.
  const collectors = Array.from({ length: size }, (_, k) => k - n).filter((k) => ((k % 4) + 4) % 4 === 2 && Math.abs(k) * s < core);
  collectors.sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  const pick = (list: number[]) => {
    const chosen: number[] = [];
    const pool = [...list];
    while (chosen.length < pairs && pool.length > 0) chosen.push(pool.splice(Math.floor(rand() * Math.min(pool.length, 3)), 1)[0]);
    return new Set(chosen);
  };
  const binarioX = pick(collectors);
  const binarioY = pick(collectors);

  const roads: LayoutRoad[] = [];
  // One grid line: runs of consecutive crossings, cut where a crossing is missing, a local
  // segment is left out, or the line enters or leaves its one-way section.
  const drawLine = (axis: 'x' | 'y', k: number) => {
    const pairOf = axis === 'x' ? binarioX : binarioY;
    const oneWayDir = pairOf.has(k) ? 1 : pairOf.has(k - 1) ? -1 : 0;
    const kind: RoadKind = oneWayDir !== 0 ? 'collector' : lineKind(((k % 4) + 4) % 4);
    const label = axis === 'x' ? 'N-S' : 'L-O';
    let run: number[] = [];
    let runOneway = false;
    const flush = () => {
      if (run.length >= 4) {
        const pts = runOneway && oneWayDir < 0 ? reversePairs(run) : run;
        const base = `${kindName(kind)} ${label} ${k}`;
        roads.push({ kind, name: runOneway ? `${base} (binário, mão única)` : base, oneway: runOneway, grid: true, points: pts });
      }
      run = [];
    };
    for (let t = -n; t <= n; t++) {
      const idx = axis === 'x' ? (t + n) * size + (k + n) : (k + n) * size + (t + n);
      const x = gx[idx];
      const y = gy[idx];
      if (Number.isNaN(x)) {
        flush();
        continue;
      }
      if (run.length > 0) {
        // The segment from the previous crossing to this one.
        if (kind === 'local' && rand() < LOCAL_DROP_SHARE) flush();
        else {
          const px = run[run.length - 2];
          const py = run[run.length - 1];
          const oneway = oneWayDir !== 0 && Math.hypot((px + x) / 2, (py + y) / 2) < core;
          if (run.length >= 4 && oneway !== runOneway) {
            flush();
            run.push(px, py);
          }
          runOneway = oneway;
        }
      }
      run.push(x, y);
    }
    flush();
  };
  for (let k = -n; k <= n; k++) drawLine('x', k);
  for (let k = -n; k <= n; k++) drawLine('y', k);

  const centre: [number, number] = [gx[n * size + n], gy[n * size + n]];
  if (radiusM >= 1500) {
    for (let q = 0; q < 4; q++) {
      const angle = rotation + Math.PI / 4 + (q * Math.PI) / 2 + (rand() * 2 - 1) * 0.12;
      // A gentle bend: the heading drifts by up to ±0.06 rad along the avenue.
      const bendPhase = rand() * 2 * Math.PI;
      const pts: number[] = [centre[0], centre[1]];
      const steps = Math.ceil(radiusM / s);
      for (let k = 1; k <= steps; k++) {
        const r = k * s;
        const heading = angle + 0.06 * Math.sin((Math.PI * r) / radiusM + bendPhase);
        const x = r * Math.cos(heading);
        const y = r * Math.sin(heading);
        if (r > edgeAt(Math.atan2(y, x)) || !insideRings(polygon, x, y)) break;
        pts.push(x, y);
      }
      if (pts.length >= 4) roads.push({ kind: 'arterial', name: `Radial ${['NE', 'NO', 'SO', 'SE'][q]}`, oneway: false, grid: false, points: pts });
    }
  }
  if (radiusM >= 3000) {
    const ringR = 0.55 * radiusM;
    const count = 48;
    const p2 = rand() * 2 * Math.PI;
    const p3 = rand() * 2 * Math.PI;
    const pts: number[][] = [];
    for (let k = 0; k < count; k++) {
      const angle = k * ((2 * Math.PI) / count);
      const r = ringR * (1 + 0.06 * Math.sin(2 * angle + p2) + 0.04 * Math.sin(3 * angle + p3));
      pts.push([r * Math.cos(angle), r * Math.sin(angle)]);
    }
    pts.push(pts[0]);
    // Only the parts inside the polygon; a ring cut by the boundary becomes several arcs.
    let arc: number[] = [];
    for (const [x, y] of pts) {
      if (insideRings(polygon, x, y)) arc.push(x, y);
      else {
        if (arc.length >= 4) roads.push({ kind: 'arterial', name: 'Anel viário', oneway: false, grid: false, points: arc });
        arc = [];
      }
    }
    if (arc.length >= 4) roads.push({ kind: 'arterial', name: 'Anel viário', oneway: false, grid: false, points: arc });
  }
  return { roads, radiusM, spacingM: s };
}

function reversePairs(p: number[]): number[] {
  const out: number[] = [];
  for (let k = p.length - 2; k >= 0; k -= 2) out.push(p[k], p[k + 1]);
  return out;
}

function kindName(kind: RoadKind): string {
  return kind === 'arterial' ? 'Arterial' : kind === 'collector' ? 'Coletora' : kind === 'trunk' ? 'Rodovia' : 'Local';
}
