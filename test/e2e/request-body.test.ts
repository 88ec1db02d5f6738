import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachedHandler, MAX_REQUEST_BODY } from '../../src/server/http-cache.ts';
import type { SeedYoga } from '../../src/server/yoga.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { waitFor } from '../helpers/wait.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ 'a.txt': 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n' });
});
afterAll(() => t.close());

/** POSTs `chunks` one by one, chunked (no content-length) unless `length` is given; resolves with status and body. */
function post(path: string, chunks: Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url.replace(/\/graphql$/, '')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer (and close) before the whole body is sent: that is the point.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

/** A request whose `variables` carry `padding` bytes of filler: valid JSON of about that size. */
const padded = (padding: number) => Buffer.from(JSON.stringify({ query: '{ articles(first: 1) { nodes { title } } }', variables: { pad: 'x'.repeat(padding) } }));

describe('request bodies', () => {
  it('should answer a body just under the limit as usual', async () => {
    const body = padded(MAX_REQUEST_BODY - 200);
    expect(body.length).toBeLessThanOrEqual(MAX_REQUEST_BODY);
    const res = await waitFor(post('/graphql', [body], { 'content-length': String(body.length) }), 10_000, 'the answer');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ data: { articles: { nodes: [{ title: 'Harbour plan approved' }] } } });
  });

  it('should refuse a declared size over the limit with 413 REQUEST_ENTITY_TOO_LARGE, before reading it', async () => {
    const res = await waitFor(post('/graphql', [Buffer.from('{"query":"{ __typename }"}')], { 'content-length': String(MAX_REQUEST_BODY + 1) }), 10_000, 'the refusal');
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('should refuse a chunked body once it passes the limit, on every path that takes a body', async () => {
    const big = padded(MAX_REQUEST_BODY + 10);
    const chunks = Array.from({ length: Math.ceil(big.length / 65536) }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
    for (const [path, headers] of [['/graphql', {}], ['/graphql', { accept: 'text/event-stream' }], ['/graphql/stream', { accept: 'text/event-stream' }]] as const) {
      const res = await waitFor(post(path, chunks, headers), 10_000, `the refusal on ${path}`);
      expect(res.status, path).toBe(413);
      expect(JSON.parse(res.body).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    }
    // The server is unharmed: the next request is answered.
    expect((await t.query('{ articles(first: 1) { totalCount } }')).data).toEqual({ articles: { totalCount: 1 } });
  });

  it('should hand a body it read to yoga for streams too: SSE over POST still answers', async () => {
    const body = Buffer.from(JSON.stringify({ query: '{ articles(first: 1) { nodes { title } } }' }));
    const res = await waitFor(post('/graphql', [body], { accept: 'text/event-stream' }), 10_000, 'the SSE answer');
    expect(res.status).toBe(200);
    expect(res.body).toContain('event: next');
    expect(res.body).toContain('Harbour plan approved');
  });
});

describe('the HTTP front', () => {
  it('should mask an unexpected error of its own as a 500, and report it', async () => {
    const reported: unknown[] = [];
    // A yoga whose every answer fails: the front's own error path, not yoga's.
    const broken = { fetch: async () => { throw new Error('secret detail'); } } as unknown as SeedYoga;
    const server = createServer(createCachedHandler(broken, '/graphql', () => 0, { onError: (err) => reported.push(err) }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}',
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text).errors[0]).toEqual({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(text).not.toContain('secret');
      expect(reported).toHaveLength(1);
      expect(String(reported[0])).toContain('secret detail');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
