/**
 * Growth: generated corpora of 2,000, 8,000 and 20,000 articles. Cold load time per article at each size
 * (the 2,000 figure is the baseline of the others), and at each size the p99 latency of 500 person-filtered
 * lists and 500 searches after a warm-up, every one a different question so no cache answers it, sent one
 * at a time from this process (the server runs in its own).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { generateCorpus } from './corpus.ts';
import { script } from './script.ts';
import type { Row } from './table.ts';

const SIZES = [2000, 8000, 20000];
/** Measured requests of each kind, after a warm-up: p99 is then the fifth slowest, not the second. */
const REQUESTS = 500;
/** Searches of one or two words, each matching an eighth or a sixty-fourth of the generated articles. */
const SEARCHES = ['interest rates', 'broadband', 'pensions', 'merger', 'league', 'budget', 'election', 'tour', 'Tokyo broadband', 'Lagos pensions'];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await res.json() as { errors?: unknown };
  if (res.status !== 200 || body.errors) throw new Error(`growth: a query failed: ${JSON.stringify(body).slice(0, 300)}`);
}

export async function benchGrowth(_corpus: string, runs: number): Promise<Row[]> {
  const perArticle = new Map<number, number[]>(), listP99 = new Map<number, number[]>(), searchP99 = new Map<number, number[]>();
  for (const size of SIZES) {
    const dir = await mkdtemp(join(tmpdir(), `seedgraph-growth-${size}-`));
    await generateCorpus(dir, size);
    try {
      for (let r = 0; r < runs; r++) {
        const child = spawn(process.execPath, [...script('growth/server'), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
        const { url, loadMs, articles } = JSON.parse(String((await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value));
        const people = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ people(first: 100) { nodes { slug } } }' }) })).json()).data.people.nodes.map((p: { slug: string }) => p.slug);
        const listQuery = 'query ($p: String!, $n: Int!) { articles(first: $n, filter: { person: $p }) { totalCount nodes { title } } }';
        const searchQuery = 'query ($q: String!, $n: Int!) { articles(first: $n, filter: { search: $q }) { totalCount nodes { title } } }';
        // Warm-up (JIT, first use of each path), with page sizes 1 to 5, which the measured requests never use.
        for (let i = 0; i < 50; i++) {
          await post(url, listQuery, { p: people[i % people.length], n: 1 + (i % 5) });
          await post(url, searchQuery, { q: SEARCHES[i % SEARCHES.length], n: 1 + Math.floor(i / SEARCHES.length) });
        }
        const lists: number[] = [], searches: number[] = [];
        for (let i = 0; i < REQUESTS; i++) {
          // Every (person, first) and (words, first) pair differs, so every request is a new question to every cache.
          let t = performance.now();
          await post(url, listQuery, { p: people[i % people.length], n: 10 + Math.floor(i / people.length) });
          lists.push(performance.now() - t);
          t = performance.now();
          await post(url, searchQuery, { q: SEARCHES[i % SEARCHES.length], n: 10 + Math.floor(i / SEARCHES.length) });
          searches.push(performance.now() - t);
        }
        child.stdin!.end();
        await new Promise((res) => child.once('exit', res));
        (perArticle.get(size) ?? perArticle.set(size, []).get(size)!).push(loadMs / articles);
        (listP99.get(size) ?? listP99.set(size, []).get(size)!).push(p99(lists));
        (searchP99.get(size) ?? searchP99.set(size, []).get(size)!).push(p99(searches));
        console.error(`growth ${size} run ${r + 1}: load ${(loadMs / 1000).toFixed(1)} s (${(loadMs / articles).toFixed(2)} ms/article), p99 person list ${p99(lists).toFixed(1)} ms, p99 search ${p99(searches).toFixed(1)} ms`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const rows: Row[] = [];
  for (const size of SIZES.slice(1)) {
    rows.push({ scenario: 'growth', metric: `load per article at ${size}`, unit: 'ms', value: perArticle.get(size)!, baselineName: 'load per article at 2000', baseline: perArticle.get(2000)!, target: size === 20000 ? '≤ 1.3×' : undefined });
  }
  for (const size of SIZES) {
    rows.push({ scenario: 'growth', metric: `p99 person-filtered list at ${size}`, unit: 'ms', value: listP99.get(size)!, baselineName: 'p99 at 2000', baseline: listP99.get(2000)!, target: size === 20000 ? '≤ 20 ms' : undefined });
    rows.push({ scenario: 'growth', metric: `p99 search at ${size}`, unit: 'ms', value: searchP99.get(size)!, baselineName: 'p99 at 2000', baseline: searchP99.get(2000)!, target: size === 20000 ? '≤ 20 ms' : undefined });
  }
  return rows;
}
