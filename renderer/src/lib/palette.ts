/** The app's chart palette: one colour per series or slice, in order, repeating after the last. Pure. */

export const PALETTE = [
  '#f2a900',
  '#627eea',
  '#14f195',
  '#e84142',
  '#2a5ada',
  '#c2a633',
  '#8247e5',
  '#00d1ff',
  '#ff6b9a',
  '#7ee787',
  '#ffa657',
  '#a5d6ff',
  '#d2a8ff',
  '#56d4dd',
  '#f778ba',
  '#8b949e',
];

/** The colour of the i-th series or slice. */
export function color(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#8b949e';
}
