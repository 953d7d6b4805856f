/**
 * Small hand-built RunResults for the tests of compare and of the report: a few edges described
 * one by one (runFromEdges), and a grid city with a baseline and an intervention run
 * (gridRunPair) that exercises every part of a comparison. Deterministic; no model is run.
 */
import type { IterationRecord } from '../assignment/result.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RunMeta, RunResult, RunTotals } from './run-result.ts';

export interface EdgeSpec {
  way: number;
  dir?: number;
  /** Polyline, [lon, lat] points (at least two). */
  points: [number, number][];
  flow: number;
  capacity?: number;
  lengthM?: number;
  roadClass?: string;
  changed?: boolean;
}

export interface ZoneSpec {
  ids: string[];
  /** Minutes, row-major Z×Z (NaN unreachable). */
  minutes: number[];
  trips: number[];
}

export interface RunSpec {
  edges: EdgeSpec[];
  zones?: ZoneSpec;
  meta?: Partial<RunMeta>;
  totals?: Partial<RunTotals>;
  attractions?: RunResult['attractions'];
  convergence?: IterationRecord[];
}

export function runFromEdges(spec: RunSpec): RunResult {
  const n = spec.edges.length;
  const points = spec.edges.reduce((sum, e) => sum + e.points.length, 0);
  const offsets = new Uint32Array(n + 1);
  const coords = new Float64Array(2 * points);
  const edges = {
    count: n,
    osmWayId: new Float64Array(n),
    dir: new Uint8Array(n),
    roadClass: new Uint8Array(n),
    lanes: new Uint8Array(n),
    lengthM: new Float64Array(n),
    capacityVph: new Float64Array(n),
    freeFlowS: new Float64Array(n),
    flowVph: new Float64Array(n),
    timeS: new Float64Array(n),
    vc: new Float32Array(n),
    speedKmh: new Float32Array(n),
    changed: new Uint8Array(n),
    geometryOffsets: offsets,
    geometryCoords: coords,
  };
  let p = 0;
  spec.edges.forEach((e, i) => {
    const capacity = e.capacity ?? 1000;
    const length = e.lengthM ?? 500;
    edges.osmWayId[i] = e.way;
    edges.dir[i] = e.dir ?? 0;
    edges.roadClass[i] = roadClassCode(e.roadClass ?? 'secondary');
    edges.lanes[i] = 1;
    edges.lengthM[i] = length;
    edges.capacityVph[i] = capacity;
    edges.freeFlowS[i] = length / 10;
    edges.flowVph[i] = e.flow;
    edges.vc[i] = e.flow / capacity;
    edges.timeS[i] = (length / 10) * (1 + 0.15 * (e.flow / capacity) ** 4);
    edges.speedKmh[i] = (length / edges.timeS[i]!) * 3.6;
    edges.changed[i] = e.changed ? 1 : 0;
    offsets[i] = p;
    for (const [lon, lat] of e.points) {
      coords[2 * p] = lon;
      coords[2 * p + 1] = lat;
      p++;
    }
  });
  offsets[n] = p;
  const z = spec.zones ?? { ids: [], minutes: [], trips: [] };
  return {
    meta: {
      city: 'cuiaba',
      cityName: 'Cuiabá',
      scenario: 'baseline',
      name: 'Linha de base',
      model: 'static',
      period: 'am-peak',
      seed: 1,
      synthetic: true,
      graphName: 'Cuiabá (stand-in)',
      inputHash: 'test',
      version: '0.1.0',
      createdAt: '2026-01-01T00:00:00.000Z',
      ...spec.meta,
    },
    edges,
    zones: {
      count: z.ids.length,
      ids: z.ids,
      lon: new Float64Array(z.ids.map((_, i) => -56.1 + i * 0.01)),
      lat: new Float64Array(z.ids.map(() => -15.6)),
      timeS: Float32Array.from(z.minutes, (m) => m * 60),
      trips: Float32Array.from(z.trips),
    },
    totals: { vkt: 1000, vht: 40, delayVh: 5, meanTripMin: 20, trips: 500, unreachableTrips: 0, co2Kg: 180, ...spec.totals },
    convergence: spec.convergence ?? [],
    assignment: { method: 'algb', iterations: spec.convergence?.length ?? 0, relativeGap: spec.convergence?.at(-1)?.gap ?? 0, seconds: 0.1 },
    attractions: spec.attractions ?? [],
    interventions: [],
  };
}

/**
 * A grid city of `size`×`size` nodes around Cuiabá's seat, two-way streets (way per street
 * segment row), flows from a smooth deterministic pattern. Run B closes one street (its edges
 * are gone), adds a link, and shifts flow towards the closed street's neighbours.
 */
