import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/graphql-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PAGE = `query ($first: Int, $last: Int, $after: String, $before: String, $orderBy: ArticleOrder, $filter: ArticleFilter) {
  articles(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy, filter: $filter) {
    totalCount edges { cursor node { sourcePath } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const paths = (data: any) => data.articles.edges.map((e: any) => e.node.sourcePath);

describe('articles: filters and order', () => {
  it('should default to source-path order', async () => {
    const { data } = await server.query(PAGE);
    expect(paths(data)).toEqual(['business/acme-earnings.txt', 'sport/cup-final.txt', 'world/cairo-talks.txt', 'world/zebra-migration.txt']);
    expect(data.articles.totalCount).toBe(4);
  });

  it.each([
    ['TITLE', ['business/acme-earnings.txt', 'world/cairo-talks.txt', 'sport/cup-final.txt', 'world/zebra-migration.txt']],
    ['UPDATED_AT_DESC', ['world/zebra-migration.txt', 'sport/cup-final.txt', 'business/acme-earnings.txt', 'world/cairo-talks.txt']],
    ['WORD_COUNT_DESC', ['world/cairo-talks.txt', 'world/zebra-migration.txt', 'business/acme-earnings.txt', 'sport/cup-final.txt']],
  ])('should order by %s', async (orderBy, expected) => {
    const { data } = await server.query(PAGE, { orderBy });
    expect(paths(data)).toEqual(expected);
  });

  it('should filter by person and topic, as slugs or global ids, and intersect them', async () => {
    const [bySlug, byId, both, none] = await Promise.all([
      server.query(PAGE, { filter: { person: 'john-smith' } }),
      server.query(PAGE, { filter: { topic: encodeGlobalID('Topic', 'cairo') } }),
      server.query(PAGE, { filter: { person: encodeGlobalID('Person', 'john-smith'), topic: 'cairo' } }),
      server.query(PAGE, { filter: { person: 'nobody' } }),
    ]);
    expect(paths(bySlug.data)).toEqual(['business/acme-earnings.txt', 'world/cairo-talks.txt']);
    expect(paths(byId.data)).toEqual(['sport/cup-final.txt', 'world/cairo-talks.txt']);
    expect(paths(both.data)).toEqual(['world/cairo-talks.txt']);
    expect(none.data.articles).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('should search by relevance by default, and in another order when asked', async () => {
    const relevance = await server.query(PAGE, { filter: { search: 'cairo' } });
    expect([...paths(relevance.data)].sort()).toEqual(['sport/cup-final.txt', 'world/cairo-talks.txt']);
    const byPath = await server.query(PAGE, { filter: { search: 'cairo', topic: 'football' }, orderBy: 'SOURCE_PATH' });
    expect(paths(byPath.data)).toEqual(['sport/cup-final.txt']);
    const page = await server.query(PAGE, { filter: { search: 'cairo' }, first: 1 });
    const next = await server.query(PAGE, { filter: { search: 'cairo' }, first: 1, after: page.data.articles.pageInfo.endCursor });
    expect([...paths(page.data), ...paths(next.data)]).toEqual(paths(relevance.data));
  });
});

describe('articles: pagination', () => {
  it('should page forward and backward with correct page info', async () => {
    const p1 = (await server.query(PAGE, { first: 2 })).data.articles;
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = (await server.query(PAGE, { first: 2, after: p1.pageInfo.endCursor })).data.articles;
    expect(p2.edges.map((e: any) => e.node.sourcePath)).toEqual(['world/cairo-talks.txt', 'world/zebra-migration.txt']);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await server.query(PAGE, { last: 2, before: p2.pageInfo.startCursor })).data.articles;
    expect(back.edges).toEqual(p1.edges);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const tail = (await server.query(PAGE, { last: 1 })).data.articles;
    expect(tail.edges.map((e: any) => e.node.sourcePath)).toEqual(['world/zebra-migration.txt']);
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('should keep a cursor valid after an article before it is removed, in every sorted order', async () => {
    for (const orderBy of ['SOURCE_PATH', 'TITLE', 'WORD_COUNT_DESC']) {
      const local = await startTestServer();
      try {
        const p1 = (await local.query(PAGE, { first: 2, orderBy })).data.articles;
        const [first, second] = p1.edges.map((e: any) => e.node.sourcePath);
        local.store.remove(first);
        local.store.remove(second); // the cursor's own article is gone too: the position must survive
        const p2 = (await local.query(PAGE, { first: 2, orderBy, after: p1.pageInfo.endCursor })).data.articles;
        const all = (await server.query(PAGE, { orderBy })).data.articles.edges.map((e: any) => e.node.sourcePath);
        expect(p2.edges.map((e: any) => e.node.sourcePath)).toEqual(all.slice(2));
        expect(p2.totalCount).toBe(2);
      } finally {
        await local.close();
      }
    }
  });

  it('should page through a person\'s articles and a topic\'s articles by cursor', async () => {
    const q = `query ($after: String) { topic(slug: "cairo") { articles(first: 1, after: $after) {
      edges { node { sourcePath } } pageInfo { endCursor hasNextPage } } } }`;
    const p1 = (await server.query(q)).data.topic.articles;
    const p2 = (await server.query(q, { after: p1.pageInfo.endCursor })).data.topic.articles;
    expect([p1.edges[0].node.sourcePath, p2.edges[0].node.sourcePath]).toEqual(['world/cairo-talks.txt', 'sport/cup-final.txt']);
    expect([p1.pageInfo.hasNextPage, p2.pageInfo.hasNextPage]).toEqual([true, false]);
  });
});
