/**
 * Memory: resident memory of the service with the corpus loaded and idle (once loaded from the files, every
 * one extracted, and once restarted from the extraction cache that left), against a bare Node process
 * running only a `ws` server; and the extra memory per idle graphql-ws subscriber (2,000 of them, from
 * their own process), against a bare `ws` server's per client. Read after full GCs.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { script } from './script.ts';
import type { Row } from './table.ts';

const N = 2000;

function start(name: string, args: string[], gc = false, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...script(name, ...(gc ? ['--expose-gc'] : [])), ...args], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, next: async () => JSON.parse(String((await lines.next()).value)), stop: async () => { child.stdin!.end(); await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r))); } };
}

export async function benchMemory(corpus: string, runs: number): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seedgraph-memory-'));
  const cacheFile = join(dir, 'cache.sqlite');
  const dropCache = () => Promise.all(['', '-wal', '-shm'].map((end) => rm(cacheFile + end, { force: true })));
  const loaded: number[] = [], restarted: number[] = [], arenas: number[] = [], bare: number[] = [], perSub: number[] = [], perRaw: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      // Loaded from the files (no cache yet: every file extracted), then restarted from the cache it left.
      await dropCache();
      const server = start('memory/server', ['seedgraph', corpus, cacheFile, String(N)], true);
      const first = await server.next();
      const clients = start('fan-out/clients', ['seedgraph', first.url, String(N)]);
      const second = await server.next();
      loaded.push(first.rssMb);
      perSub.push(((second.rssMb - first.rssMb) * 1024) / N);
      await clients.stop();
      await server.stop();
      const again = start('memory/server', ['seedgraph', corpus, cacheFile, '0'], true);
      restarted.push((await again.next()).rssMb);
      await again.stop();
      // The same load from the files, with glibc's malloc kept to two arenas (the README's deployment advice):
      // the extraction thread's arena is otherwise kept, resident, after the thread has stopped.
      await dropCache();
      const capped = start('memory/server', ['seedgraph', corpus, cacheFile, '0'], true, { MALLOC_ARENA_MAX: '2' });
      arenas.push((await capped.next()).rssMb);
      await capped.stop();
      const raw = start('memory/server', ['raw', String(N)], true);
      const r1 = await raw.next();
      const rawClients = start('fan-out/clients', ['raw', r1.url, String(N)]);
      const r2 = await raw.next();
      bare.push(r1.rssMb);
      perRaw.push(((r2.rssMb - r1.rssMb) * 1024) / N);
      await rawClients.stop();
      await raw.stop();
      console.error(`memory run ${r + 1}: loaded ${loaded.at(-1)!.toFixed(0)} MB, restarted ${restarted.at(-1)!.toFixed(0)} MB, loaded with MALLOC_ARENA_MAX=2 ${arenas.at(-1)!.toFixed(0)} MB (bare ws process ${bare.at(-1)!.toFixed(0)} MB), ${perSub.at(-1)!.toFixed(1)} KB per subscriber (raw ws ${perRaw.at(-1)!.toFixed(1)} KB)`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [
    { scenario: 'memory', metric: 'resident, corpus loaded (every file extracted), idle', unit: 'MB', value: loaded, baselineName: 'bare Node + ws', baseline: bare, target: '≤ 200 MB' },
    { scenario: 'memory', metric: 'resident, corpus loaded, idle, MALLOC_ARENA_MAX=2', unit: 'MB', value: arenas, baselineName: 'bare Node + ws', baseline: bare, target: '≤ 200 MB' },
    { scenario: 'memory', metric: 'resident, restarted from the cache, idle', unit: 'MB', value: restarted, baselineName: 'bare Node + ws', baseline: bare, target: '≤ 200 MB' },
    { scenario: 'memory', metric: `per idle subscriber (${N})`, unit: 'KB', value: perSub, baselineName: 'raw ws client', baseline: perRaw, target: '≤ 20 KB' },
  ];
}
