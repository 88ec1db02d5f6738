import { performance } from 'node:perf_hooks';
import { createLogger } from 'graphql-yoga';
import { createApp } from '../src/app.ts';
import { DEFAULTS } from '../src/config.ts';
import { readSeedFile } from '../src/io/read-seed-file.ts';
import { listSeedFiles } from '../src/io/scan-folder.ts';
import type { Row } from './table.ts';

/** The floor: list, read and decode every file, nothing else. */
async function readFloor(corpus: string): Promise<number> {
  const start = performance.now();
  const { files } = await listSeedFiles(corpus);
  let next = 0;
  const worker = async () => {
    while (next < files.length) await readSeedFile(corpus, files[next++]!, { maxBytes: DEFAULTS.maxFileBytes });
  };
  await Promise.all(Array.from({ length: DEFAULTS.loadConcurrency }, worker));
  return performance.now() - start;
}

/** seedgraph from start() to every article queryable, with /health polled throughout. */
async function coldLoad(corpus: string): Promise<{ ms: number; healthP99: number; articles: number }> {
  const app = createApp({ ...DEFAULTS, seedsDir: corpus, port: 0, watch: false, logLevel: 'silent' }, { logger: createLogger('silent') });
  const start = performance.now();
  await app.start();
  const health = app.url.replace(/\/graphql$/, '/health');
  const latencies: number[] = [];
  let loading = true;
  const poller = (async () => {
    while (loading) {
      const t0 = performance.now();
      await fetch(health).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - t0);
    }
  })();
  await app.loaded;
  const ms = performance.now() - start;
  loading = false;
  await poller;
  const articles = app.store.stats().articleCount;
  await app.stop();
  latencies.sort((a, b) => a - b);
  return { ms, healthP99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, articles };
}

/** Cold load against the read-and-decode floor, interleaved `runs` times. */
export async function benchColdLoad(corpus: string, runs: number): Promise<Row[]> {
  const floor: number[] = [];
  const load: number[] = [];
  const p99: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await readFloor(corpus));
    const r = await coldLoad(corpus);
    load.push(r.ms);
    p99.push(r.healthP99);
    console.error(`cold-load run ${i + 1}: floor ${floor.at(-1)!.toFixed(0)} ms, load ${r.ms.toFixed(0)} ms (${r.articles} articles), /health p99 ${r.healthP99.toFixed(1)} ms`);
  }
  return [
    { scenario: 'cold-load', metric: 'start → all queryable', unit: 'ms', value: load, baselineName: 'read+decode floor', baseline: floor, target: '≤ 10 s on BBC' },
    { scenario: 'cold-load', metric: '/health p99 during load', unit: 'ms', value: p99, baselineName: 'read+decode floor', baseline: floor },
  ];
}
