import { watch } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import { createLogger } from 'graphql-yoga';
import WebSocket from 'ws';
import { createApp } from '../src/app.ts';
import { DEFAULTS } from '../src/config.ts';
import type { Row } from './table.ts';

const EDITS = 200;

/** A ~700-word article whose first line changes with `n`. */
function article(n: number): string {
  const para = 'The council said on Monday that the harbour plan would go ahead after a long review of costs and benefits for the town. ';
  const quote = '"We are delighted with the result and expect work to begin soon," said Jane Smith, the council leader.';
  return `Harbour plan edit ${n}\n\n${Array.from({ length: 25 }, (_, i) => (i % 5 === 2 ? quote : para.repeat(1))).join('\n\n')}\n`;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Floor: write → fs.watch callback in this process (the kernel's notification, nothing else). */
async function watchFloor(dir: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const t0 = performance.now();
    const seen = new Promise<void>((res) => {
      const w = watch(dir, () => (w.close(), res()));
    });
    await writeFile(join(dir, 'floor.txt'), article(i));
    await seen;
    out.push(performance.now() - t0);
  }
  return out;
}

/** seedgraph over a copy of the corpus: write → the graphql-ws subscriber's receipt, extraction and debounce included. */
async function subscriptionLatency(dir: string, corpus: string): Promise<number[]> {
  await cp(corpus, join(dir, 'corpus'), { recursive: true });
  await writeFile(join(dir, 'a.txt'), article(-1));
  const app = createApp({ ...DEFAULTS, seedsDir: dir, port: 0, logLevel: 'silent', cache: false }, { logger: createLogger('silent') });
  await app.start();
  await app.loaded;
  const client = createClient({ url: app.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
  let onEvent: (title: string) => void = () => {};
  const dispose = client.subscribe<{ articleChanged: { article: { title: string } | null } }>(
    { query: 'subscription { articleChanged { kind version article { title people { name mentionCount } topics { name } quotes { text speaker { name } } } } }' },
    { next: (r) => onEvent(r.data?.articleChanged.article?.title ?? ''), error: (e) => console.error(e), complete: () => {} },
  );
  while (app.bus.listenerCount() === 0) await new Promise((r) => setTimeout(r, 5)); // the subscription is live
  const out: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const title = `Harbour plan edit ${i}`;
    const got = new Promise<void>((res) => (onEvent = (t) => t === title && res()));
    const t0 = performance.now();
    await writeFile(join(dir, 'a.txt'), article(i));
    await got;
    out.push(performance.now() - t0);
  }
  dispose();
  await client.dispose();
  await app.stop();
  return out;
}

/** Write → event latency for one subscriber over 200 edits with the corpus loaded, against the fs.watch floor. */
export async function benchWriteLatency(corpus: string, runs: number): Promise<Row[]> {
  const p50: number[] = [], p99: number[] = [], f50: number[] = [], f99: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'seedgraph-latency-'));
    const floor = await watchFloor(dir);
    await rm(join(dir, 'floor.txt'));
    const lat = await subscriptionLatency(dir, corpus);
    await rm(dir, { recursive: true, force: true });
    p50.push(percentile(lat, 0.5)); p99.push(percentile(lat, 0.99));
    f50.push(percentile(floor, 0.5)); f99.push(percentile(floor, 0.99));
    console.error(`write-latency run ${i + 1}: p50 ${p50.at(-1)!.toFixed(1)} ms, p99 ${p99.at(-1)!.toFixed(1)} ms (fs.watch floor p50 ${f50.at(-1)!.toFixed(2)} ms)`);
  }
  return [
    { scenario: 'write-latency', metric: 'write → event p50', unit: 'ms', value: p50, baselineName: 'fs.watch p50', baseline: f50, target: '≤ 30 ms' },
    { scenario: 'write-latency', metric: 'write → event p99', unit: 'ms', value: p99, baselineName: 'fs.watch p99', baseline: f99, target: '≤ 80 ms' },
  ];
}
