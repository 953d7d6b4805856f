import { describe, expect, it } from 'vitest';
import { gridRunPair } from '../../test/fixtures/compare-runs.ts';
import { decodeResult, encodeResult } from '../../engine/metrics/result-file.ts';
import { decodeRunResult, ResultDecodeError } from './result-decode.ts';

const copy = (bytes: Uint8Array) => bytes.slice().buffer;

describe('decodeRunResult (browser decoder)', () => {
  it('reads every column and field the engine wrote, as the engine decoder does', () => {
    const { b } = gridRunPair(6);
    const bytes = encodeResult(b);
    const mine = decodeRunResult(copy(bytes));
    const ref = decodeResult(bytes);
    expect(mine.meta).toEqual(ref.meta);
    expect(mine.totals).toEqual(ref.totals);
    expect(mine.attractions).toEqual(ref.attractions);
    expect(mine.interventions).toEqual(b.interventions);
    expect(mine.zones.ids).toEqual(b.zones.ids);
    for (const k of ['osmWayId', 'dir', 'roadClass', 'lanes', 'lengthM', 'capacityVph', 'freeFlowS', 'flowVph', 'timeS', 'vc', 'speedKmh', 'changed', 'geometryOffsets', 'geometryCoords'] as const) {
      expect(mine.edges[k].constructor).toBe(b.edges[k].constructor);
      expect(Array.from(mine.edges[k])).toEqual(Array.from(b.edges[k]));
    }
    expect(Array.from(mine.zones.timeS)).toEqual(Array.from(ref.zones.timeS));
    expect(Array.from(mine.zones.trips)).toEqual(Array.from(b.zones.trips));
  });

  it('hands out views over the fetched bytes, not copies', () => {
    const buffer = copy(encodeResult(gridRunPair(4).a));
    const run = decodeRunResult(buffer);
    expect(run.edges.geometryCoords.buffer).toBe(buffer);
    expect(run.edges.flowVph.buffer).toBe(buffer);
  });

  it('rejects bytes that are not a run result, naming the source', () => {
    expect(() => decodeRunResult(new ArrayBuffer(4), 'x/result.fb')).toThrow(ResultDecodeError);
    expect(() => decodeRunResult(new TextEncoder().encode('{"not": "a result file"}').buffer, 'x/result.fb')).toThrow(/x\/result\.fb: not a gemeo run result/);
  });
});
