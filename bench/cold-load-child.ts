/**
 * One cold load in a fresh process (spawned by cold-load.ts): prints JSON with the time from start() to
 * every article queryable, /health latency percentiles during the load and once idle, and the article count.
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from 'graphql-yoga';
import { createApp } from '../src/app.ts';
import { DEFAULTS } from '../src/config.ts';

const corpus = process.argv[2]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

/** Polls /health back to back until `until()` is true; returns the latencies. */
async function pollHealth(url: string, until: () => boolean, minSamples = 0): Promise<number[]> {
  const out: number[] = [];
  while (!until() || out.length < minSamples) {
    const t0 = performance.now();
    await fetch(url).then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
  }
  return out;
}

const startedAt = performance.now();
const app = createApp({ ...DEFAULTS, seedsDir: corpus, port: 0, watch: false, logLevel: 'silent' }, { logger: createLogger('silent') });
await app.start();
const health = app.url.replace(/\/graphql$/, '/health');
let loaded = false;
const during = pollHealth(health, () => loaded);
await app.loaded;
const loadMs = performance.now() - startedAt;
loaded = true;
const loading = await during;
const idle = await pollHealth(health, () => true, 200);
console.log(JSON.stringify({ loadMs, healthP99Loading: p99(loading), healthP99Idle: p99(idle), articles: app.store.stats().articleCount, rssMb: process.memoryUsage().rss / 2 ** 20 }));
await app.stop();
