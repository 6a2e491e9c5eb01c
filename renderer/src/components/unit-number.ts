/**
 * Text of a number input shown in display units (a share 0.2 shown as "20" with scale 100): the text for
 * a value, the value for a text, and which text to keep when the value changes from outside, so that
 * what the user is typing never jumps. Pure; used by UnitNumberInput and the rule settings.
 */

/** `n` with at most `digits` decimals and no trailing zeros: 0.30000000000000004 -> "0.3". */
export function trimNumber(n: number, digits = 6): string {
  return String(Number(n.toFixed(digits)));
}

/** The text shown for a value: `value * scale`, or empty for a value that is not a number. */
export function unitText(value: number, scale: number, digits: number): string {
  return Number.isFinite(value) ? trimNumber(value * scale, digits) : '';
}

/** The value a text stands for (`text / scale`); NaN when the text is empty or not a number. */
export function unitValue(text: string, scale: number): number {
  return text.trim() === '' ? Number.NaN : Number(text) / scale;
}

/**
 * The text to show once the value is `value`: the current text when it already says that value (at
 * the precision shown), else the value's own text.
 */
export function syncedText(text: string, value: number, scale: number, digits: number): string {
  const shown = unitValue(text, scale);
  if (Number.isNaN(value) && Number.isNaN(shown)) return text;
  if (Math.abs(shown - value) < 1e-9) return text;
  if (Number.isFinite(value) && trimNumber(value * scale, digits) === text) return text;
  return unitText(value, scale, digits);
}