export function gridRunPair(size = 12, options: { synthetic?: boolean } = {}): { a: RunResult; b: RunResult } {
  const step = 0.004;
  const lon0 = -56.12;
  const lat0 = -15.62;
  const edgesA: EdgeSpec[] = [];
  const edgesB: EdgeSpec[] = [];
  const closedWay = 1000 + Math.floor(size / 2) * 2 * size + 3;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = lon0 + c * step;
      const y = lat0 + r * step;
      const links: [number, [number, number], string][] = [];
      if (c + 1 < size) links.push([1000 + r * 2 * size + c, [x + step, y], r % 4 === 0 ? 'primary' : 'residential']);
      if (r + 1 < size) links.push([1000 + r * 2 * size + size + c, [x, y + step], c % 4 === 0 ? 'secondary' : 'residential']);
      for (const [way, [hx, hy], roadClass] of links) {
        const capacity = roadClass === 'residential' ? 600 : 1800;
        const base = capacity * (0.35 + 0.5 * Math.abs(Math.sin(r * 0.7 + c * 0.3)));
        const mid: [number, number] = [(x + hx) / 2 + (way % 3) * 0.0002, (y + hy) / 2];
        for (const dir of [0, 1]) {
          const points: [number, number][] = dir === 0 ? [[x, y], mid, [hx, hy]] : [[hx, hy], mid, [x, y]];
          const flowA = base * (dir === 0 ? 1 : 0.8);
          edgesA.push({ way, dir, points, flow: flowA, capacity, lengthM: 430, roadClass });
          if (way === closedWay) continue;
          const near = Math.abs(way - closedWay) <= 2 * size + 1 && Math.abs(way - closedWay) % size <= 1;
          const flowB = near ? flowA * 1.45 : flowA * (0.97 + 0.02 * Math.cos(way));
          edgesB.push({ way, dir, points, flow: flowB, capacity, lengthM: 430, roadClass, changed: false });
        }
      }
    }
  }
  const corner: [number, number] = [lon0 + (size - 1) * step, lat0];
  const added: [number, number] = [lon0 + (size - 1) * step + 0.006, lat0 - 0.005];
  edgesB.push({ way: -1, dir: 0, points: [corner, added], flow: 700, capacity: 1800, lengthM: 800, roadClass: 'primary', changed: true });
  edgesB.push({ way: -1, dir: 1, points: [added, corner], flow: 500, capacity: 1800, lengthM: 800, roadClass: 'primary', changed: true });

  const ids = ['8a0', '8a1', '8a2', '8a3', '8a4'];
  const minutesA: number[] = [];
  const minutesB: number[] = [];
  const trips: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < ids.length; j++) {
      const m = i === j ? 0 : 6 + 4 * Math.abs(i - j) + ((i * 7 + j * 3) % 5);
      minutesA.push(m);
      minutesB.push(i === j ? 0 : m + ((i + 2 * j) % 7) - 3.2);
      trips.push(i === j ? 0 : 40 + ((i * 13 + j * 29) % 60));
    }
  }
  const convergence = (n: number, rate: number): IterationRecord[] =>
    Array.from({ length: n }, (_, k) => ({ iteration: k + 1, gap: 0.3 * rate ** k, step: NaN, objective: 1e6 - k, seconds: 0.01 * k }));
  const synthetic = options.synthetic ?? true;
  const graphName = synthetic ? 'Cuiabá (stand-in)' : 'Cuiabá (OpenStreetMap)';
  const a = runFromEdges({
    edges: edgesA,
    zones: { ids, minutes: minutesA, trips },
    meta: { synthetic, graphName, scenario: 'baseline', name: 'Linha de base' },
    totals: { vkt: 184_230.4, vht: 6_120.7, delayVh: 1_410.2, meanTripMin: 23.4, trips: 41_250, co2Kg: 33_161.5 },
    attractions: [
      { name: 'Arena Pantanal', lon: -56.118, lat: -15.604, accessMin: 21.5 },
      { name: 'Parque Mãe Bonifácia', lon: -56.106, lat: -15.586, accessMin: 17.25 },
    ],
    convergence: convergence(24, 0.62),
  });
  const b = runFromEdges({
    edges: edgesB,
    zones: { ids, minutes: minutesB, trips },
    meta: { synthetic, graphName, scenario: 'brt-cpa', name: 'Faixas de BRT na Av. do CPA', inputHash: 'test-b' },
    totals: { vkt: 181_002.9, vht: 5_771.3, delayVh: 1_120.8, meanTripMin: 21.6, trips: 41_250, co2Kg: 32_580.5 },
    attractions: [
      { name: 'Arena Pantanal', lon: -56.118, lat: -15.604, accessMin: 19.75 },
      { name: 'Parque Mãe Bonifácia', lon: -56.106, lat: -15.586, accessMin: 17.5 },
    ],
    convergence: convergence(31, 0.66),
  });
  b.interventions = [{ intervention: 0, type: 'close', edges: 2, note: `way ${closedWay} closed` }, { intervention: 1, type: 'add-link', edges: 2, note: 'primary link added' }];
  return { a, b };
}
