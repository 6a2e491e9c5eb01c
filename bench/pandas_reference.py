#!/usr/bin/env python3
"""
A plain vectorised numpy/pandas implementation of one Index Lab spec, as the yardstick for the
engine's speed (bench/indexlab-real.bench.ts). Not part of the app.

The spec: top N by market cap ranked on the previous day's caps (stablecoins left out, at least
`min_hist` candles and a candle at most `max_stale` days old at the previous close), market-cap
weighting, weekly rebalancing on the engine's schedule (the day after the funding day, then every 7
days), a fee in bps of traded value, and the execution model of docs/INDEX-LAB.md: decide from data
up to day d-1, trade at the close of d, costs paid from the portfolio so that post-trade weights
equal the targets (V' = V - c * sum|w V' - h|, solved by the same fixed-point iteration). Closes
and market caps are forward-filled over gaps. The full result is built like the engine's: equity and
drawdown curves, end-of-day weights, the rebalance log with its trades, both benchmarks (buy and hold
of BTC bought at the close of the first trading day, and the first basket held) and their metrics.

Modes:
  bench    read the CSVs once (timed apart), then time `run` (alignment of the per-asset frames on
           one daily grid + simulation + full result) `--runs` times, wall and CPU (process) time;
           print JSON with the timings, the equity curve and the metrics.
  summary  read the CSVs, run once, print a summary (what `npm run simulate` prints, in short):
           the whole process is what the CLI comparison times.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd

DAY_NS = 86_400 * 10**9
YEAR = 365


def read_prices(folder):
    """Per-asset frames indexed by UTC day number, with the close and the market cap (NaN if unknown)."""
    frames = {}
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".csv"):
            continue
        df = pd.read_csv(os.path.join(folder, name))
        df.columns = [c.strip().lower() for c in df.columns]
        day = pd.to_datetime(df["date"], utc=True).astype(np.int64).to_numpy() // DAY_NS
        mc = df["market_cap"] if "market_cap" in df.columns else pd.Series(np.nan, index=df.index)
        frames[name[:-4].strip().upper()] = pd.DataFrame(
            {"close": df["close"].to_numpy(float), "mc": mc.to_numpy(float)}, index=day
        )
    return frames


def metrics(v):
    """The engine's curve metrics (shared/indexlab/metrics.ts), risk-free rate 0."""
    r = v[1:] / v[:-1] - 1
    days = len(v) - 1
    mean = r.mean()
    sd = r.std(ddof=1)
    down = np.sqrt(np.mean(np.minimum(r, 0) ** 2))
    peak = np.maximum.accumulate(v)
    dd = 1 - v / peak
    trough = int(dd.argmax())
    return {
        "totalReturn": v[-1] / v[0] - 1,
        "cagr": (v[-1] / v[0]) ** (YEAR / days) - 1,
        "volatility": sd * np.sqrt(YEAR),
        "sharpe": mean / sd * np.sqrt(YEAR),
        "sortino": mean / down * np.sqrt(YEAR),
        "maxDrawdown": dd[trough],
        "maxDrawdownTrough": trough,
        "bestDay": r.max(),
        "worstDay": r.min(),
    }


