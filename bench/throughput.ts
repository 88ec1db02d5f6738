/**
 * Query throughput (autocannon, 50 connections, in its own process pinned to CPU 1; servers on CPU 0):
 * a list of 20 articles with sections, quotes and speakers, people and topics; one article by id; a
 * full-text search. Each against plain yoga (the baseline), mercurius+jit (the fastest peer) and a raw
 * node:http server sending precomputed bytes (the limit), interleaved. Every response kind is checked once
 * before loading; non-2xx answers and errors are counted and must be zero. Then the same queries with every
 * request distinct (a fresh id in an undeclared variable), so no cache answers: plain execution speed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { script } from './script.ts';
import type { Row } from './table.ts';

const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
/** autocannon's CLI, found as Node finds the package (from bench/ and from dist/bench/ alike). */
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const SECONDS = 4;

const QUERIES = [
  { name: 'list of 20', query: '{ articles(first: 20) { edges { node { id title sections { heading paragraphs } quotes { text attribution speaker { name } } people { name roles } topics { name kind } } } } }' },
  { name: 'one by id', query: 'query ($id: ID!) { article(id: $id) { title body people { name } quotes { text speaker { name } } topics { name } } }', variables: { id: '' } },
  { name: 'search', query: '{ articles(first: 10, filter: { search: "oil prices" }) { totalCount nodes { title excerpt(length: 120) } } }' },
];

const pinned = (cpu: number, args: string[]) => (HAS_TASKSET ? spawn('taskset', ['-c', String(cpu), ...args], { stdio: ['pipe', 'pipe', 'inherit'] }) : spawn(args[0]!, args.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] }));

interface Result { rps: number; non2xx: number; errors: number }

/** Loads `url` with `body`; with `distinct`, every request gets a fresh value of an undeclared variable. */
async function load(url: string, body: string, distinct = false): Promise<Result> {
  const child = distinct
    ? pinned(1, [process.execPath, ...script('throughput/distinct'), url, String(SECONDS), body])
    : pinned(1, [process.execPath, AUTOCANNON, '-j', '-c', '50', '-d', String(SECONDS), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url]);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await new Promise((r) => child.once('exit', r));
  const j = JSON.parse(out) as { requests: { average: number }; non2xx: number; errors: number };
  return { rps: j.requests.average, non2xx: j.non2xx, errors: j.errors };
}

export async function benchThroughput(corpus: string, runs: number): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'seedgraph-throughput-'));
  // The article for "one by id" is found first, so every server answers the same question.
  const probe = pinned(0, [process.execPath, ...script('throughput/server'), corpus, join(dir, 'cache.sqlite'), JSON.stringify([{ query: '{ articles(first: 1) { nodes { id } } }' }])]);
  const probeUrls = JSON.parse(String((await createInterface({ input: probe.stdout! })[Symbol.asyncIterator]().next()).value)).urls;
  const id = (await (await fetch(probeUrls.seedgraph, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ articles(first: 1) { nodes { id } } }' }) })).json()).data.articles.nodes[0].id;
  probe.stdin!.end();
  await new Promise((r) => probe.once('exit', r));
  QUERIES[1]!.variables = { id };

  const server = pinned(0, [process.execPath, ...script('throughput/server'), corpus, join(dir, 'cache.sqlite'), JSON.stringify(QUERIES.map(({ query, variables }) => ({ query, variables })))]);
  const { urls } = JSON.parse(String((await createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next()).value)) as { urls: Record<string, string> };
  const rows: Row[] = [];
  let bad = 0;
  for (const [i, q] of QUERIES.entries()) {
    const body = JSON.stringify({ query: q.query, variables: q.variables });
    const target = (kind: string) => (kind === 'raw' ? `${urls.raw}?q=${i}` : urls[kind]!);
    // One checked response of each kind first: the same data everywhere, no errors.
    const answers = await Promise.all(['seedgraph', 'yoga', 'mercurius', 'raw'].map(async (k) => (await fetch(target(k), { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json() as Promise<{ data?: unknown; errors?: unknown }>));
    for (const a of answers) if (a.errors || JSON.stringify(a.data) !== JSON.stringify(answers[0]!.data)) throw new Error(`'${q.name}': a server answered differently: ${JSON.stringify(a).slice(0, 300)}`);
    const got: Record<string, number[]> = { seedgraph: [], yoga: [], mercurius: [], raw: [] };
    for (let r = 0; r < runs; r++) {
      for (const k of Object.keys(got)) {
        const res = await load(target(k), body);
        got[k]!.push(res.rps);
        bad += res.non2xx + res.errors;
      }
      console.error(`throughput '${q.name}' run ${r + 1}: ${Object.entries(got).map(([k, v]) => `${k} ${v.at(-1)!.toFixed(0)}/s`).join(', ')}`);
    }
    rows.push({ scenario: 'throughput', metric: `${q.name}: seedgraph req/s`, unit: '/s', value: got.seedgraph!, baselineName: 'plain yoga', baseline: got.yoga! });
    rows.push({ scenario: 'throughput', metric: `${q.name}: seedgraph req/s`, unit: '/s', value: got.seedgraph!, baselineName: 'mercurius+jit', baseline: got.mercurius!, target: '≥ 1.0×' });
    rows.push({ scenario: 'throughput', metric: `${q.name}: seedgraph req/s`, unit: '/s', value: got.seedgraph!, baselineName: 'raw node:http', baseline: got.raw!, target: '≥ 0.5×' });

    // Every request distinct: an extra variable the operation does not declare (so every server ignores it)
    // carries a fresh id, so no response cache can answer and each request is executed.
    const distinct = (nonce: string) => JSON.stringify({ query: q.query, variables: { ...q.variables, nonce } });
    const again = await Promise.all(['seedgraph', 'yoga', 'mercurius'].map(async (k) => (await fetch(target(k), { method: 'POST', headers: { 'content-type': 'application/json' }, body: distinct('check') })).json() as Promise<{ data?: unknown; errors?: unknown }>));
    for (const a of again) if (a.errors || JSON.stringify(a.data) !== JSON.stringify(answers[0]!.data)) throw new Error(`'${q.name}' (distinct): a server answered differently: ${JSON.stringify(a).slice(0, 300)}`);
    const fresh: Record<string, number[]> = { seedgraph: [], yoga: [], mercurius: [] };
    for (let r = 0; r < runs; r++) {
      for (const k of Object.keys(fresh)) {
        const res = await load(target(k), JSON.stringify({ query: q.query, variables: q.variables }), true);
        fresh[k]!.push(res.rps);
        bad += res.non2xx + res.errors;
      }
      console.error(`throughput '${q.name}', every request distinct, run ${r + 1}: ${Object.entries(fresh).map(([k, v]) => `${k} ${v.at(-1)!.toFixed(0)}/s`).join(', ')}`);
    }
    rows.push({ scenario: 'throughput', metric: `${q.name}, every request distinct: seedgraph req/s`, unit: '/s', value: fresh.seedgraph!, baselineName: 'plain yoga', baseline: fresh.yoga! });
    rows.push({ scenario: 'throughput', metric: `${q.name}, every request distinct: seedgraph req/s`, unit: '/s', value: fresh.seedgraph!, baselineName: 'mercurius+jit', baseline: fresh.mercurius!, target: '≥ 1.0×' });
  }
  if (bad) console.error(`throughput: ${bad} non-2xx responses or errors`);
  server.stdin!.end();
  await new Promise((r) => server.once('exit', r));
  await rm(dir, { recursive: true, force: true });
  return rows;
}
