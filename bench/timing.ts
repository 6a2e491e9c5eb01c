/**
 * Timing helpers shared by the benchmarks: medians, repeated timed runs (wall and CPU), ratios timed
 * side by side, a least-squares exponent fit, and child processes. The machine may be shared, so
 * ratios are measured in alternation (both sides see the same load) and reported as medians.
 */
import { spawnSync } from 'node:child_process';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs fn `runs` times after `warmup` calls; returns median wall ms and median CPU ms. */
export function time(fn: () => unknown, runs: number, warmup = 2): { ms: number; cpuMs: number } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}

/**
 * Times `a` and `b` in alternation, `runs` times each after a warm-up; returns their median wall
 * times in ms and the median of the per-round ratios a / b.
 */
export function timePair(a: () => unknown, b: () => unknown, runs: number, warmup = 3) {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const ratio: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    a();
    const x = performance.now() - t0;
    t0 = performance.now();
    b();
    const y = performance.now() - t0;
    ta.push(x);
    tb.push(y);
    ratio.push(x / y);
  }
  return { aMs: median(ta), bMs: median(tb), ratio: median(ratio) };
}

/** Exponent k of the least-squares fit time = c * size^k on log-log axes. */
export function fitExponent(sizes: readonly number[], ms: readonly number[]): number {
  const xs = sizes.map(Math.log);
  const ys = ms.map(Math.log);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

/** Runs a command; returns its exit code, output and wall time in ms. */
export function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: opts.cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 600_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - t0, error: r.error };
}
