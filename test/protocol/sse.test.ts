import { createClient, type Client, type ExecutionResult } from 'graphql-sse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { CallRecorder, pollUntil, waitFor } from '../helpers/wait.ts';

/**
 * Subscriptions over Server-Sent Events, three ways: yoga's built-in SSE on /graphql (a raw fetch, as a
 * browser's EventSource or a hand-rolled client would do it), and the graphql-sse protocol on
 * /graphql/stream in both of its modes. Each client must see a real file write, then end cleanly.
 */

interface Event {
  articleChanged: { kind: string; sourcePath: string; article: { title: string } | null };
}

const SUBSCRIPTION = /* GraphQL */ `subscription { articleChanged { kind sourcePath article { title } } }`;

const story = (title: string) => `${title}\n\nThe council said on Monday that the plan would go ahead.\n`;

let t: TestApp;
/** Run after each test, before the app stops: disposes whatever a test opened, even when it failed. */
const cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.close();
});

const origin = () => new URL(t.url).origin;

/** Resolves once the server holds one more bus listener than `before`: the subscription is live. */
const untilSubscribed = (before: number) =>
  pollUntil(() => t.app.bus.listenerCount() > before, 5000, 'the subscription to reach the bus');

/** Resolves once the server has released its bus listeners back down to `before`. */
const untilReleased = (before: number) =>
  pollUntil(() => t.app.bus.listenerCount() === before, 5000, 'the bus listener to be released');

/** One parsed SSE message; `event` is absent for comments (yoga's keep-alive pings are `:\n\n`). */
interface SseMessage {
  event?: string;
  data?: string;
  comment?: boolean;
}

/** A raw SSE response read to its end: every message, and how the stream ended. */
interface RawSseStream {
  response: Response;
  messages: CallRecorder<SseMessage>;
  /** Settles when the body ends: 'end' when the server closed it, 'aborted' when we did. */
  ended: Promise<'end' | 'aborted'>;
  abort(): void;
}

/** Opens yoga's built-in SSE on /graphql (`Accept: text/event-stream`) and parses the stream as it arrives. */
async function openRawSse(method: 'GET' | 'POST', query: string): Promise<RawSseStream> {
  const controller = new AbortController();
  const url = new URL(t.url);
  const init: RequestInit = { method, signal: controller.signal, headers: { accept: 'text/event-stream' } };
  if (method === 'GET') url.searchParams.set('query', query);
  else {
    init.headers = { accept: 'text/event-stream', 'content-type': 'application/json' };
    init.body = JSON.stringify({ query });
  }
  const response = await fetch(url, init);
  const messages = new CallRecorder<SseMessage>();
  const ended = (async (): Promise<'end' | 'aborted'> => {
    if (!response.body) return 'end';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'end';
        buffer += value;
        let split: RegExpExecArray | null;
        while ((split = /\r?\n\r?\n/.exec(buffer))) {
          const block = buffer.slice(0, split.index);
          buffer = buffer.slice(split.index + split[0].length);
          messages.record(parseSseBlock(block));
        }
      }
    } catch (err) {
      if (controller.signal.aborted) return 'aborted';
      throw err;
    }
  })();
  ended.catch(() => {}); // awaited by the tests that care; never an unhandled rejection
  const stream: RawSseStream = { response, messages, ended, abort: () => controller.abort() };
  cleanups.push(async () => (stream.abort(), await ended.catch(() => {})));
  return stream;
}

/** Parses one SSE message block (the lines between two blank lines). */
function parseSseBlock(block: string): SseMessage {
  const message: SseMessage = {};
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) message.comment = true;
    else if (line.startsWith('event:')) message.event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length) message.data = data.join('\n');
  return message;
}

