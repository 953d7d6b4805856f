/**
 * The bus routes of runs made with transit (their transit.json): each route drawn through its
 * stops, as wide as its load (riders per bus in the period), coloured by the change of its run
 * time from A to B — green faster, red slower, grey unchanged, blue a line the scenario adds.
 */
import { PathLayer } from '@deck.gl/layers';
import type { TransitSummary } from '../../engine/transit/transit-summary.ts';

type Route = TransitSummary['routes'][number];

export interface BusRouteDatum {
  path: [number, number][];
  line: string;
  name: string;
  load: number;
  /** B − A run time, minutes (null: a route only B has). */
  runMinChange: number | null;
  added: boolean;
}

/** B's routes (A's when B has none) joined to A's by route id. */
export function busRouteData(a: TransitSummary | null, b: TransitSummary | null): BusRouteDatum[] {
  const shown = b ?? a;
  if (!shown) return [];
  const before = new Map<string, Route>((a?.routes ?? []).map((r) => [r.route, r]));
  return shown.routes
    .filter((r) => r.path.length >= 2)
    .map((r) => {
      const was = b && a ? before.get(r.route) : r;
      return { path: r.path, line: r.line, name: r.name, load: r.load, runMinChange: was ? Math.round((r.runMin - was.runMin) * 100) / 100 : null, added: r.added };
    });
}

export function busRouteColor(d: BusRouteDatum): [number, number, number, number] {
  if (d.added || d.runMinChange === null) return [33, 102, 172, 230];
  if (d.runMinChange <= -0.1) return [26, 152, 80, 230];
  if (d.runMinChange >= 0.1) return [215, 48, 39, 230];
  return [120, 120, 120, 160];
}

/** Width in pixels: 2 to 10 with the load (riders per bus). */
export function busRouteWidth(d: BusRouteDatum): number {
  return 2 + Math.min(8, d.load / 20);
}

export function busRouteLayer(data: BusRouteDatum[]): PathLayer<BusRouteDatum> {
  return new PathLayer<BusRouteDatum>({
    id: 'both:bus-routes',
    data,
    getPath: (d) => d.path,
    getColor: busRouteColor,
    getWidth: busRouteWidth,
    widthUnits: 'pixels',
    capRounded: true,
    jointRounded: true,
    pickable: false,
  });
}
