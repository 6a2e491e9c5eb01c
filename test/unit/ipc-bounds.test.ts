/**
 * Bounds of the IPC requests: every list, string and record of every channel's request schema has a
 * largest size, so no request can make main parse or keep an unbounded amount of data (an Index Lab
 * spec with a million symbols froze main for seconds). The walk goes through every channel of the
 * contract; oversized Index Lab specs and targets are then refused as a typed bad request.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, CONTRACT, parseRequest } from '../../shared/ipc/contract';
import { MAX_UNIVERSE_SYMBOLS } from '../../shared/indexlab';
import { MyPortfolioOptionsSchema } from '../../shared/indexlab/portfolio';

type Node = { _zod: { def: Record<string, unknown> & { type: string } } };

const maxOfChecks = (d: Record<string, unknown>) =>
  ((d['checks'] as Node[] | undefined) ?? []).some((c) => c._zod.def['check'] === 'max_length');

/** A string whose pattern is anchored and has no open-ended repetition (e.g. /^[a-z]{1,31}$/) is bounded. */
const boundedPattern = (d: Record<string, unknown>) =>
  ((d['checks'] as Node[] | undefined) ?? []).some((c) => {
    const pattern = c._zod.def['pattern'];
    if (!(pattern instanceof RegExp)) return false;
    const src = pattern.source.replace(/\\./g, '');
    return src.startsWith('^') && src.endsWith('$') && !/[*+]|\{\d+,\}/.test(src);
  });

/** Where a schema accepts a list, string or record without a largest size ("path: kind"). */
function unbounded(schema: Node, path: string, out: string[] = [], seen = new Set<Node>()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const d = schema._zod.def;
  const inner = (key: string) => unbounded(d[key] as Node, path, out, seen);
  switch (d.type) {
    case 'string':
      if ((schema as unknown as z.ZodString).maxLength === null && !boundedPattern(d)) out.push(`${path}: string`);
      break;
    case 'array':
      if (!maxOfChecks(d)) out.push(`${path}: list`);
      unbounded(d['element'] as Node, `${path}[]`, out, seen);
      break;
    case 'record':
      // Bounded records are boundedRecord() pipes (checked below); a bare one is unbounded.
      out.push(`${path}: record`);
      break;
    case 'pipe': {
      const maxEntries = (z.globalRegistry.get(schema as never) as { maxEntries?: number } | undefined)?.maxEntries;
      const out_ = d['out'] as Node;
      if (maxEntries !== undefined && out_._zod.def.type === 'record') {
        unbounded(out_._zod.def['keyType'] as Node, `${path}{key}`, out, seen);
        unbounded(out_._zod.def['valueType'] as Node, `${path}{}`, out, seen);
      } else {
        inner('in');
      }
      break;
    }
    case 'object':
      for (const [k, v] of Object.entries(d['shape'] as Record<string, Node>)) unbounded(v, `${path}.${k}`, out, seen);
      break;
    case 'union':
      (d['options'] as Node[]).forEach((o, i) => unbounded(o, `${path}|${i}`, out, seen));
      break;
    case 'tuple':
      (d['items'] as Node[]).forEach((o, i) => unbounded(o, `${path}[${i}]`, out, seen));
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      inner('innerType');
      break;
    case 'lazy':
      unbounded((d['getter'] as () => Node)(), path, out, seen);
      break;
    case 'intersection':
      inner('left');
      inner('right');
      break;
    case 'any':
    case 'unknown':
      out.push(`${path}: ${d.type}`);
      break;
  }
  return out;
}

const symbols = (n: number) => Array.from({ length: n }, (_, i) => `S${i}`);

describe('IPC request bounds', () => {
  it('every list, string and record of every request schema has a largest size', () => {
    const found = CHANNELS.flatMap((c) => unbounded(CONTRACT[c].request as unknown as Node, c));
    expect(found).toEqual([]);
  });

  it.each([
    ['a custom universe of a million symbols', { type: 'custom', symbols: symbols(1e6) }],
    ['a holdings universe of a million symbols', { type: 'holdings', symbols: symbols(1e6) }],
    [
      'a holdings universe with 100,000 target weights',
      { type: 'holdings', symbols: ['BTC'], targets: Object.fromEntries(symbols(1e5).map((s) => [s, 1])) },
    ],
  ])('refuses %s as a bad request', (_name, universe) => {
    const res = parseRequest('indexlab:saveSpec', { name: 'Big', spec: { universe } });
    expect(res.ok).toBe(false);
    expect(JSON.stringify(res)).toMatch(/at most (1000|1,000) (symbols|target weights)/);
  });

  it('accepts the largest universe allowed', () => {
    const spec = { universe: { type: 'custom', symbols: symbols(MAX_UNIVERSE_SYMBOLS) } };
    expect(parseRequest('indexlab:saveSpec', { name: 'Largest', spec }).ok).toBe(true);
  });

  it('refuses "my portfolio" holdings beyond the bound', () => {
    const holdings = Object.fromEntries(symbols(1e5).map((s) => [s, 1]));
    expect(MyPortfolioOptionsSchema.safeParse({ holdings }).success).toBe(false);
  });

  it('keeps symbols to letters, digits and dots, so none can start a spreadsheet formula', () => {
    for (const benchmark of ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', 'BTC,ETH', 'A B', 'X\tY']) {
      expect(parseRequest('indexlab:saveSpec', { name: 'X', spec: { universe: { type: 'top' }, benchmark } }).ok).toBe(
        false,
      );
    }
    const ok = parseRequest('indexlab:saveSpec', {
      name: 'X',
      spec: { universe: { type: 'top' }, benchmark: ' usd.e ' },
    });
    expect(ok).toMatchObject({ ok: true, data: { spec: { benchmark: 'USD.E' } } });
  });
});
