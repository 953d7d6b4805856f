/**
 * Leave-one-out cross-validation of `gemeo calibrate` on the stations USED by the São Paulo
 * split of bench/calibrate.ts (9 of the 14 CET stations; the 5 held out are never read here):
 * each placed station of the 9 in turn is left out, the other 8 calibrate, and the left-out
 * station's am-peak count is compared with the calibrated run. It chooses between method
 * variants without the held-out stations informing anything.
 *
 * `npx tsx bench/calibrate-cv.ts [--cordon] [--outer N] [--ends N] [--inner N] [--max-factor X] [--cells all|external] [--scale-blocks matrix|gateway]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateScenario } from '../app/calibrate.ts';
import { validateRunDir } from '../app/validate-run.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { geh } from '../engine/counts/fit.ts';
import { machineLine } from './machine.ts';
import { SPLIT } from './calibrate-split.ts';

const path = (p: string) => new URL(`../${p}`, import.meta.url).pathname;
const CET = path('data/counts/cet-sao-paulo-2012-dev.csv');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const cordon = process.argv.includes('--cordon');
const options = {
  ...(arg('--outer') ? { outer: Number(arg('--outer')) } : {}),
  ...(arg('--ends') ? { ends: Number(arg('--ends')) } : {}),
  ...(arg('--inner') ? { inner: Number(arg('--inner')) } : {}),
  ...(arg('--max-factor') ? { maxFactor: Number(arg('--max-factor')) } : {}),
  ...(arg('--scale-blocks') ? { scaleBlocks: arg('--scale-blocks') as 'matrix' | 'gateway' } : {}),
  ...(arg('--cells') ? { cells: arg('--cells') as 'all' | 'external' } : {}),
};
const tmp = mkdtempSync(join(tmpdir(), 'gemeo-bench-calibrate-cv-'));
console.log(`${machineLine()} | variant ${JSON.stringify({ cordon, ...options })}`);
try {
  const file = join(tmp, 'sao-paulo-am-peak.json');
  const scenario = parseScenario(JSON.stringify({ city: 'sao-paulo', name: 'São Paulo am-peak', period: 'am-peak', ...(cordon ? { demand: { external: true } } : {}), interventions: [] }), file);
  const rows: { station: string; counted: number; modelled: number }[] = [];
  let seconds = 0;
  for (const out of SPLIT) {
    const used = SPLIT.filter((s) => s !== out);
    const r = await calibrateScenario(scenario, file, CET, { out: join(tmp, `${out}.calibration.json`), runsDir: join(tmp, 'runs'), stations: used, ...options });
    seconds += r.seconds;
    const v = validateRunDir(r.run.runDir, CET, { out: join(tmp, 'v', out) }).json;
    const row = v.rows.find((x) => x.station === out);
    if (!row || row.modelledVph == null || row.countedVph == null) {
      console.log(`  left out ${out}: not placed`);
      continue;
    }
    rows.push({ station: out, counted: row.countedVph, modelled: row.modelledVph });
    const f = r.calibration.fit.after;
    console.log(`  left out ${out} counted ${row.countedVph.toFixed(0).padStart(6)} | run ${row.modelledVph.toFixed(0).padStart(6)} GEH ${geh(row.modelledVph, row.countedVph).toFixed(2).padStart(6)} | used ${f.n}: GEH < 5 ${(100 * f.gehUnder5Share).toFixed(0)} %, ${(100 * f.modelTotal / f.countTotal).toFixed(0)} % | ${r.seconds.toFixed(1)} s, load ${loadavg()[0]!.toFixed(1)}`);
  }
  const under = rows.filter((x) => geh(x.modelled, x.counted) < 5).length;
  const c = rows.reduce((t, x) => t + x.counted, 0);
  const m = rows.reduce((t, x) => t + x.modelled, 0);
  const meanGeh = rows.reduce((t, x) => t + geh(x.modelled, x.counted), 0) / rows.length;
  const logRatio = rows.reduce((t, x) => t + Math.abs(Math.log(x.modelled / x.counted)), 0) / rows.length;
  console.log(`leave-one-out ${JSON.stringify({ cordon, ...options })}: ${under} of ${rows.length} under GEH 5, modelled/counted ${(100 * m / c).toFixed(0)} %, mean GEH ${meanGeh.toFixed(1)}, mean |ln(m/c)| ${logRatio.toFixed(2)} | ${seconds.toFixed(0)} s`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
