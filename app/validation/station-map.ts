/**
 * The validation report's map: the run's network in grey (each street drawn once), the links
 * each station was placed on in its GEH colour, and the stations as labelled dots — filled by
 * their worst GEH, hollow when not placed or not compared. Drawn with the comparison map's
 * projection (report/map.ts Frame).
 */
import type { RunEdges } from '../../engine/metrics/run-result.ts';
import { esc } from '../report/charts.ts';
import { Frame, undirectedKey } from '../report/map.ts';
import { GEH_COLORS, gehColor } from './scatter.ts';

export interface MapStation {
  id: string;
  lon: number;
  lat: number;
  /** Largest GEH of its compared counts; null when none was compared. */
  worstGeh: number | null;
  edges: number[];
  label: string;
}

export interface StationMapLabels {
  title: string;
  under5: string;
  from5to10: string;
  over10: string;
  none: string;
}

export function stationMap(edges: RunEdges, stations: MapStation[], l: StationMapLabels): string {
  // the urban area, widened to hold every link a station was placed on
  const frame = Frame.around(edges, stations.flatMap((s) => s.edges.map((e) => [edges, e] as const)));
  if (frame === null) return '';
  const seen = new Set<string>();
  const streets: string[] = [];
  for (let e = 0; e < edges.count; e++) {
    const key = undirectedKey(edges, e);
    if (seen.has(key)) continue;
    seen.add(key);
    const d = frame.path(edges, e, false);
    if (d !== '') streets.push(d);
  }
  const out: string[] = [`<svg viewBox="0 0 ${frame.w} ${frame.h}" width="100%" role="img" aria-label="${esc(l.title)}" class="map" fill="none" stroke-linecap="round" stroke-linejoin="round">`];
  out.push(`<rect width="${frame.w}" height="${frame.h}" fill="#fbfbf8" stroke="none"/>`);
  out.push(`<path d="${streets.join('')}" stroke="#c9c9c9" stroke-width="1.2"/>`);
  for (const s of stations) {
    const d = s.edges.map((e) => frame.path(edges, e, true)).join('');
    if (d !== '') out.push(`<path d="${d}" stroke="${gehColor(s.worstGeh)}" stroke-width="7" stroke-opacity="0.8"/>`);
  }
  for (const s of stations) {
    if (!Number.isFinite(s.lon) || !Number.isFinite(s.lat)) continue;
    const x = frame.x(s.lon);
    const y = frame.y(s.lat);
    const fill = s.worstGeh === null ? '#fff' : gehColor(s.worstGeh);
    out.push(`<circle cx="${x}" cy="${y}" r="11" fill="${fill}" stroke="#1d2733" stroke-width="2.5"><title>${esc(s.label)}</title></circle>`);
    out.push(`<text x="${x + 15}" y="${y + 7}" fill="#1d2733" font-size="22" stroke="#fff" stroke-width="5" paint-order="stroke">${esc(s.id)}</text>`);
  }
  out.push(frame.scaleBar());
  out.push('</svg>');
  const chip = (color: string, label: string, hollow = false) =>
    `<span class="chip"><svg width="14" height="14"><circle cx="7" cy="7" r="5" fill="${hollow ? '#fff' : color}" stroke="#1d2733" stroke-width="1.5"/></svg>${esc(label)}</span>`;
  const legend = `<div class="legend">${chip(GEH_COLORS.under5, l.under5)} ${chip(GEH_COLORS.from5to10, l.from5to10)} ${chip(GEH_COLORS.over10, l.over10)} ${chip(GEH_COLORS.none, l.none, true)}</div>`;
  return `${out.join('')}${legend}`;
}