def run(frames, stable, top=10, fee_bps=10.0, capital=10_000.0, min_hist=30, max_stale=3, benchmark="BTC"):
    syms = sorted(frames)
    A = len(syms)
    # Alignment: one daily grid from the first to the last candle, closes and caps forward-filled.
    lo = min(int(frames[s].index.min()) for s in syms)
    hi = max(int(frames[s].index.max()) for s in syms)
    grid = np.arange(lo, hi + 1)
    D = len(grid)
    close = np.full((D, A), np.nan)
    mcraw = np.full((D, A), np.nan)
    for a, s in enumerate(syms):
        f = frames[s]
        close[f.index.to_numpy() - lo, a] = f["close"].to_numpy()
        mcraw[f.index.to_numpy() - lo, a] = f["mc"].to_numpy()
    real = ~np.isnan(close)
    count = real.cumsum(axis=0)
    last_real = pd.DataFrame(np.where(real, np.arange(D)[:, None], np.nan)).ffill().fillna(-1).to_numpy()
    C = pd.DataFrame(close).ffill().to_numpy()
    C0 = np.nan_to_num(C)
    MC = pd.DataFrame(np.where(mcraw > 0, mcraw, np.nan)).ffill().to_numpy()
    cand = ~np.isin(syms, list(stable))

    # Funding day: the first day some candidate has the history and a cap for the first decision.
    ready = (count[:-1] >= min_hist) & (MC[:-1] > 0) & cand
    s0 = int(np.flatnonzero(ready.any(axis=1))[0])
    e = D - 1
    n = e - s0 + 1
    c = fee_bps / 10_000

    equity = np.empty(n)
    U = np.zeros((n, A))
    cash_w = np.zeros(n)
    equity[0] = capital
    cash_w[0] = 1.0
    units = np.zeros(A)
    cash = capital
    fees = 0.0
    turnover = 0.0
    log = []  # per rebalance: day, value before, value after
    log_w = []  # per rebalance: target weight of every asset
    trade_parts = []  # per rebalance: (rebalance number, asset, units traded, value traded)
    hold_units = None
    hold_cash = 0.0
    prev = s0
    for g in range(s0 + 1, e + 1, 7):
        if g - 1 > prev:  # hold between rebalances
            k0, k1 = prev + 1 - s0, g - s0
            equity[k0:k1] = C0[prev + 1 : g] @ units + cash
            U[k0:k1] = units
            cash_w[k0:k1] = cash / equity[k0:k1]
        p = g - 1
        ok = cand & (count[p] >= min_hist) & (p - last_real[p] <= max_stale) & (MC[p] > 0)
        idx = np.flatnonzero(ok)
        key = MC[p, idx]
        sel = idx[np.lexsort((idx, -key))[:top]]
        w = MC[p, sel] / MC[p, sel].sum()
        tw = np.zeros(A)
        tw[sel] = w
        h = units * C0[g]
        V = cash + h.sum()
        Vn = V
        for _ in range(60):
            nxt = V - c * np.abs(tw * Vn - h).sum()
            if abs(nxt - Vn) <= 1e-13 * V:
                Vn = nxt
                break
            Vn = nxt
        dv = tw * Vn - h
        new_units = np.divide(tw * Vn, C0[g], out=np.zeros(A), where=tw > 0)
        new_cash = Vn * (1.0 if len(sel) == 0 else max(0.0, 1 - w.sum()))
        traded = np.abs(dv).sum()
        if g > s0 + 1 or units.any():
            turnover += (traded + abs(new_cash - cash)) / (2 * V)
        fees += V - Vn
        t = np.flatnonzero(np.abs(dv) > 1e-9 * V)
        trade_parts.append((np.full(len(t), len(log)), t, new_units[t] - units[t], dv[t]))
        log.append((g, V, Vn))
        log_w.append(tw)
        units, cash = new_units, new_cash
        if hold_units is None:
            hold_units, hold_cash = units.copy(), cash
        k = g - s0
        equity[k] = C0[g] @ units + cash
        U[k] = units
        cash_w[k] = cash / equity[k]
        prev = g
    if e > prev:
        k0 = prev + 1 - s0
        equity[k0:] = C0[prev + 1 :] @ units + cash
        U[k0:] = units
        cash_w[k0:] = cash / equity[k0:]

    dates = pd.to_datetime(grid[s0:], unit="D")
    weights = pd.DataFrame(U * C0[s0:] / equity[:, None], index=dates, columns=syms)
    weights = weights.loc[:, (U != 0).any(axis=0)]
    weights["cash"] = cash_w
    curve = pd.Series(equity, index=dates)
    b = syms.index(benchmark)
    g1 = s0 + 1
    btc = None
    if not np.isnan(C[g1, b]) and g1 - last_real[g1, b] <= max_stale:
        bv = np.concatenate(([capital], capital / (1 + c) / C[g1, b] * C[g1:, b]))
        btc = {"equity": pd.Series(bv, index=dates), "metrics": metrics(bv)}
    hv = np.concatenate(([capital], C0[g1:] @ hold_units + hold_cash))
    g_log, v_before, v_after = (np.array(x) for x in zip(*log))
    rebal_dates = pd.to_datetime(grid[g_log], unit="D")
    rebalances = pd.DataFrame(
        {
            "reason": np.where(g_log == g1, "initial", "scheduled"),
            "valueBefore": v_before,
            "valueAfter": v_after,
            "fees": v_before - v_after,
        },
        index=rebal_dates,
    )
    rebal_weights = pd.DataFrame(np.array(log_w), index=rebal_dates, columns=syms)
    k, a, du, dv = (np.concatenate(x) for x in zip(*trade_parts))
    trades = pd.DataFrame(
        {
            "date": rebal_dates[k],
            "symbol": np.asarray(syms)[a],
            "side": np.where(dv > 0, "buy", "sell"),
            "units": du,
            "price": C0[g_log[k], a],
            "value": np.abs(dv),
            "cost": c * np.abs(dv),
        }
    )
    years = (e - s0) / YEAR
    return {
        "start": dates[0],
        "equity": curve,
        "drawdown": curve / curve.cummax() - 1,
        "metrics": {**metrics(equity), "rebalances": len(log), "turnover": turnover,
                    "annualTurnover": turnover / years, "feesPaid": fees},
        "benchmarks": {"btc": btc, "hold": {"equity": pd.Series(hv, index=dates), "metrics": metrics(hv)}},
        "rebalances": rebalances,
        "rebalanceWeights": rebal_weights,
        "trades": trades,
        "weights": weights,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prices", required=True)
    ap.add_argument("--stable", default="", help="comma-separated stablecoin symbols (left out of the basket)")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--fee-bps", type=float, default=10.0)
    ap.add_argument("--mode", choices=["bench", "summary"], default="bench")
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    stable = [s for s in a.stable.split(",") if s]

    t0 = time.perf_counter()
    frames = read_prices(a.prices)
    read_ms = (time.perf_counter() - t0) * 1000
    if a.mode == "summary":
        r = run(frames, stable, a.top, a.fee_bps)
        rows = [("Strategy", r["metrics"]), ("BTC hold", r["benchmarks"]["btc"]["metrics"]),
                ("No rebalance", r["benchmarks"]["hold"]["metrics"])]
        print(f"top {a.top} by market cap, marketcap weighting, weekly rebalancing")
        print(f"Period {r['start'].date()} to {r['equity'].index[-1].date()}")
        for label, key in [("Total return", "totalReturn"), ("CAGR", "cagr"), ("Volatility (ann.)", "volatility"),
                           ("Sharpe", "sharpe"), ("Sortino", "sortino"), ("Max drawdown", "maxDrawdown")]:
            print(label.ljust(19) + "".join(f"{m[key]:15.4f}" for _, m in rows))
        print(f"Final value {r['equity'].iloc[-1]:.2f}, rebalances {r['metrics']['rebalances']}")
        return
    times = []
    cpu = []
    r = None
    for _ in range(a.runs):
        t = time.perf_counter()
        c = time.process_time()
        r = run(frames, stable, a.top, a.fee_bps)
        cpu.append((time.process_time() - c) * 1000)
        times.append((time.perf_counter() - t) * 1000)
    json.dump(
        {
            "readMs": read_ms,
            "runMs": times,
            "runCpuMs": cpu,
            "assets": len(frames),
            "start": str(r["start"].date()),
            "equity": r["equity"].tolist(),
            "btcFinal": float(r["benchmarks"]["btc"]["equity"].iloc[-1]),
            "holdFinal": float(r["benchmarks"]["hold"]["equity"].iloc[-1]),
            "rebalances": r["metrics"]["rebalances"],
            "turnover": r["metrics"]["turnover"],
            "feesPaid": r["metrics"]["feesPaid"],
            "sharpe": r["metrics"]["sharpe"],
            "python": sys.version.split()[0],
            "pandas": pd.__version__,
            "numpy": np.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
