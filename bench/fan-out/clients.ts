/**
 * Fan-out bench, client side (its own process): `MODE URL N` opens N WebSockets. For `seedgraph` each runs the
 * graphql-ws handshake and subscribes to articleChanged with the same document; for `raw` each just listens.
 * After every message round it prints `{ count, first, last, sample }`: how many clients received one, and
 * the wall-clock times (ms, sub-millisecond) of the first and last receipt.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const [mode, url, n] = process.argv.slice(2) as [string, string, string];
const N = Number(n);
const now = () => performance.timeOrigin + performance.now();
const QUERY = 'subscription { articleChanged { kind sourcePath version article { title wordCount } } }';

let round: { count: number; first: number; last: number; sample: string } | null = null;
let timer: NodeJS.Timeout | null = null;
const finish = () => {
  if (round) process.stdout.write(`${JSON.stringify(round)}\n`);
  round = null;
};

const sockets: WebSocket[] = [];
for (let i = 0; i < N; i++) {
  const ws = new WebSocket(url, mode === 'seedgraph' ? 'graphql-transport-ws' : undefined);
  ws.on('open', () => { if (mode === 'seedgraph') ws.send(JSON.stringify({ type: 'connection_init' })); });
  ws.on('message', (data) => {
    const text = data.toString();
    if (mode === 'seedgraph' && text.includes('"connection_ack"')) {
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
      return;
    }
    if (mode === 'seedgraph' && !text.includes('"next"')) return;
    const t = now();
    round ??= { count: 0, first: t, last: t, sample: text };
    round.count++;
    round.last = Math.max(round.last, t);
    if (round.count >= N) { if (timer) clearTimeout(timer); timer = null; finish(); }
    else if (!timer) timer = setTimeout(() => { timer = null; finish(); }, 10_000);
  });
  ws.on('error', (e) => process.stderr.write(`client error: ${String(e)}\n`));
  sockets.push(ws);
  // Pace the connection storm a little so the server's accept queue keeps up.
  if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
}
process.stdin.resume();
process.stdin.on('end', () => { for (const ws of sockets) ws.terminate(); process.exit(0); });
