/**
 * Colour scales of the viewer's map and the report's map (one table for both), each each a list of classes (upper bound, RGB) so that the legend and the
 * colouring read from the same table. v/c: volume over capacity of the period; speed in km/h;
 * difference: Δ v/c = B − A (negative is better: blue; positive worse: red; ColorBrewer RdBu).
 */
export type Rgb = readonly [number, number, number];

export interface ColorClass {
  /** Values below this bound (and at or above the previous one) take this colour. */
  upTo: number;
  rgb: Rgb;
}

export const VC_CLASSES: readonly ColorClass[] = [
  { upTo: 0.5, rgb: [26, 152, 80] },
  { upTo: 0.75, rgb: [166, 217, 106] },
  { upTo: 0.9, rgb: [254, 224, 139] },
  { upTo: 1.0, rgb: [244, 109, 67] },
  { upTo: Infinity, rgb: [165, 0, 38] },
];

export const SPEED_CLASSES: readonly ColorClass[] = [
  { upTo: 15, rgb: [165, 0, 38] },
  { upTo: 30, rgb: [244, 109, 67] },
  { upTo: 45, rgb: [254, 224, 139] },
  { upTo: 60, rgb: [166, 217, 106] },
  { upTo: Infinity, rgb: [26, 152, 80] },
];

export const DIFF_CLASSES: readonly ColorClass[] = [
  { upTo: -0.25, rgb: [33, 102, 172] },
  { upTo: -0.1, rgb: [103, 169, 207] },
  { upTo: -0.02, rgb: [209, 229, 240] },
  { upTo: 0.02, rgb: [190, 190, 190] },
  { upTo: 0.1, rgb: [253, 219, 199] },
  { upTo: 0.25, rgb: [239, 138, 98] },
  { upTo: Infinity, rgb: [178, 24, 43] },
];

/** An edge of B with no counterpart in A (an added link). */
export const NEW_LINK_RGB: Rgb = [152, 78, 163];
/** Ways an intervention touched, drawn under the roads as a halo. */
export const CHANGED_RGB: Rgb = [255, 0, 255];
/** A link closed all day (in A only), drawn over the roads. */
export const CLOSED_RGB: Rgb = [17, 17, 17];
/** A closed link in the 3D view, over its dark ground (black would not show). */
export const CLOSED_3D_RGB: Rgb = [230, 30, 30];
/** A link closed in a time window of the period (dynamic model). */
export const CLOSED_WINDOW_RGB: Rgb = [140, 81, 10];

export function classOf(classes: readonly ColorClass[], value: number): number {
  for (let i = 0; i < classes.length; i++) if (value < classes[i].upTo) return i;
  return classes.length - 1;
}

/** "#rrggbb" of a colour, for SVG and CSS. */
export function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Line width in pixels for a flow, by the square root of its share of the largest flow. */
export function widthOf(flow: number, maxFlow: number): number {
  return maxFlow > 0 ? 0.75 + 7 * Math.sqrt(Math.max(0, flow) / maxFlow) : 1;
}
