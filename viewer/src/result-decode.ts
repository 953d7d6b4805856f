/**
 * decodeRunResult: a run result file (result.fb) in the browser, on the fetched bytes, by the
 * engine's own decoder (engine/metrics/result-decode.ts, which needs nothing of Node). Columns
 * are typed-array views over those bytes, ready to hand to deck.gl as binary attributes.
 */
import { decodeResult } from '../../engine/metrics/result-decode.ts';
import type { RunResult } from '../../engine/metrics/run-result.ts';
import { InputError } from '../../engine/util/input-error.ts';

/** What the viewer needs of a run: everything but the convergence history. */
export type ViewerRun = Omit<RunResult, 'convergence' | 'assignment'>;

export class ResultDecodeError extends Error {
  override name = 'ResultDecodeError';
}

export function decodeRunResult(buffer: ArrayBuffer, source = 'result.fb'): ViewerRun {
  try {
    return decodeResult(new Uint8Array(buffer), source);
  } catch (err) {
    if (err instanceof InputError) throw new ResultDecodeError(err.message);
    throw err;
  }
}
