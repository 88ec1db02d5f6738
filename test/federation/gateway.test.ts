/**
 * seedgraph as an Apollo Federation v2 subgraph, proved against tools we did not write: @apollo/composition
 * composes it with a second subgraph, and Hive Gateway (@graphql-hive/gateway-runtime) serves the
 * supergraph over real HTTP, queries crossing both subgraphs in both directions, and subscriptions.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse, type GraphQLObjectType } from 'graphql';
import { schema } from '../../src/graphql/schema/index.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { pollUntil } from '../helpers/wait.ts';
import { startProfilesSubgraph, PROFILES_SDL, type ProfilesSubgraph } from './profiles-subgraph.ts';

const story = (title: string, name: string) => `${title}\n\nThe council approved the plan on Monday, its leader ${name} said.\n\n"We are delighted," ${name} said.\n`;

let t: TestApp;
let profiles: ProfilesSubgraph;
let gateway: GatewayRuntime;
let gatewayServer: Server;
let gatewayUrl: string;
let supergraphSdl: string;

async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return res.json() as Promise<{ data?: any; errors?: any[]; extensions?: any }>;
}

beforeAll(async () => {
  t = await startTestApp({
    'harbour.txt': story('Harbour plan approved', 'Jane Harwood'),
    'bridge.txt': story('Bridge reopens', 'Omar Haddad'),
    'ferry.txt': story('Ferry fares rise', 'Jane Harwood'),
  });
  profiles = await startProfilesSubgraph({ 'jane-harwood': 'Council leader since 2019.' }, [
    { note: 'Read this first', sourcePath: 'harbour.txt' },
    { note: 'Good news for commuters', sourcePath: 'bridge.txt' },
    { note: 'Fares again', sourcePath: 'ferry.txt' },
  ]);
  // The gateway's view of seedgraph is what seedgraph says of itself over `_service`.
  const service = await post(t.url, '{ _service { sdl } }');
  const composed = composeServices([
    { name: 'seedgraph', url: t.url, typeDefs: parse(service.data._service.sdl) },
    { name: 'profiles', url: profiles.url, typeDefs: parse(PROFILES_SDL) },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  supergraphSdl = composed.supergraphSdl!;
  gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    // Subscriptions to seedgraph go over graphql-ws, the protocol it serves.
    transportEntries: { seedgraph: { options: { subscriptions: { kind: 'ws', location: t.wsUrl } } } },
  });
  gatewayServer = createServer(gateway);
  await new Promise<void>((resolve) => gatewayServer.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  gatewayServer?.closeAllConnections();
  await new Promise<void>((resolve) => (gatewayServer ? gatewayServer.close(() => resolve()) : resolve()));
  await gateway?.dispose();
  await profiles?.close();
  await t?.close();
});

describe('seedgraph as a subgraph', () => {
  it('should describe itself with @key directives on Article, Person and Topic', async () => {
    const { data } = await post(t.url, '{ _service { sdl } }');
    const sdl: string = data._service.sdl;
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(sdl).toMatch(/type Article[^{]*@key\(fields: "id"\)[^{]*@key\(fields: "sourcePath"\)/);
    expect(sdl).toMatch(/type Person[^{]*@key\(fields: "id"\)[^{]*@key\(fields: "slug"\)/);
    expect(sdl).toMatch(/type Topic[^{]*@key\(fields: "id"\)[^{]*@key\(fields: "slug"\)/);
  });

  it('should resolve entities by either key, null for unknown ones, with one store lookup per type', async () => {
    const { data: ids } = await post(t.url, '{ article(sourcePath: "bridge.txt") { id } }');
    const getMany = vi.spyOn(t.app.store, 'getMany');
    const getPeople = vi.spyOn(t.app.store, 'getPeople');
    const { data, errors } = await post(t.url, `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Article { sourcePath title } ... on Person { slug name } } }`, { r: [
      { __typename: 'Article', sourcePath: 'harbour.txt' },
      { __typename: 'Article', id: ids.article.id },
      { __typename: 'Person', slug: 'jane-harwood' },
      { __typename: 'Article', sourcePath: 'missing.txt' },
      { __typename: 'Person', slug: 'omar-haddad' },
    ] });
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([
      { sourcePath: 'harbour.txt', title: 'Harbour plan approved' },
      { sourcePath: 'bridge.txt', title: 'Bridge reopens' },
      { slug: 'jane-harwood', name: 'Jane Harwood' },
      null,
      { slug: 'omar-haddad', name: 'Omar Haddad' },
    ]);
    expect(getMany).toHaveBeenCalledTimes(1);
    expect(getMany.mock.calls[0]![0]).toEqual(['harbour.txt', 'bridge.txt', 'missing.txt']);
    expect(getPeople).toHaveBeenCalledTimes(1);
    getMany.mockRestore();
    getPeople.mockRestore();
  });

  it('should answer a representation with the wrong kind of id with BAD_USER_INPUT', async () => {
    const { data: p } = await post(t.url, '{ person(slug: "jane-harwood") { id } }');
    const { errors } = await post(t.url, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Article { title } } }', { r: [{ __typename: 'Article', id: p.person.id }] });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should add an Apollo inline trace (ftv1) only when a gateway asks for one', async () => {
    const plain = await post(t.url, '{ articles(first: 1) { totalCount } }');
    expect(plain.extensions?.ftv1).toBeUndefined();
    const traced = await post(t.url, '{ articles(first: 1) { totalCount } }', undefined, { 'apollo-federation-include-trace': 'ftv1' });
    expect(traced.data.articles.totalCount).toBe(3);
    expect(typeof traced.extensions?.ftv1).toBe('string');
    expect(Buffer.from(traced.extensions.ftv1, 'base64').length).toBeGreaterThan(10);
  });

  it('should trace entity lookups too, on a copy of the schema: the shared one is never wrapped', async () => {
    // @envelop/on-resolve (the tracer's) marks each field it wraps with this symbol.
    const wrapped = () => Object.values(schema.getTypeMap()).some((type) => 'getFields' in type && Object.values((type as GraphQLObjectType).getFields())
      .some((field) => Object.getOwnPropertySymbols(field).some((sym) => sym.description === 'hasWrappedResolve')));
    const { data: a } = await post(t.url, '{ articles(first: 1) { nodes { id } } }');
    const traced = await post(t.url, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Article { title } } }',
      { r: [{ __typename: 'Article', id: a.articles.nodes[0].id }] }, { 'apollo-federation-include-trace': 'ftv1' });
    expect(traced.errors).toBeUndefined();
    expect(traced.data._entities[0].title).toEqual(expect.any(String));
    expect(typeof traced.extensions?.ftv1).toBe('string');
    // Untraced requests run on the schema as built: no tracer between them and their resolvers.
    expect(wrapped()).toBe(false);
    expect((await post(t.url, '{ articles(first: 1) { totalCount } }')).extensions?.ftv1).toBeUndefined();
  });
});

describe('through the gateway', () => {
  it('should compose with no errors, keeping both subgraphs in the supergraph', () => {
    expect(supergraphSdl).toMatch(/join__graph\(name: "seedgraph"/);
    expect(supergraphSdl).toMatch(/join__graph\(name: "profiles"/);
  });

  it('should extend seedgraph people with the other subgraph\'s profiles (seedgraph → profiles)', async () => {
    const { data, errors } = await post(gatewayUrl, '{ article(sourcePath: "harbour.txt") { title people { name profile { bio followers } } } }');
    expect(errors).toBeUndefined();
    expect(data.article).toEqual({ title: 'Harbour plan approved', people: [{ name: 'Jane Harwood', profile: { bio: 'Council leader since 2019.', followers: 120 } }] });
  });

  it('should resolve the other subgraph\'s article references in one batch (profiles → seedgraph)', async () => {
    const getMany = vi.spyOn(t.app.store, 'getMany');
    const { data, errors } = await post(gatewayUrl, '{ editorsPicks { note article { title wordCount people { name } } } }');
    expect(errors).toBeUndefined();
    expect(data.editorsPicks.map((p: any) => [p.note, p.article.title, p.article.people[0].name])).toEqual([
      ['Read this first', 'Harbour plan approved', 'Jane Harwood'],
      ['Good news for commuters', 'Bridge reopens', 'Omar Haddad'],
      ['Fares again', 'Ferry fares rise', 'Jane Harwood'],
    ]);
    expect(getMany).toHaveBeenCalledTimes(1);
    getMany.mockRestore();
  });

  it('should carry articleChanged from seedgraph through the gateway, joined with the other subgraph', async () => {
    const controller = new AbortController();
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { articleChanged { kind sourcePath article { title people { name profile { bio } } } } }' }),
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    /** The next `next` event's payload, failing after a timeout. */
    const nextEvent = async (): Promise<any> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const at = buffer.indexOf('\n\n');
        if (at >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
          if (/^event: next/m.test(block) && data) return JSON.parse(data);
          continue;
        }
        if (Date.now() > deadline) throw new Error('no event through the gateway within 10 s');
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event through the gateway within 10 s')), deadline - Date.now()))]);
        if (chunk.done) throw new Error('the gateway closed the stream');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    };
    // The gateway has subscribed upstream once seedgraph's bus has a listener: then write the file.
    await pollUntil(() => t.app.bus.listenerCount() > 0, 10_000, 'the gateway subscribing upstream');
    await t.write('pier.txt', story('Pier repairs begin', 'Jane Harwood'));
    const event = await nextEvent();
    expect(event.data.articleChanged).toEqual({
      kind: 'CREATED', sourcePath: 'pier.txt',
      article: { title: 'Pier repairs begin', people: [{ name: 'Jane Harwood', profile: { bio: 'Council leader since 2019.' } }] },
    });
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await pollUntil(() => t.app.bus.listenerCount() === 0, 10_000, 'the upstream subscription ending');
  });
});
