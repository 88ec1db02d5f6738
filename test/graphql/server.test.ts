import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, type TestServer } from '../helpers/graphql-server.ts';
import { pollUntil } from '../helpers/wait.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ phase: 'LOADING' });
});
afterAll(() => server.close());

describe('HTTP endpoints', () => {
  it('should serve GraphiQL offline, with assets inlined and subscriptions over WebSocket', async () => {
    const res = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('YogaGraphiQL'); // the inlined bundle
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:\/\//);
    expect(html).toContain('"subscriptionsProtocol":"WS"');
    expect(html).toContain('articles(first: 5)');
  });

  it('should answer /health, and /ready only once the initial load is done', async () => {
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    expect((await fetch(`${server.origin}/ready`)).status).toBe(503);
    server.status.phase = 'READY';
    expect((await fetch(`${server.origin}/ready`)).status).toBe(200);
  });

  it('should answer a GET query', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent('{ seedStore { articleCount } }')}`, { headers: { accept: 'application/json' } });
    expect(await res.json()).toEqual({ data: { seedStore: { articleCount: 4 } } });
  });
});

describe('WebSocket lifecycle', () => {
  it('should close every client with 1001 on close()', async () => {
    const local = await startTestServer();
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({
        url: local.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {},
        on: { closed: (event) => resolve(event as { code: number; reason: string }) },
      });
      client.subscribe({ query: 'subscription { articleChanged { sequence } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    await pollUntil(() => local.bus.listenerCount() === 1, 5000, 'the subscription to reach the bus');
    expect(local.ws.clientCount()).toBe(1);
    await local.close();
    expect(await closed).toMatchObject({ code: 1001 });
    expect(local.ws.clientCount()).toBe(0);
    expect(local.bus.listenerCount()).toBe(0);
  });
});
