/**
 * importOsm: an OSM file (pbf, XML or Overpass JSON) → RoadGraph, in one call: read, optionally
 * clip to a municipality polygon, then apply the road rules (build-road-graph.ts). The report
 * joins what the reader saw with what the builder kept.
 */
import type { CityPolygon } from '../city/registry.ts';
import { buildRoadGraph, type BuildOptions, type BuildReport } from './build-road-graph.ts';
import { clipExtract } from './clip-extract.ts';
import type { OsmExtract } from './osm-extract.ts';
import { readOsmFile } from './read-osm.ts';
import type { RoadGraph } from '../graph/road-graph.ts';

export interface ImportOptions extends BuildOptions {
  /** Keep only ways with at least one node inside this polygon (a city's IBGE boundary). */
  clipTo?: CityPolygon;
}

export interface ImportReport extends BuildReport {
  format: OsmExtract['source']['format'];
  /** Ways with a highway tag in the file, and those left out by the clip. */
  highwayWaysRead: number;
  waysOutsidePolygon: number;
  pois: number;
  readSeconds: number;
}

export function importOsm(file: string, options: ImportOptions = {}): { graph: RoadGraph; report: ImportReport; extract: OsmExtract } {
  const t0 = performance.now();
  let extract = readOsmFile(file);
  const readSeconds = (performance.now() - t0) / 1000;
  const highwayWaysRead = extract.ways.length;
  let waysOutsidePolygon = 0;
  if (options.clipTo) {
    const clipped = clipExtract(extract, options.clipTo, file);
    waysOutsidePolygon = highwayWaysRead - clipped.ways.length;
    extract = clipped;
  }
  const { graph, report } = buildRoadGraph(extract, options);
  return {
    graph,
    extract,
    report: {
      ...report,
      format: extract.source.format,
      highwayWaysRead,
      waysOutsidePolygon,
      pois: extract.pois.length,
      readSeconds,
      seconds: (performance.now() - t0) / 1000,
    },
  };
}
