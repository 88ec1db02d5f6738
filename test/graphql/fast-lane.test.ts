/**
 * The fast lane must answer exactly as yoga would, or not at all: every answer it gives is compared with
 * yoga's own for the same request, and every request it must leave to yoga is checked to get null.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createFastLane, regularContentType } from '../../src/server/fast-lane.ts';
import { createLocalEventBus } from '../../src/server/events.ts';
import { createSeedYoga } from '../../src/server/yoga.ts';
import { createFixtureStore } from '../helpers/graphql-fixtures.ts';

const yoga = createSeedYoga({
  context: { store: createFixtureStore(), bus: createLocalEventBus(), status: { root: '/seeds', phase: 'READY', filesTotal: 4, filesDone: 4, startedAt: new Date(0), readyAt: null } },
  logger: false,
});
const lane = createFastLane(yoga);

type Case = { body: string; headers?: Record<string, string> };
const json = (o: unknown) => JSON.stringify(o);
const asReq = (headers: Record<string, string>) => ({ headers, url: '/graphql', method: 'POST' }) as unknown as IncomingMessage;

async function both({ body, headers = {} }: Case) {
  const all = { 'content-type': 'application/json', host: 'localhost', ...headers };
  const fast = await lane(asReq(all), Buffer.from(body));
  const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: all, body });
  return { fast, yoga: { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() } };
}

const LIST = '{ articles(first: 2) { totalCount nodes { id title people { name roles } quotes { text speaker { name } } topics { slug } } } }';

describe('fast lane', () => {
  it.each<[string, Case]>([
    ['a list, no Accept', { body: json({ query: LIST }) }],
    ['Accept */*', { body: json({ query: LIST }), headers: { accept: '*/*' } }],
    ['Accept application/json', { body: json({ query: LIST }), headers: { accept: 'application/json' } }],
    ['the GraphQL response type', { body: json({ query: LIST }), headers: { accept: 'application/graphql-response+json' } }],
    ['what GraphQL clients send', { body: json({ query: LIST }), headers: { accept: 'application/graphql-response+json, application/json;q=0.9' } }],
    ['JSON first, then the GraphQL type', { body: json({ query: LIST }), headers: { accept: 'application/json, application/graphql-response+json' } }],
    ['charset in the content type', { body: json({ query: LIST }), headers: { 'content-type': 'application/json; charset=utf-8' } }],
    ['variables, an operation name, nulls and an unknown variable', {
      body: json({ query: 'query Two($n: Int) { articles(first: $n) { nodes { title } } } query Other { seedStore { phase } }', variables: { n: 1, nonce: 'x' }, operationName: 'Two', extensions: null }),
    }],
    ['extensions', { body: json({ query: '{ seedStore { articleCount } }', extensions: { client: 'x' } }) }],
    ['an event stream or JSON (yoga answers a query as JSON)', { body: json({ query: LIST }), headers: { accept: 'text/event-stream, application/json' } }],
  ])('should answer %s exactly as yoga does', async (_, c) => {
    const { fast, yoga: y } = await both(c);
    expect(fast).not.toBeNull();
    expect({ status: fast!.status, contentType: fast!.contentType, body: fast!.body }).toEqual(y);
    expect(JSON.parse(y.body).data).toBeTruthy();
  });

  it.each<[string, Case]>([
    ['a cross-origin request (CORS headers are yoga\'s)', { body: json({ query: LIST }), headers: { origin: 'http://example.com' } }],
    ['a trace request', { body: json({ query: LIST }), headers: { 'apollo-federation-include-trace': 'ftv1' } }],
    ['another content type', { body: json({ query: LIST }), headers: { 'content-type': 'text/plain' } }],
    ['an event stream', { body: json({ query: LIST }), headers: { accept: 'text/event-stream' } }],
    ['multipart', { body: json({ query: LIST }), headers: { accept: 'multipart/mixed' } }],
    ['an unacceptable type', { body: json({ query: LIST }), headers: { accept: 'text/html' } }],
    ['a charset other than UTF-8', { body: json({ query: LIST }), headers: { accept: 'application/json; charset=latin1' } }],
    ['bad JSON', { body: '{"query": ' }],
    ['a batch', { body: json([{ query: LIST }]) }],
    ['an unknown parameter', { body: json({ query: LIST, foo: 1 }) }],
    ['no query', { body: json({ variables: {} }) }],
    ['variables that are not an object', { body: json({ query: LIST, variables: '{"n":1}' }) }],
    ['an operation name that is not a string', { body: json({ query: LIST, operationName: 3 }) }],
    ['a syntax error', { body: json({ query: '{ articles(first: ' }), headers: { accept: 'application/graphql-response+json' } }],
    ['a validation error', { body: json({ query: '{ nope }' }), headers: { accept: 'application/graphql-response+json' } }],
    ['an unknown operation name', { body: json({ query: LIST, operationName: 'Missing' }) }],
    ['an execution error', { body: json({ query: '{ article(id: "not-a-global-id") { title } }' }) }],
    ['a variable of the wrong type', { body: json({ query: 'query ($n: Int) { articles(first: $n) { totalCount } }', variables: { n: 'x' } }) }],
  ])('should leave %s to yoga, whose answer stays its own', async (_, c) => {
    const { fast, yoga: y } = await both(c);
    expect(fast).toBeNull();
    // The lane tried the caches first: what yoga answers afterwards must not have changed because of it.
    const fresh = createSeedYoga({ context: { store: createFixtureStore(), bus: createLocalEventBus(), status: { root: '/seeds', phase: 'READY', filesTotal: 4, filesDone: 4, startedAt: new Date(0), readyAt: null } }, logger: false });
    const headers = { 'content-type': 'application/json', host: 'localhost', ...c.headers };
    const ref = await fresh.fetch('http://localhost/graphql', { method: 'POST', headers, body: c.body });
    expect(y.status).toBe(ref.status);
    expect(y.contentType).toBe(ref.headers.get('content-type'));
    if (!/event-stream|multipart/.test(y.contentType ?? '')) expect(y.body).toBe(await ref.text());
  });

  it('should leave a subscription to yoga without running it', async () => {
    const fast = await lane(asReq({ 'content-type': 'application/json', host: 'localhost' }), Buffer.from(json({ query: 'subscription { articleChanged { sourcePath } }' })));
    expect(fast).toBeNull();
  });

  it('should pick the content type the way yoga does', () => {
    expect(regularContentType(undefined)).toBe('application/json; charset=utf-8');
    expect(regularContentType('application/*')).toBe('application/json; charset=utf-8');
    expect(regularContentType('application/graphql-response+json, application/json')).toBe('application/graphql-response+json; charset=utf-8');
    expect(regularContentType('text/event-stream, application/json')).toBe('application/json; charset=utf-8');
    expect(regularContentType('text/event-stream')).toBeNull();
    expect(regularContentType('text/html')).toBeNull();
  });
});
