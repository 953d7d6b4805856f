/** Worker-thread task of a local sweep: runs one variant (app/sweep/job.ts) and returns its figures. */
import { runVariantJob, type VariantJob, type VariantResult } from '../app/sweep/job.ts';

export default function task(job: VariantJob): Promise<VariantResult> {
  return runVariantJob(job);
}
