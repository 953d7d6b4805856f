/**
 * The step of route swapping (route-swap.ts) iteration by iteration, from the gap of each run:
 * - 'sqrt': step₁/√k, the earlier rule;
 * - 'sra': self-regulated averaging (Liu, He and He 2009; used for simulation-based dynamic
 *   assignment after Sbayti, Lu and Mahmassani 2007): step = 1/β with β₁ = 1/step₁, and β grows
 *   by GAMMA_UP when the gap rose (an overshoot: swap much less) and by GAMMA_DOWN when it fell
 *   (keep swapping nearly as much). A 1/√k or 1/k step shrinks whatever the gap does, so once
 *   the gap is small it moves too few vehicles to close it; SRA shrinks only on overshoot;
 * - 'sra-gap': the SRA step divided by the run's gap. Swapping moves a vehicle with probability
 *   step × its relative excess, so with a fixed step the share of the excess removed per
 *   iteration falls with the gap itself (the gap closes like 1/k); dividing by the gap keeps
 *   that share near the step, so the gap can fall geometrically while SRA damps overshoots.
 */
export type StepRule = 'sqrt' | 'sra' | 'sra-gap';

export const DEFAULT_STEP_RULE: StepRule = 'sqrt';
/** β after a run whose gap rose, and after one whose gap fell (Liu et al. take Γ > 1 > γ). */
export const GAMMA_UP = 2;
export const GAMMA_DOWN = 0.1;

/** A function called once per iteration with that run's gap, returning the step to swap with. */
export function stepSchedule(rule: StepRule, first: number): (gap: number) => number {
  let k = 0;
  let beta = 1 / first;
  let last = Infinity;
  return (gap: number) => {
    k++;
    if (rule === 'sqrt') return first / Math.sqrt(k);
    if (k > 1) beta += gap >= last ? GAMMA_UP : GAMMA_DOWN;
    last = gap;
    return rule === 'sra-gap' && gap > 0 ? 1 / beta / gap : 1 / beta;
  };
}
