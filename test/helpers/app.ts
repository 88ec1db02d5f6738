import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createLogger } from 'graphql-yoga';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/app.ts';
import { DEFAULTS, type Config } from '../../src/config.ts';
import { CallRecorder, pollUntil } from './wait.ts';

/** A running app over a temporary seed folder, with helpers to write files and query it. */
export interface TestApp {
  app: App;
  dir: string;
  url: string;
  wsUrl: string;
  /** Writes a file relative to the seed folder, creating folders as needed. */
  write(path: string, content: string | Uint8Array): Promise<void>;
  /** POSTs a GraphQL request and returns the parsed body. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  /** Stops the app and removes the folder. */
  close(): Promise<void>;
}

/** Starts an app on a free port over a new temp folder holding `files`, and waits for the initial load. */
export async function startTestApp(files: Record<string, string | Uint8Array> = {}, over: Partial<Config> = {}): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'seedgraph-test-'));
  const write = async (path: string, content: string | Uint8Array) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  };
  for (const [path, content] of Object.entries(files)) await write(path, content);
  const app = createApp({ ...DEFAULTS, seedsDir: dir, port: 0, host: '127.0.0.1', logLevel: 'silent', extractWorkers: 0, cache: false, ...over },
    { logger: createLogger('silent') });
  await app.start();
  await app.loaded;
  const url = app.url;
  return {
    app, dir, url, write,
    wsUrl: url.replace(/^http/, 'ws'),
    async query(query, variables) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) });
      return res.json();
    },
    async close() {
      await app.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A subscription's received payloads, with a way to wait for the next matching one. */
export interface Subscription<T> {
  events: CallRecorder<T>;
  errors: unknown[];
  dispose(): Promise<void>;
}

/** Subscribes over graphql-ws and resolves once the server holds the subscription (its bus listener exists). */
export async function subscribeWs<T>(t: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<Subscription<T> & { client: WsClient }> {
  const client = createWsClient({ url: t.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  // Identical WebSocket subscriptions share one execution (one bus listener): count subscribers instead.
  return recordSubscription<{ client: typeof client }, T>(t, (sink) => client.subscribe({ query, variables }, sink), async () => client.dispose(), { client },
    () => t.app.wsSubscriptions().subscribers);
}

/** Subscribes over GraphQL over SSE (yoga's built-in distinct-connection mode) with the graphql-sse client. */
export async function subscribeSse<T>(t: TestApp, query: string, variables: Record<string, unknown> = {}): Promise<Subscription<T> & { client: SseClient }> {
  const client = createSseClient({ url: t.url, retryAttempts: 0 });
  return recordSubscription<{ client: typeof client }, T>(t, (sink) => client.subscribe({ query, variables }, sink), async () => client.dispose(), { client });
}

async function recordSubscription<X extends object, T>(
  t: TestApp,
  subscribe: (sink: { next(v: any): void; error(e: unknown): void; complete(): void }) => () => void,
  disposeClient: () => Promise<void>,
  extra: X,
  held: () => number = () => t.app.bus.listenerCount(),
): Promise<Subscription<T> & X> {
  const before = held();
  const events = new CallRecorder<T>();
  const errors: unknown[] = [];
  const unsubscribe = subscribe({
    next: (v) => (v.errors ? errors.push(v.errors) : events.record(v.data as T)),
    error: (e) => errors.push(e),
    complete: () => {},
  });
  await pollUntil(() => held() > before || errors.length > 0, 5000, 'the subscription to reach the server');
  if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
  return { ...extra, events, errors, dispose: async () => (unsubscribe(), disposeClient()) };
}
