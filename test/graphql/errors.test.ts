import { encodeGlobalID } from '@pothos/plugin-relay';
import type { YogaLogger } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoreStats } from '../../src/store/model.ts';
import { SeedStore } from '../../src/store/seed-store.ts';
import { createFixtureStore } from '../helpers/graphql-fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/graphql-server.ts';

/** A store whose stats fail like a bug would: the error must be masked for clients and logged. */
class BrokenStore extends SeedStore {
  override stats(): StoreStats {
    throw new Error('secret internal detail');
  }
}

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies YogaLogger;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ store: createFixtureStore(undefined, new BrokenStore()), logger });
});
afterAll(() => server.close());

async function expectCode(query: string, code: string, message?: RegExp) {
  const { errors } = await server.query(query);
  expect(errors, query).toHaveLength(1);
  expect(errors![0]!.extensions?.code).toBe(code);
  if (message) expect(errors![0]!.message).toMatch(message);
}

describe('bad requests', () => {
  it('should refuse a related count out of range', async () => {
    await expectCode('{ articles(first: 1) { nodes { related(first: 51) { id } } } }', 'BAD_USER_INPUT', /between 0 and 50/);
    await expectCode('{ articles(first: 1) { nodes { related(first: -1) { id } } } }', 'BAD_USER_INPUT');
  });

  it('should refuse zero or two lookup arguments', async () => {
    await expectCode('{ article(slug: "a", sourcePath: "b") { id } }', 'BAD_USER_INPUT', /exactly one of `id`, `slug`, `sourcePath`, but got 2/);
    await expectCode('{ article { id } }', 'BAD_USER_INPUT', /but got 0/);
    await expectCode('{ person(id: "x", slug: "y") { id } }', 'BAD_USER_INPUT');
  });

  it('should refuse malformed and wrong-type global ids', async () => {
    await expectCode('{ article(id: "not-an-id") { id } }', 'BAD_USER_INPUT', /Invalid global id/);
    await expectCode(`{ article(id: "${encodeGlobalID('Person', 'john-smith')}") { id } }`, 'BAD_USER_INPUT', /is a Person id, but an id of type Article/);
    await expectCode(`{ article(id: "${encodeGlobalID('Nope', 'x')}") { id } }`, 'BAD_USER_INPUT', /not a Node type/);
    await expectCode('{ node(id: "%%%") { id } }', 'BAD_USER_INPUT');
    await expectCode(`{ node(id: "${encodeGlobalID('Widget', '1')}") { id } }`, 'BAD_USER_INPUT');
    await expectCode(`{ articles(filter: { person: "${encodeGlobalID('Topic', 'cairo')}" }) { totalCount } }`, 'BAD_USER_INPUT');
  });

  it('should refuse bad cursors and page sizes with precise messages', async () => {
    await expectCode('{ articles(after: "garbage") { totalCount } }', 'BAD_USER_INPUT', /Invalid cursor in `after`/);
    const { data } = await server.query('{ articles(first: 1) { pageInfo { endCursor } } }');
    const cursor = data.articles.pageInfo.endCursor;
    await expectCode(`{ articles(orderBy: TITLE, after: "${cursor}") { totalCount } }`, 'BAD_USER_INPUT', /issued for "articles:SOURCE_PATH"/);
    await expectCode(`{ people(before: "${cursor}") { totalCount } }`, 'BAD_USER_INPUT');
    await expectCode('{ articles(first: 101) { totalCount } }', 'BAD_USER_INPUT', /`first` may be at most 100, but got 101/);
    await expectCode('{ articles(last: -1) { totalCount } }', 'BAD_USER_INPUT', /`last` must not be negative, but got -1/);
    await expectCode('{ articles(orderBy: RELEVANCE) { totalCount } }', 'BAD_USER_INPUT', /needs `filter.search`/);
    await expectCode(`{ articles(filter: { search: "${'word '.repeat(101)}" }) { totalCount } }`, 'BAD_USER_INPUT', /limited to 500 characters; got 504/);
    expect((await server.query(`{ articles(filter: { search: "${'x'.repeat(500)}" }) { totalCount } }`)).data.articles.totalCount).toBe(0);
  });

  it('should report syntax and validation errors with yoga codes', async () => {
    await expectCode('{ articles { ', 'GRAPHQL_PARSE_FAILED');
    await expectCode('{ articles { nope } }', 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope"/);
  });
});

describe('unexpected errors', () => {
  it('should mask them for the client and log them', async () => {
    logger.error.mockClear();
    const { data, errors } = await server.query('{ seedStore { articleCount } article(sourcePath: "world/cairo-talks.txt") { title } }');
    expect(data).toBeNull(); // seedStore is non-null, so the error nulls the whole response
    expect(errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', path: ['seedStore', 'articleCount'] })]);
    expect(JSON.stringify(errors)).not.toContain('secret internal detail');
    expect(logger.error).toHaveBeenCalled();
    expect(String(logger.error.mock.calls.flat().map((e) => (e instanceof Error ? e.message : e)))).toContain('secret internal detail');
  });
});
