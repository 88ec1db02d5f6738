/**
 * Fan-out bench, server side (its own process, pinned by the parent): `seedgraph DIR N` serves the app over
 * DIR and prints `{ url }`, then `{ subscribers }` once N WebSocket subscriptions are held; `raw N` serves a
 * bare `ws` server that sends each line read on stdin to every client, and prints `{ url }`, then
 * `{ subscribers }` once N clients are connected.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { createLogger } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApp } from '../../src/app.ts';
import { DEFAULTS } from '../../src/config.ts';

const [mode, a, b] = process.argv.slice(2);
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const waitFor = async (check: () => boolean) => { while (!check()) await new Promise((r) => setTimeout(r, 10)); };

if (mode === 'seedgraph') {
  const want = Number(b);
  const app = createApp({ ...DEFAULTS, seedsDir: a!, port: 0, logLevel: 'silent', cache: false, extractWorkers: 0 }, { logger: createLogger('silent') });
  await app.start();
  await app.loaded;
  say({ url: app.url.replace(/^http/, 'ws') });
  await waitFor(() => app.wsSubscriptions().subscribers >= want);
  say({ subscribers: app.wsSubscriptions().subscribers, executions: app.wsSubscriptions().executions });
  process.stdin.resume();
  process.stdin.on('end', () => void app.stop().then(() => process.exit(0)));
} else {
  const want = Number(a);
  const server = createServer();
  const wss = new WebSocketServer({ server });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => { clients.add(ws); ws.on('close', () => clients.delete(ws)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  say({ url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` });
  await waitFor(() => clients.size >= want);
  say({ subscribers: clients.size });
  for await (const line of createInterface({ input: process.stdin })) for (const ws of clients) ws.send(line);
  process.exit(0);
}