describe("yoga's built-in SSE on /graphql", () => {
  it.each(['GET', 'POST'] as const)('should stream articleChanged for a new file over %s, then stop when the client aborts', async (method) => {
    const before = t.app.bus.listenerCount();
    const sse = await openRawSse(method, SUBSCRIPTION);
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await untilSubscribed(before);

    await t.write('b.txt', story('Bridge reopens'));
    const next = await sse.messages.next((m) => m.event === 'next', { label: 'an event: next message' });
    const result = JSON.parse(next.data!) as ExecutionResult<Event>;
    expect(result.errors).toBeUndefined();
    expect(result.data?.articleChanged).toEqual({ kind: 'CREATED', sourcePath: 'b.txt', article: { title: 'Bridge reopens' } });

    sse.abort();
    await expect(waitFor(sse.ended, 5000, 'the SSE body to end')).resolves.toBe('aborted');
    await untilReleased(before);
  });

  it('should end the stream with event: complete when the server shuts down', async () => {
    const before = t.app.bus.listenerCount();
    const sse = await openRawSse('POST', SUBSCRIPTION);
    await untilSubscribed(before);
    const closing = t.close(); // stop() ends the bus, which completes every subscription
    await expect(waitFor(sse.ended, 5000, 'the server to end the SSE body')).resolves.toBe('end');
    expect(sse.messages.calls.filter((m) => !m.comment).at(-1)).toEqual({ event: 'complete', data: '' });
    await closing;
  });
});

/** A graphql-sse sink that records results, errors and completion. */
function recordingSink<T>() {
  const results = new CallRecorder<ExecutionResult<T>>();
  const errors: unknown[] = [];
  const done = new CallRecorder<'complete' | 'error'>();
  return {
    results,
    errors,
    done,
    sink: {
      next: (v: ExecutionResult<T>) => results.record(v),
      error: (e: unknown) => (errors.push(e), done.record('error')),
      complete: () => done.record('complete'),
    },
  };
}

describe.each([
  { mode: 'distinct connections', singleConnection: false },
  { mode: 'single connection', singleConnection: true },
])('the graphql-sse protocol on /graphql/stream, $mode mode', ({ singleConnection }) => {
  let client: Client<boolean>;
  beforeEach(() => {
    client = createClient<boolean>({ url: `${origin()}/graphql/stream`, singleConnection, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
  });

  it('should deliver articleChanged for a new file, then complete when unsubscribed', async () => {
    const before = t.app.bus.listenerCount();
    const rec = recordingSink<Event>();
    const unsubscribe = client.subscribe<Event>({ query: SUBSCRIPTION }, rec.sink);
    // A refused subscription never reaches the bus: stop waiting as soon as the sink ends, and show why.
    await pollUntil(() => t.app.bus.listenerCount() > before || rec.done.calls.length > 0, 5000, 'the subscription to reach the bus');
    expect(rec.errors).toEqual([]);
    expect(rec.done.calls).toEqual([]);

    await t.write('b.txt', story('Bridge reopens'));
    const result = await rec.results.next((r) => r.data?.articleChanged.sourcePath === 'b.txt', { label: 'the event for b.txt' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.articleChanged).toEqual({ kind: 'CREATED', sourcePath: 'b.txt', article: { title: 'Bridge reopens' } });

    unsubscribe();
    await expect(rec.done.next(() => true, { label: 'the subscription to complete' })).resolves.toBe('complete');
    expect(rec.errors).toEqual([]);
    await untilReleased(before);
  });

  it('should answer a query with one result and complete', async () => {
    const rec = recordingSink<{ article: { title: string; sourcePath: string } | null }>();
    client.subscribe({ query: '{ article(sourcePath: "a.txt") { title sourcePath } }' }, rec.sink);
    await expect(rec.done.next(() => true, { label: 'the query to complete' })).resolves.toBe('complete');
    expect(rec.errors).toEqual([]);
    expect(rec.results.calls).toEqual([{ data: { article: { title: 'Harbour plan approved', sourcePath: 'a.txt' } } }]);
  });
});
