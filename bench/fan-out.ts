/**
 * Subscription fan-out: N graphql-ws clients (their own process) subscribed to articleChanged with the same
 * document; the time from a seed file write to the last client's receipt, against a bare `ws` server
 * broadcasting the same message to N bare clients in the same run. Servers run on CPU 0 and clients on
 * CPU 1 (taskset) when taskset exists, so the two sides do not steal each other's core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { script } from './script.ts';
import type { Row } from './table.ts';

const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const now = () => performance.timeOrigin + performance.now();

interface Proc { child: ChildProcess; next(): Promise<any> }

function start(name: string, args: string[], cpu: number): Proc {
  const node = [process.execPath, ...script(name), ...args];
  const child = HAS_TASKSET ? spawn('taskset', ['-c', String(cpu), ...node], { stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(node[0]!, node.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, next: async () => JSON.parse(String((await lines.next()).value)) };
}

const stop = async (p: Proc) => {
  p.child.stdin!.end();
  await new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)));
};

const story = (i: number) => `Harbour plan approved, version ${i}\n\nThe council said on Monday that the plan would go ahead, leader Jane Smith said.\n\n"We are delighted," she said.\n`;

/** One fan-out measurement pair per run at each client count. */
export async function benchFanOut(_corpus: string, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const n of [1000, 5000]) {
    const dir = await mkdtemp(join(tmpdir(), 'seedgraph-fanout-'));
    await writeFile(join(dir, 'a.txt'), story(0));
    const server = start('fan-out/server', ['seedgraph', dir, String(n)], 0);
    const { url } = await server.next();
    const clients = start('fan-out/clients', ['seedgraph', url, String(n)], 1);
    const held = await server.next();
    const raw = start('fan-out/server', ['raw', String(n)], 0);
    const rawUrl = (await raw.next()).url;
    const rawClients = start('fan-out/clients', ['raw', rawUrl, String(n)], 1);
    await raw.next();
    const ours: number[] = [];
    const bare: number[] = [];
    let missing = 0;
    for (let r = 1; r <= runs; r++) {
      const t0 = now();
      await writeFile(join(dir, 'a.txt'), story(r));
      const got = await clients.next();
      ours.push(got.last - t0);
      missing += n - got.count;
      const t1 = now();
      raw.child.stdin!.write(`${String(got.sample).replace(/\n/g, ' ')}\n`);
      const gotRaw = await rawClients.next();
      bare.push(gotRaw.last - t1);
      missing += n - gotRaw.count;
      console.error(`fan-out ${n} run ${r}: write → last delivery ${ours.at(-1)!.toFixed(1)} ms (${got.count}/${n}, ${held.executions} execution), raw broadcast ${bare.at(-1)!.toFixed(1)} ms (${gotRaw.count}/${n})`);
    }
    if (missing) console.error(`fan-out ${n}: ${missing} deliveries missing`);
    await Promise.all([stop(clients), stop(rawClients)]);
    await Promise.all([stop(server), stop(raw)]);
    await rm(dir, { recursive: true, force: true });
    rows.push({ scenario: 'fan-out', metric: `write → last of ${n} graphql-ws clients`, unit: 'ms', value: ours, baselineName: 'raw ws broadcast', baseline: bare, target: n === 5000 ? '≤ 2× raw' : undefined });
  }
  return rows;
}
