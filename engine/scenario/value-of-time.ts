/**
 * Value of time: how a toll in BRL becomes seconds of generalized cost in the assignment
 * (a driver pays a toll as readily as they lose this much time).
 *
 * The figure is the average hourly earnings of a Brazilian worker:
 * - monthly earnings: R$ 2.713, the *rendimento médio real habitual de todos os trabalhos* of
 *   IBGE's PNAD Contínua for the moving quarter June–August 2022, as reported by Valor
 *   Econômico on 30 Sep 2022 ("Renda média do trabalhador recua 0,6% no trimestre até agosto",
 *   https://valor.globo.com/brasil/noticia/2022/09/30/renda-media-do-trabalhador-recua-06percent-no-trimestre-ate-agosto-ante-2021-mostra-ibge.ghtml);
 * - hours: a 40-hour week, 40 × 52 / 12 = 173.3 hours a month (model assumption; the CLT
 *   allows up to 44).
 * Valuing peak-hour travel time at the full average wage is a model assumption: guidance such
 * as the World Bank's (Gwilliam 1997, "The value of time in economic evaluation of transport
 * projects") values non-work trips below the wage rate, while car drivers, who pay the tolls,
 * earn above the average of all workers; the two are taken to offset. Change the figures here
 * to test another value.
 */

/** IBGE PNAD Contínua, average monthly earnings from all jobs, Jun–Aug 2022, BRL. */
export const MONTHLY_EARNINGS_BRL = 2713;
/** Hours worked a month in a 40-hour week. */
export const MONTHLY_HOURS = (40 * 52) / 12;
/** Share of the wage rate at which travel time is valued (see the header). */
export const SHARE_OF_WAGE = 1;

/** ≈ R$ 15.65 per hour. */
export const VALUE_OF_TIME_BRL_PER_HOUR = (MONTHLY_EARNINGS_BRL / MONTHLY_HOURS) * SHARE_OF_WAGE;

/** Seconds of travel time a toll of `brl` weighs as, at `brlPerHour` (default VALUE_OF_TIME_BRL_PER_HOUR). */
export function tollSeconds(brl: number, brlPerHour: number = VALUE_OF_TIME_BRL_PER_HOUR): number {
  if (!(brl >= 0) || !Number.isFinite(brl)) throw new RangeError(`toll is ${brl} BRL, expected a finite amount ≥ 0`);
  if (!(brlPerHour > 0) || !Number.isFinite(brlPerHour)) throw new RangeError(`value of time is ${brlPerHour} BRL/h, expected a finite amount > 0`);
  return (brl / brlPerHour) * 3600;
}

/** Tolls of the applied graph on the assignment network's road edges, weighed as seconds at the value of time. */
export function setNetworkTolls(net: { edgeCount: number; roadEdge: Int32Array; toll: Float64Array; tollFactor: number }, tollBrl: ArrayLike<number>): void {
  for (let e = 0; e < net.edgeCount; e++) net.toll[e] = net.roadEdge[e] >= 0 ? tollBrl[net.roadEdge[e]] : 0;
  net.tollFactor = tollSeconds(1);
}

/** The generalised cost of each road edge for route choice: link time plus toll as seconds; Infinity without capacity (shared, for workers). */
export function routeCosts(graph: { edgeCount: number; capacityVph: ArrayLike<number> }, timeS: ArrayLike<number>, tollBrl: ArrayLike<number>): Float64Array {
  const cost = new Float64Array(new SharedArrayBuffer(8 * graph.edgeCount));
  const perBrl = tollSeconds(1);
  for (let e = 0; e < graph.edgeCount; e++) cost[e] = graph.capacityVph[e] > 0 ? timeS[e] + tollBrl[e] * perBrl : Infinity;
  return cost;
}
