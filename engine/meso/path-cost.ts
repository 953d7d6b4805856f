/**
 * A route's time on time-dependent link times (LinkTimes): entering its first link at departS,
 * each link costs its time in the bin the vehicle enters it (as the time-dependent router
 * and td-tree.ts price it), plus the wait to enter the first link at departure (entryWaitS).
 * Infinity when a link is closed then.
 */
import type { LinkTimes } from './td-route.ts';

export function routeTime(times: LinkTimes, links: ArrayLike<number>, from: number, to: number, departS: number): number {
  const { binS, startS, binCount, linkCount, time } = times;
  let t = departS;
  if (times.entryWaitS && to > from) t += times.entryWaitS[bin(times, departS) * linkCount + links[from]];
  for (let i = from; i < to; i++) {
    let b = Math.floor((t - startS) / binS);
    b = b < 0 ? 0 : b >= binCount ? binCount - 1 : b;
    t += time[b * linkCount + links[i]];
  }
  return t - departS;
}

/** The bin of time t, clamped to the table. */
export function bin(times: LinkTimes, t: number): number {
  const b = Math.floor((t - times.startS) / times.binS);
  return b < 0 ? 0 : b >= times.binCount ? times.binCount - 1 : b;
}
