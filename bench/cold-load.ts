import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { script } from './script.ts';
import type { Row } from './table.ts';

/**
 * The floor: list, read and decode every file, nothing else, with blocking reads (faster than any
 * asynchronous way for files in the page cache), in a fresh process, as the load runs (see floor-child.ts).
 */
async function readFloor(corpus: string): Promise<number> {
  const child = spawn(process.execPath, [...script('floor-child'), corpus], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the floor process exited with ${String(code)}`);
  return (JSON.parse(out) as { ms: number }).ms;
}

interface ChildResult { loadMs: number; idleMs: number; healthP99Loading: number; healthP99Idle: number; articles: number; rssMb: number; rssIdleMb: number }

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

/**
 * Polls /health until `until()` is true (and at least `minSamples` times), starting one check every
 * `everyMs` (back to back when 0); returns the latencies. During a load the checks come every 10 ms: a
 * hundred a second, far more than any load balancer sends, yet not a flood that competes with the load
 * for the two cores.
 */
async function pollHealth(url: string, until: () => boolean, minSamples = 0, everyMs = 0): Promise<number[]> {
  const out: number[] = [];
  while (!until() || out.length < minSamples) {
    const t0 = performance.now();
    await fetch(url).then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
    const rest = everyMs - (performance.now() - t0);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  }
  return out;
}

/**
 * A cold load in a fresh process, so no module, JIT or page cache state of an earlier run helps it. The
 * health checks come from this process, as a load balancer's would, not from the server's own event loop.
 */
async function coldLoad(corpus: string, cacheFile = '', checkHealth = true): Promise<ChildResult> {
  const child = spawn(process.execPath, [...script('cold-load-child'), corpus, cacheFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async (): Promise<any> => JSON.parse(String((await lines.next()).value));
  const { url } = await next();
  const health = String(url).replace(/\/graphql$/, '/health');
  let loaded = false;
  const during = checkHealth ? pollHealth(health, () => loaded, 0, 10) : Promise.resolve([]);
  const done = await next();
  loaded = true;
  const loading = await during;
  const idleLine = await next();
  const idle = await pollHealth(health, () => true, 200);
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
  return { loadMs: done.loadMs, idleMs: idleLine.idleMs, articles: done.articles, rssMb: done.rssMb, rssIdleMb: idleLine.rssMb, healthP99Loading: p99(loading), healthP99Idle: p99(idle) };
}

/** Cold load against the read-and-decode floor, interleaved `runs` times. */
export async function benchColdLoad(corpus: string, runs: number): Promise<Row[]> {
  const floor: number[] = [], load: number[] = [], loadingP99: number[] = [], idleP99: number[] = [], rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await readFloor(corpus));
    const r = await coldLoad(corpus);
    load.push(r.loadMs); loadingP99.push(r.healthP99Loading); idleP99.push(r.healthP99Idle); rss.push(r.rssMb);
    console.error(`cold-load run ${i + 1}: floor ${floor.at(-1)!.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms (${r.articles} articles), /health p99 ${r.healthP99Loading.toFixed(1)} ms loading vs ${r.healthP99Idle.toFixed(1)} ms idle, rss ${r.rssMb.toFixed(0)} MB loaded, ${r.rssIdleMb.toFixed(0)} MB idle`);
  }
  return [
    { scenario: 'cold-load', metric: 'start → all queryable', unit: 'ms', value: load, baselineName: 'read+decode floor', baseline: floor, target: '≤ 10 s on BBC' },
    { scenario: 'cold-load', metric: '/health p99 while loading', unit: 'ms', value: loadingP99, baselineName: '/health p99 idle', baseline: idleP99 },
  ];
}

/**
 * Warm restart: a start with the extraction cache a previous run left (every file a hit), against the
 * read-and-decode floor, interleaved `runs` times after one run that fills the cache.
 */
export async function benchWarmRestart(corpus: string, runs: number): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seedgraph-bench-cache-'));
  const cacheFile = join(dir, 'extractions.sqlite');
  try {
    await coldLoad(corpus, cacheFile);
    const floor: number[] = [], load: number[] = [], idle: number[] = [];
    for (let i = 0; i < runs; i++) {
      floor.push(await readFloor(corpus));
      // No health checks meanwhile (the cold load measures those): the floor it is compared with has none either.
      const r = await coldLoad(corpus, cacheFile, false);
      load.push(r.loadMs);
      idle.push(r.idleMs);
      console.error(`warm-restart run ${i + 1}: floor ${floor.at(-1)!.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms (${r.articles} articles), background indexing done at ${r.idleMs.toFixed(0)} ms, rss ${r.rssMb.toFixed(0)} MB`);
    }
    return [
      { scenario: 'warm-restart', metric: 'start → all queryable, cache warm', unit: 'ms', value: load, baselineName: 'read+decode floor', baseline: floor, target: '≤ 1.5 s and ≤ 3× floor' },
      // What the load leaves to idle time (indexes, and the articles' text a warm start reads on first use), done.
      { scenario: 'warm-restart', metric: 'start → background indexing done', unit: 'ms', value: idle, baselineName: 'read+decode floor', baseline: floor },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
