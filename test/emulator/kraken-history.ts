/**
 * Kraken's TradesHistory and Ledgers for the emulator, from an account's `history`: newest first,
 * 50 records a page (`ofs`), inside (`start`, `end`] (unix seconds; `start` exclusive, `end`
 * inclusive), with the window's `count`. The ledger holds every balance change, as Kraken's does:
 * both legs of each trade (type "trade"), deposits, withdrawals, staking rewards, and a move from spot
 * to staking and back ("transfer", which nets to nothing). Called by kraken.ts.
 */
import { fmt } from './market-data';
import type { AccountSpec, EmuResponse, MarketSpec } from './types';

export const KRAKEN_PAGE = 50;

type Row = { id: string; time: number; body: Record<string, unknown> };

function window(form: URLSearchParams): { start: number; end: number; ofs: number } {
  const n = (k: string, d: number) => {
    const v = form.get(k);
    return v === null || v === '' ? d : Number(v);
  };
  return { start: n('start', -Infinity), end: n('end', Infinity), ofs: n('ofs', 0) };
}

function page(rows: Row[], form: URLSearchParams, empty: boolean): { list: Row[]; count: number } {
  const w = window(form);
  const inWindow = rows
    .filter((r) => r.time > w.start && r.time <= w.end)
    .sort((a, b) => b.time - a.time || (a.id < b.id ? 1 : -1));
  return { list: empty ? [] : inWindow.slice(w.ofs, w.ofs + KRAKEN_PAGE), count: inWindow.length };
}

export function krakenHistory(
  path: 'TradesHistory' | 'Ledgers',
  form: URLSearchParams,
  a: AccountSpec,
  opts: { empty: boolean; assetId: (code: string) => string; pairId: (m: MarketSpec) => string },
): EmuResponse {
  const h = a.history ?? {};
  const sec = (t: number) => t / 1000;
  if (path === 'TradesHistory') {
    const rows: Row[] = (h.trades ?? []).map((t) => ({
      id: `T${t.id}-KRKN`,
      time: sec(t.t),
      body: {
        ordertxid: `O${t.id}-KRKN`,
        postxid: `P${t.id}-KRKN`,
        pair: opts.pairId({ base: t.base, quote: t.quote, price: t.price }),
        time: sec(t.t),
        type: t.side,
        ordertype: 'limit',
        price: fmt(t.price),
        cost: fmt(t.amount * t.price),
        fee: fmt(t.fee),
        vol: fmt(t.amount),
        margin: '0.00000',
        misc: '',
        trade_id: t.id,
        maker: false,
      },
    }));
    const p = page(rows, form, opts.empty);
    return {
      status: 200,
      body: { error: [], result: { trades: Object.fromEntries(p.list.map((r) => [r.id, r.body])), count: p.count } },
    };
  }
  const rows: Row[] = [];
  let n = 0;
  const add = (
    refid: string,
    t: number,
    type: string,
    subtype: string,
    asset: string,
    amount: number,
    fee = 0,
  ): void => {
    n += 1;
    rows.push({
      id: `L${String(n).padStart(5, '0')}-KRKN`,
      time: sec(t),
      body: {
        refid,
        time: sec(t),
        type,
        subtype,
        aclass: 'currency',
        asset,
        amount: fmt(amount, 10),
        fee: fmt(fee, 10),
        balance: '0.0000000000',
      },
    });
  };
  for (const t of h.trades ?? []) {
    const buy = t.side === 'buy';
    add(`T${t.id}-KRKN`, t.t, 'trade', '', opts.assetId(t.base), buy ? t.amount : -t.amount);
    add(
      `T${t.id}-KRKN`,
      t.t,
      'trade',
      '',
      opts.assetId(t.quote),
      buy ? -t.amount * t.price : t.amount * t.price,
      t.fee,
    );
  }
  for (const d of h.deposits ?? []) add(`D${d.id}`, d.t, 'deposit', '', opts.assetId(d.asset), d.amount);
  for (const w of h.withdrawals ?? [])
    add(`W${w.id}`, w.t, 'withdrawal', '', opts.assetId(w.asset), -w.amount, w.fee ?? 0);
  for (const r of h.rewards ?? []) add(`R${r.id}`, r.t, 'staking', '', opts.assetId(r.asset), r.amount);
  const firstReward = (h.rewards ?? [])[0];
  if (firstReward) {
    // staking some ETH and taking it back: two pairs of legs that add up to nothing
    const t = firstReward.t + 3600_000;
    add('S-MOVE-1', t, 'transfer', 'spottostaking', opts.assetId('ETH'), -0.01);
    add('S-MOVE-1', t, 'transfer', 'stakingfromspot', 'ETH2.S', 0.01);
    add('S-MOVE-2', t + 60_000, 'transfer', 'stakingtospot', 'ETH2.S', -0.01);
    add('S-MOVE-2', t + 60_000, 'transfer', 'spotfromstaking', opts.assetId('ETH'), 0.01);
  }
  const p = page(rows, form, opts.empty);
  return {
    status: 200,
    body: { error: [], result: { ledger: Object.fromEntries(p.list.map((r) => [r.id, r.body])), count: p.count } },
  };
}
