/**
 * Algorithm B on the TNTP networks in data/tntp: seconds to relative gap 1e-4, 1e-6 and 1e-8,
 * measured inside the process after the network and trips are read, median of RUNS runs after a
 * warm-up. "total" is the whole call (bush set-up and every gap check included); "no gap
 * checks" leaves out the all-or-nothing searches behind the gap, as tap-b's own timer does.
 * Peer figure (tap-b, Algorithm B in C, same kind of machine, gap 1e-6): Sioux Falls 0.012 s,
 * Anaheim 0.015 s.
 *
 * Run: npx tsx bench/algorithm-b.ts [runs]
 */
import { fileURLToPath } from 'node:url';
import { algorithmB } from '../engine/assignment/algorithm-b.ts';
import { readTntpNetwork, readTntpTrips } from '../engine/tntp/read-tntp.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const RUNS = Math.max(5, Number(process.argv[2] ?? 9));
const GAPS = [1e-4, 1e-6, 1e-8];
const PEER: Record<string, number> = { SiouxFalls: 0.012, Anaheim: 0.015 };

const file = (name: string, kind: string) => fileURLToPath(new URL(`../data/tntp/${name}/${name}_${kind}.tntp`, import.meta.url));

console.log(`Algorithm B — ${machineLine()}`);
console.log(`median of ${RUNS} runs after a warm-up; seconds inside the process, network already read\n`);
console.log('network     target  iters  reached   median s  min s    no gap checks s  vs tap-b 1e-6');
for (const name of ['SiouxFalls', 'Anaheim']) {
  const net = readTntpNetwork(file(name, 'net'));
  const demand = readTntpTrips(file(name, 'trips'), net.zoneCount);
  for (const gap of GAPS) {
    const options = { method: 'algb' as const, gap, maxIter: 10_000, workers: 1, maxSeconds: 60 };
    let last = await algorithmB(net, demand, options); // warm-up
    const total: number[] = [];
    const solver: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      last = await algorithmB(net, demand, options);
      total.push(last.seconds);
      solver.push(last.seconds - last.gapSeconds);
    }
    const t = median(total);
    const row = [
      name.padEnd(11),
      gap.toExponential(0).padStart(6),
      String(last.iterations).padStart(6),
      last.relativeGap.toExponential(1).padStart(8),
      t.toFixed(4).padStart(10),
      Math.min(...total).toFixed(4).padStart(7),
      median(solver).toFixed(4).padStart(18),
      gap === 1e-6 ? `${(t / PEER[name]).toFixed(2)}×`.padStart(15) : '',
    ];
    console.log(row.join(' '));
  }
}
