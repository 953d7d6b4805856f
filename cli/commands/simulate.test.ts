import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../engine/graph/graph-builder.ts';
import { writeGraphFile } from '../../engine/graph/graph-file.ts';
import { runCli } from '../run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gemeo-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const b = new GraphBuilder({ name: 'line', source: 'test', synthetic: false });
for (let i = 0; i < 3; i++) b.addNode(-51 + i * 0.01, -30, 500 + i);
b.addEdge({ tail: 0, head: 1, lengthM: 1000, capacityVph: 900, speedKmh: 36, lanes: 1, roadClass: 11 });
b.addEdge({ tail: 1, head: 2, lengthM: 1000, capacityVph: 900, speedKmh: 36, lanes: 1, roadClass: 11 });
writeGraphFile(join(dir, 'graph.fb'), b.finish());

describe('gemeo simulate', () => {
  it('prints the run as JSON, with bad rows counted', async () => {
    const trips = ['id,depart_s,from_osm_node,to_osm_node', ...Array.from({ length: 10 }, (_, i) => `v${i},0,500,502`), 'x,0,500,999', 'late,90000,500,502', 'back,0,502,500'];
    writeFileSync(join(dir, 'trips.csv'), trips.join('\n'));
    const r = await runCli(['simulate', '--graph', dir, '--trips', join(dir, 'trips.csv'), '--horizon', '12:00', '--json', '--out', join(dir, 'run')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ vehicles: 10, arrived: 10, stuck: 0, rejected: { unknownNode: 1, outsideHorizon: 1, unreachable: 1 } });
    // 900 veh/h: one vehicle every 4 s after the 100 s + 100 s free-flow run
    expect(out.meanTravelTimeS).toBe(200 + (4 * (0 + 9)) / 2);
    expect(out.vehicleSeconds).toBe(10 * out.meanTravelTimeS);
    expect(typeof out.seconds).toBe('number');
  });

  it('answers in one line when no trip can run', async () => {
    writeFileSync(join(dir, 'empty.csv'), 'id,depart_s,from_osm_node,to_osm_node\nx,abc,1,2\n');
    const r = await runCli(['simulate', '--graph', dir, '--trips', join(dir, 'empty.csv'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/empty\.csv: no trip can run/);
  });
});
