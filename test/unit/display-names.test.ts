/**
 * Names the user sees (account and wallet labels, notes, spec names) reach desktop notifications, the
 * activity log and files: every request that carries one normalises it (NFC) and refuses control,
 * direction-changing and invisible characters (shared/schema.ts displayNameSchema).
 */
import { describe, expect, it } from 'vitest';
import { parseRequest, type Channel } from '../../shared/ipc/contract';

const HOSTILE = [
  'a\u0000b',
  'two\nlines',
  'tab\there',
  'gpj.\u202eexe',
  'Ma\u200bin',
  '\u2066x\u2069',
  'x\ufeffy',
  'a\u0085b',
];

/** Each channel with a request builder putting the name where it belongs. */
const NAMED: [Channel, (name: string) => unknown][] = [
  ['accounts:rename', (label) => ({ id: 'acc-1', label })],
  ['accounts:add', (label) => ({ exchange: 'binance', label, apiKey: 'k'.repeat(20), secret: 's'.repeat(20) })],
  ['holdings:addWallet', (label) => ({ label })],
  ['holdings:addWallet', (platform) => ({ label: 'Ledger', platform })],
  ['holdings:renameWallet', (label) => ({ id: 'w-1', label })],
  ['holdings:add', (note) => ({ walletId: 'w-1', asset: 'BTC', amount: 1, note })],
  ['wallets:rename', (label) => ({ id: 'w-1', label })],
  ['indexlab:saveSpec', (name) => ({ name, spec: { universe: { type: 'top' } } })],
  ['indexlab:saveSpec', (name) => ({ name: 'Top', spec: { name, universe: { type: 'top' } } })],
];

describe('display names in requests', () => {
  it.each(NAMED)('%s refuses control, direction-changing and invisible characters', (channel, build) => {
    expect(parseRequest(channel, build('Fine name')).ok).toBe(true);
    for (const name of HOSTILE) expect(parseRequest(channel, build(name)).ok, JSON.stringify(name)).toBe(false);
  });

  it('normalises a name to NFC', () => {
    const res = parseRequest('holdings:addWallet', { label: ' Cafe\u0301 ' });
    expect(res).toMatchObject({ ok: true, data: { label: 'Caf\u00e9' } });
  });
});
