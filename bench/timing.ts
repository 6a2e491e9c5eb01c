/**
 * Timing helpers shared by the benchmarks: medians, repeated timed runs (wall and CPU time), ratios
 * timed side by side, a least-squares exponent fit, and child processes. The machine may be shared
 * with other work, which stretches wall time (a run waits for a core) far more than CPU time, so
 * in-process targets are judged on CPU time (process.cpuUsage: this process, every thread) and
 * ratios are measured in alternation; wall times are reported next to them.
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
 * Times `a` and `b` in alternation, `runs` times each after a warm-up; returns the median CPU and
 * wall times in ms of each and the ratio a / b of the median CPU times.
 */
export function timePair(a: () => unknown, b: () => unknown, runs: number, warmup = 3) {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const one = (f: () => unknown) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1000 };
  };
  const ra = [];
  const rb = [];
  for (let i = 0; i < runs; i++) {
    ra.push(one(a));
    rb.push(one(b));
  }
  const aCpu = median(ra.map((x) => x.cpu));
  const bCpu = median(rb.map((x) => x.cpu));
  const aWall = median(ra.map((x) => x.wall));
  const bWall = median(rb.map((x) => x.wall));
  return { aCpu, bCpu, aWall, bWall, ratio: aCpu / bCpu, wallRatio: aWall / bWall };
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
