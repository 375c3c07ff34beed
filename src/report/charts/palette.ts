// Colour-blind-safe colours: Okabe-Ito for series, viridis for sequential values.

/** The Okabe-Ito palette, reordered so the weakest colour on white (yellow) comes last. */
export const SERIES_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#000000',
  '#F0E442',
] as const;

const DASHES = [undefined, '6 3', '2 3', '8 3 2 3'] as const;

/** The colour of the i-th series, cycling through the palette. */
export function pickSeriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#0072B2';
}

/** The dash pattern of the i-th line: solid for the first cycle of colours, then dashed variants. */
export function pickSeriesDash(index: number): string | undefined {
  return DASHES[Math.floor(index / SERIES_COLOURS.length) % DASHES.length];
}

const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [181, 222, 43],
  [253, 231, 37],
];

function hex2(value: number): string {
  return Math.round(Math.min(255, Math.max(0, value)))
    .toString(16)
    .padStart(2, '0');
}

/** The viridis colour at t in [0, 1] (dark purple to yellow, lighter as t grows), as #rrggbb. */
export function pickSequentialColour(t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const a = VIRIDIS[i] ?? [0, 0, 0];
  const b = VIRIDIS[i + 1] ?? a;
  return `#${hex2(a[0] + (b[0] - a[0]) * f)}${hex2(a[1] + (b[1] - a[1]) * f)}${hex2(a[2] + (b[2] - a[2]) * f)}`;
}
