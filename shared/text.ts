/**
 * Small wording helpers shared by main, renderer and the domain (rule messages, key hints, views).
 * Pure and locale-fixed (en-US digits), so a message reads the same wherever it is built.
 */

/** "1 day", "3 days", "1,200 rows"; `many` for irregular plurals ("1 entry", "2 entries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b, and c": a list in a sentence (Intl.ListFormat, en-US). */
export function listOf(items: readonly string[]): string {
  return new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' }).format(items);
}
