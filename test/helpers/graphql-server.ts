import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { YogaLogger } from 'graphql-yoga';
import type { LoadStatus } from '../../src/graphql/context.ts';
import { createLocalEventBus, type EventBus } from '../../src/server/events.ts';
import { attachWebSocket, type WebSocketHandle } from '../../src/server/ws.ts';
import { createSeedYoga } from '../../src/server/yoga.ts';
import type { SeedStore } from '../../src/store/seed-store.ts';
import { createFixtureStore } from './graphql-fixtures.ts';

/** A GraphQL response as the tests read it. */
export interface GqlResult<D = any> {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A real HTTP + WebSocket server over a store, on a free port of 127.0.0.1. */
export interface TestServer {
  store: SeedStore;
  bus: EventBus;
  status: LoadStatus;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** ws://127.0.0.1:PORT/graphql */
  wsUrl: string;
  ws: WebSocketHandle;
  query<D = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<D>>;
  close(): Promise<void>;
}

/** Starts the server; the store defaults to the four fixtures, the phase to READY, the logger to silent. */
export async function startTestServer(opts: { store?: SeedStore; phase?: LoadStatus['phase']; logger?: YogaLogger } = {}): Promise<TestServer> {
  const store = opts.store ?? createFixtureStore();
  const bus = createLocalEventBus();
  const phase = opts.phase ?? 'READY';
  const status: LoadStatus = {
    root: '/seeds', phase, filesTotal: 4, filesDone: phase === 'READY' ? 4 : 1, startedAt: new Date(0), readyAt: null,
  };
  const yoga = createSeedYoga({ context: { store, bus, status }, logger: opts.logger ?? false });
  const server = http.createServer(yoga);
  const ws = attachWebSocket(server, yoga, { path: '/graphql' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/graphql`;
  return {
    store, bus, status, origin, url, wsUrl: `ws://127.0.0.1:${port}/graphql`, ws,
    async query(query, variables) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult;
    },
    async close() {
      await ws.close();
      await bus.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** A queue of pushed values that a test awaits one at a time, each wait bounded by a timeout. */
export interface MessageQueue<T> {
  push(value: T): void;
  fail(error: unknown): void;
  next(timeoutMs?: number): Promise<T>;
}

/** Creates a message queue (graphql-ws' test style: `waitForMessage` resolves or times out, never sleeps). */
export function createQueue<T>(): MessageQueue<T> {
  const values: T[] = [];
  const waiters: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  let failure: unknown = null;
  return {
    push(value) {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(value);
      else values.push(value);
    },
    fail(error) {
      failure = error;
      for (const w of waiters.splice(0)) w.reject(error);
    },
    next(timeoutMs = 5_000) {
      if (values.length) return Promise.resolve(values.shift()!);
      if (failure) return Promise.reject(failure);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No message within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          resolve: (v: T) => { clearTimeout(timer); resolve(v); },
          reject: (e: unknown) => { clearTimeout(timer); reject(e); },
        };
        waiters.push(waiter);
      });
    },
  };
}
