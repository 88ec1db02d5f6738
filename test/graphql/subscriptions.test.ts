import { encodeGlobalID } from '@pothos/plugin-relay';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { toChangeEvent } from '../../src/server/events.ts';
import type { Change } from '../../src/store/model.ts';
import { buildArticle, type FixtureSpec } from '../helpers/graphql-fixtures.ts';
import { createQueue, startTestServer, type GqlResult, type TestServer } from '../helpers/graphql-server.ts';
import { pollUntil } from '../helpers/wait.ts';

const CHANGED = `subscription ($filter: ArticleChangeFilter) {
  articleChanged(filter: $filter) { kind articleId sourcePath version sequence changedAt personSlugs article { title people { slug } } }
}`;

let server: TestServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
});
afterAll(async () => {
  await client.dispose();
  await server.close();
});
afterEach(() => pollUntil(() => server.bus.listenerCount() === 0, 5000, 'every subscriber to leave the bus'));

/** Publishes a store change the way the app does: after the store applied it. */
function publish(change: Change | null): Change {
  if (!change) throw new Error('the fixture change was a no-op');
  server.bus.publish(toChangeEvent(change));
  return change;
}

let counter = 0;
function freshSpec(extra: Partial<FixtureSpec> = {}): FixtureSpec {
  counter++;
  return { sourcePath: `live/story-${counter}.txt`, title: `Live story ${counter}`, sections: [{ paragraphs: ['Text.'] }], ...extra };
}

function subscribeWs(variables?: Record<string, unknown>) {
  const queue = createQueue<GqlResult>();
  const dispose = client.subscribe({ query: CHANGED, variables }, { next: (v) => queue.push(v as GqlResult), error: (e) => queue.fail(e), complete: () => {} });
  return { queue, dispose };
}

describe('articleChanged over graphql-ws', () => {
  it('should deliver CREATED, UPDATED and DELETED with the article resolved at delivery', async () => {
    const sub = subscribeWs();
    await pollUntil(() => server.bus.listenerCount() === 1, 5000, 'the subscription to reach the bus');
    const spec = freshSpec({ people: [{ name: 'Maria Lopez', slug: 'maria-lopez' }] });
    const created = publish(server.store.upsert(buildArticle(spec)));
    expect((await sub.queue.next()).data?.articleChanged).toMatchObject({
      kind: 'CREATED', articleId: encodeGlobalID('Article', spec.sourcePath), sourcePath: spec.sourcePath, version: 1,
      sequence: created.sequence, changedAt: created.changedAt.toISOString(), personSlugs: ['maria-lopez'],
      article: { title: spec.title, people: [{ slug: 'maria-lopez' }] },
    });
    publish(server.store.upsert(buildArticle({ ...spec, title: 'Renamed', revision: 1 })));
    expect((await sub.queue.next()).data?.articleChanged).toMatchObject({ kind: 'UPDATED', version: 2, article: { title: 'Renamed' } });
    publish(server.store.remove(spec.sourcePath));
    expect((await sub.queue.next()).data?.articleChanged).toMatchObject({ kind: 'DELETED', version: 3, article: null, personSlugs: ['maria-lopez'] });
    sub.dispose();
  });

  it.each([
    ['ids (global id)', (s: FixtureSpec) => ({ ids: [encodeGlobalID('Article', s.sourcePath)] })],
    ['ids (source path)', (s: FixtureSpec) => ({ ids: [s.sourcePath] })],
    ['person', () => ({ person: 'jose-alvarez' })],
    ['person (global id)', () => ({ person: encodeGlobalID('Person', 'jose-alvarez') })],
    ['topic', () => ({ topic: 'tennis' })],
  ])('should deliver only matching events for a filter on %s', async (_name, makeFilter) => {
    const matching = freshSpec({ people: [{ name: 'José Álvarez', slug: 'jose-alvarez' }], topics: [{ name: 'Tennis', slug: 'tennis', kind: 'SUBJECT', score: 1 }] });
    const other = freshSpec({ people: [{ name: 'John Smith', slug: 'john-smith' }] });
    const sub = subscribeWs({ filter: makeFilter(matching) });
    await pollUntil(() => server.bus.listenerCount() === 1, 5000, 'the subscription to reach the bus');
    // The non-matching event goes first: if the filter let it through, it would be the first received.
    publish(server.store.upsert(buildArticle(other)));
    publish(server.store.upsert(buildArticle(matching)));
    expect((await sub.queue.next()).data?.articleChanged.sourcePath).toBe(matching.sourcePath);
    sub.dispose();
  });

  it('should refuse a filter with an id of another type', async () => {
    const sub = subscribeWs({ filter: { ids: [encodeGlobalID('Person', 'john-smith')] } });
    const result = await sub.queue.next();
    expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('is a Person id'), extensions: { code: 'BAD_USER_INPUT' } })]);
    sub.dispose();
  });

  it('should report validation errors without executing', async () => {
    const queue = createQueue<GqlResult>();
    client.subscribe({ query: 'subscription { articleChanged { nope } }' }, { next: (v) => queue.push(v as GqlResult), error: (e) => queue.fail(e), complete: () => {} });
    await expect(queue.next()).rejects.toEqual([expect.objectContaining({ message: expect.stringContaining('Cannot query field "nope"') })]);
  });

  it('should release the bus listener when the client unsubscribes', async () => {
    const subs = [subscribeWs(), subscribeWs({ filter: { person: 'maria-lopez' } })];
    await pollUntil(() => server.bus.listenerCount() === 2, 5000, 'both subscriptions to reach the bus');
    for (const sub of subs) sub.dispose();
    await pollUntil(() => server.bus.listenerCount() === 0, 5000, 'the listeners to be released');
  });
});

describe('articleChanged over SSE (yoga built-in)', () => {
  it('should stream matching events and release the listener when the client leaves', async () => {
    const abort = new AbortController();
    const spec = freshSpec({ topics: [{ name: 'Chess', slug: 'chess', kind: 'SUBJECT', score: 1 }] });
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: CHANGED, variables: { filter: { topic: 'chess' } } }),
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = readSse(res.body!);
    await pollUntil(() => server.bus.listenerCount() === 1, 5000, 'the SSE subscription to reach the bus');
    publish(server.store.upsert(buildArticle(freshSpec())));
    publish(server.store.upsert(buildArticle(spec)));
    expect((await events.next()).data?.articleChanged).toMatchObject({ kind: 'CREATED', sourcePath: spec.sourcePath });
    abort.abort();
    await pollUntil(() => server.bus.listenerCount() === 0, 5000, 'the SSE listener to be released');
  });
});

/** Parses `event: next` messages of a text/event-stream body into a queue. */
function readSse(body: ReadableStream<Uint8Array>) {
  const queue = createQueue<GqlResult>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = message.split('\n');
          if (!lines.includes('event: next')) continue;
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          queue.push(JSON.parse(data));
        }
      }
    } catch (error) {
      queue.fail(error);
    }
  })();
  return queue;
}
