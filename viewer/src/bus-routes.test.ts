import { describe, expect, it } from 'vitest';
import type { TransitSummary } from '../../engine/transit/transit-summary.ts';
import { busRouteColor, busRouteData, busRouteLayer, busRouteWidth } from './bus-routes.ts';

const route = (id: string, runMin: number, extra: Partial<TransitSummary['routes'][number]> = {}) => ({ route: id, line: id, name: `Linha ${id}`, added: false, buses: 10, runMin, busHours: runMin / 6, riders: 400, load: 40, path: [[-51.2, -30.0], [-51.19, -30.01]] as [number, number][], ...extra });
const summary = (routes: TransitSummary['routes']) => ({ routes }) as TransitSummary;

describe('bus route layer', () => {
  it('joins B to A by route and colours by the run-time change', () => {
    const data = busRouteData(summary([route('1', 30), route('2', 20), route('3', 25)]), summary([route('1', 26), route('2', 20), route('3', 27), route('X', 15, { added: true })]));
    expect(data.map((d) => d.runMinChange)).toEqual([-4, 0, 2, null]);
    expect(data.map(busRouteColor).map((c) => c.slice(0, 3))).toEqual([[26, 152, 80], [120, 120, 120], [215, 48, 39], [33, 102, 172]]);
    expect(busRouteWidth(data[0])).toBe(4);
    expect(busRouteLayer(data).id).toBe('both:bus-routes');
  });

  it('draws nothing without transit results', () => {
    expect(busRouteData(null, null)).toEqual([]);
  });
});
