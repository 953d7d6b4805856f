/**
 * CO2 of a run from cited emission factors (data/emission-factors.json): vehicle-kilometres
 * times grams of CO2 per vehicle-km of a light vehicle. No speed dependence (none sourced).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../util/input-error.ts';

export const DEFAULT_EMISSION_FACTORS_FILE = fileURLToPath(new URL('../../data/emission-factors.json', import.meta.url));

export interface EmissionFactors {
  gCo2PerKm: number;
  verified: boolean;
  sources: string[];
}

export function co2Kg(vkt: number, factors: EmissionFactors): number {
  return (vkt * factors.gCo2PerKm) / 1000;
}

export function loadEmissionFactors(file: string = DEFAULT_EMISSION_FACTORS_FILE): EmissionFactors {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(file, `cannot read as JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const lv = (doc as { lightVehicle?: Record<string, unknown> } | null)?.lightVehicle;
  const g = lv?.gCo2PerKm;
  if (typeof g !== 'number' || !Number.isFinite(g) || g <= 0) throw new InputError(file, `lightVehicle.gCo2PerKm is ${JSON.stringify(g)}, expected a positive number of grams per km`);
  const sources = lv?.sources;
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string')) throw new InputError(file, 'lightVehicle.sources must list at least one citation');
  return { gCo2PerKm: g, verified: lv?.verified === true, sources: sources as string[] };
}
