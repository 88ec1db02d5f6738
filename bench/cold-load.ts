import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
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

interface ChildResult { loadMs: number; healthP99Loading: number; healthP99Idle: number; articles: number; rssMb: number }

/** A cold load in a fresh process, so no module, JIT or page cache state of an earlier run helps it. */
async function coldLoad(corpus: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('./cold-load-child.ts', import.meta.url).pathname, corpus], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** Cold load against the read-and-decode floor, interleaved `runs` times. */
export async function benchColdLoad(corpus: string, runs: number): Promise<Row[]> {
  const floor: number[] = [], load: number[] = [], loadingP99: number[] = [], idleP99: number[] = [], rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await readFloor(corpus));
    const r = await coldLoad(corpus);
    load.push(r.loadMs); loadingP99.push(r.healthP99Loading); idleP99.push(r.healthP99Idle); rss.push(r.rssMb);
    console.error(`cold-load run ${i + 1}: floor ${floor.at(-1)!.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms (${r.articles} articles), /health p99 ${r.healthP99Loading.toFixed(1)} ms loading vs ${r.healthP99Idle.toFixed(1)} ms idle, rss ${r.rssMb.toFixed(0)} MB`);
  }
  return [
    { scenario: 'cold-load', metric: 'start → all queryable', unit: 'ms', value: load, baselineName: 'read+decode floor', baseline: floor, target: '≤ 10 s on BBC' },
    { scenario: 'cold-load', metric: '/health p99 while loading', unit: 'ms', value: loadingP99, baselineName: '/health p99 idle', baseline: idleP99 },
  ];
}
