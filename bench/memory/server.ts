/**
 * Memory bench, server side (its own process, run with --expose-gc): `seedgraph CORPUS CACHE N` loads the
 * corpus, prints `{ rssMb }` once idle, then `{ rssMb, subscribers }` once N WebSocket subscriptions are held;
 * `raw N` does the same for a bare `ws` server with N plain clients. Memory is read after a full GC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const [mode, ...args] = process.argv.slice(2);
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const rss = async () => {
  for (let i = 0; i < 3; i++) { (globalThis as { gc?: () => void }).gc?.(); await new Promise((r) => setTimeout(r, 50)); }
  return process.memoryUsage().rss / 2 ** 20;
};
const waitFor = async (check: () => boolean) => { while (!check()) await new Promise((r) => setTimeout(r, 20)); };

if (mode === 'seedgraph') {
  const [corpus, cacheFile, n] = args as [string, string, string];
  // Imported here, so the bare process below loads nothing but ws.
  const [{ createLogger }, { createApp }, { DEFAULTS }] = await Promise.all([import('graphql-yoga'), import('../../src/app.ts'), import('../../src/config.ts')]);
  const app = createApp({ ...DEFAULTS, seedsDir: corpus, port: 0, watch: false, logLevel: 'silent', cacheFile }, { logger: createLogger('silent') });
  await app.start();
  await app.loaded;
  // Idle: search indexed, extraction workers stopped.
  await waitFor(() => app.store.indexBacklog === 0);
  await new Promise((r) => setTimeout(r, 2500));
  say({ url: app.url.replace(/^http/, 'ws'), rssMb: await rss() });
  await waitFor(() => app.wsSubscriptions().subscribers >= Number(n));
  say({ rssMb: await rss(), subscribers: app.wsSubscriptions().subscribers });
} else {
  const n = Number(args[0]);
  const server = createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  say({ url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, rssMb: await rss() });
  await waitFor(() => wss.clients.size >= n);
  say({ rssMb: await rss(), subscribers: wss.clients.size });
}
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
