/**
 * Link closures in time for the queue model: link `link[k]` is closed during [fromS[k], toS[k])
 * (seconds after midnight). While closed, a link admits no vehicle and lets none leave (its flow
 * capacity and its room are both 0); vehicles on it wait there until it reopens, vehicles that
 * want to enter it wait upstream and, past the stuck time-out, are removed as stuck.
 *
 * Planned closures are known to drivers: a trip whose planned route would reach a link while
 * it is closed plans around the closures of its trip time (closureGroups); the time-dependent
 * re-routing sees a closed link as impassable in every bin its window touches.
 */

export interface LinkClosures {
  link: Int32Array;
  fromS: Int32Array;
  toS: Int32Array;
}

/** Open/close transitions sorted by time (closings after openings at the same second): the kernel walks them once. */
export interface ClosureEvents {
  timeS: Int32Array;
  link: Int32Array;
  /** +1 closes one more window on the link, −1 ends one. */
  change: Int8Array;
}

export function closureEvents(c: LinkClosures | undefined): ClosureEvents {
  const n = c ? c.link.length : 0;
  const rows: [number, number, number][] = [];
  for (let k = 0; k < n; k++) {
    if (!(c!.toS[k] > c!.fromS[k])) continue;
    rows.push([c!.fromS[k], c!.link[k], 1], [c!.toS[k], c!.link[k], -1]);
  }
  rows.sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[1] - b[1]);
  return { timeS: Int32Array.from(rows, (r) => r[0]), link: Int32Array.from(rows, (r) => r[1]), change: Int8Array.from(rows, (r) => r[2]) };
}

/** Whether link windows overlap [fromS, toS): the closures of `c` active then, as indices into it. */
export function closuresDuring(c: LinkClosures, fromS: number, toS: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < c.link.length; k++) if (c.fromS[k] < toS && c.toS[k] > fromS) out.push(k);
  return out;
}

/**
 * Trips grouped by the closures they plan around: a trip whose planned route (on `cost`,
 * entering each link after the planned times of the links before it) would enter a link while
 * it is closed avoids every closure active during its planned trip; other trips keep their
 * route. One cost array per group, those links at Infinity; group 0 is "none" (`cost` itself).
 * Per trip also where its planned route first meets a closed link (an index into `routeLinks`,
 * −1 for none) and how long it would wait there for the reopening, seconds.
 */
export function closureGroups(c: LinkClosures, departS: Int32Array, use: Uint8Array, cost: Float64Array, routeStart: Int32Array, routeLinks: Int32Array): { group: Int32Array; costs: Float64Array[]; firstClosed: Int32Array; waitS: Float64Array } {
  const byLink = new Map<number, number[]>();
  for (let k = 0; k < c.link.length; k++) {
    const list = byLink.get(c.link[k]);
    if (list) list.push(k);
    else byLink.set(c.link[k], [k]);
  }
  const group = new Int32Array(departS.length);
  const firstClosed = new Int32Array(departS.length).fill(-1);
  const waitS = new Float64Array(departS.length);
  const keys = new Map<string, number>([['', 0]]);
  const costs: Float64Array[] = [cost];
  for (let t = 0; t < departS.length; t++) {
    if (!use[t]) continue;
    let at = departS[t];
    for (let i = routeStart[t]; i < routeStart[t + 1]; i++) {
      const e = routeLinks[i];
      for (const k of byLink.get(e) ?? []) {
        if (c.fromS[k] <= at && at < c.toS[k] && (firstClosed[t] < 0 || firstClosed[t] === i)) {
          firstClosed[t] = i;
          waitS[t] = Math.max(waitS[t], c.toS[k] - at);
        }
      }
      at += cost[e];
    }
    if (firstClosed[t] < 0) continue;
    const key = closuresDuring(c, departS[t], at + 1).join(',');
    let g = keys.get(key);
    if (g === undefined) {
      g = costs.length;
      keys.set(key, g);
      const masked = cost.slice();
      for (const k of key.split(',')) masked[c.link[Number(k)]] = Infinity;
      costs.push(masked);
    }
    group[t] = g;
  }
  return { group, costs, firstClosed, waitS };
}
