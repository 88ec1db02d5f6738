import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/graphql-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const cairoId = encodeGlobalID('Article', 'world/cairo-talks.txt');

describe('Article', () => {
  it('should serve every field and follow article → sections → quotes → speaker → articles', async () => {
    const { data, errors } = await server.query(`query ($id: ID!) {
      article(id: $id) {
        id sourcePath slug title caption credit body wordCount contentHash version updatedAt
        excerpt(length: 30)
        sections { index heading paragraphs text article { sourcePath }
          quotes { text attribution confidence speaker { name articles { totalCount nodes { title } } } section { index } } }
        quotes { id text speakerName speaker { slug } article { sourcePath } }
        people { name slug aliases roles mentionCount }
        topics { slug kind articleCount }
        topicScores { score kind topic { name } }
        diagnostics { code }
      }
    }`, { id: cairoId });
    expect(errors).toBeUndefined();
    const a = data.article;
    expect(a).toMatchObject({
      id: cairoId, sourcePath: 'world/cairo-talks.txt', title: 'Ceasefire talks resume in Cairo', credit: 'REUTERS/Jane Roe',
      version: 1, diagnostics: [],
    });
    expect(a.slug).toMatch(/^ceasefire-talks-resume-in-cairo-[0-9a-f]{6}$/);
    expect(a.excerpt).toBe('Negotiators met in Cairo on…');
    expect(a.excerpt.length).toBeLessThanOrEqual(30);
    expect(new Date(a.updatedAt).toISOString()).toBe(a.updatedAt);
    expect(a.sections.map((s: any) => s.heading)).toEqual([null, 'Next steps']);
    expect(a.sections[0].text).toBe(a.sections[0].paragraphs.join('\n\n'));
    expect(a.sections[0].quotes).toEqual([
      expect.objectContaining({
        text: 'We are closer than ever', attribution: 'said', section: { index: 0 },
        speaker: { name: 'Maria Lopez', articles: { totalCount: 1, nodes: [{ title: 'Ceasefire talks resume in Cairo' }] } },
      }),
    ]);
    expect(a.sections[1].quotes).toEqual([expect.objectContaining({ speaker: null, attribution: 'a diplomat said' })]);
    expect(a.quotes[0]).toMatchObject({ id: encodeGlobalID('Quote', 'world/cairo-talks.txt#0'), speakerName: 'Maria Lopez' });
    // People resolve to the store-wide person: John Smith's roles come from another article.
    expect(a.people.map((p: any) => p.slug)).toEqual(['maria-lopez', 'john-smith']);
    expect(a.people[1]).toMatchObject({ roles: ['chief executive'], mentionCount: 3 });
    expect(a.topics).toEqual([
      { slug: 'ceasefire', kind: 'SUBJECT', articleCount: 1 },
      { slug: 'cairo', kind: 'PLACE', articleCount: 2 },
    ]);
    expect(a.topicScores[1]).toEqual({ score: 0.6, kind: 'PLACE', topic: { name: 'Cairo' } });
  });

  it('should find an article by id, slug and source path, and answer null when there is none', async () => {
    const bySlug = await server.query(`{ a: article(sourcePath: "world/cairo-talks.txt") { slug } }`);
    const slug = bySlug.data.a.slug;
    const { data } = await server.query(`query ($slug: String!, $id: ID!) {
      byId: article(id: $id) { title } bySlug: article(slug: $slug) { title } byTitleSlug: article(slug: "acme-profits-beat-forecasts") { title }
      missingPath: article(sourcePath: "nope.txt") { title } missingId: article(id: "${encodeGlobalID('Article', 'nope.txt')}") { title }
    }`, { slug, id: cairoId });
    expect(data).toEqual({
      byId: { title: 'Ceasefire talks resume in Cairo' },
      bySlug: { title: 'Ceasefire talks resume in Cairo' },
      byTitleSlug: { title: 'Acme profits beat forecasts' },
      missingPath: null,
      missingId: null,
    });
  });
});

describe('node and nodes', () => {
  it('should round-trip every Node type through its global id', async () => {
    const { data } = await server.query(`{
      article(sourcePath: "world/cairo-talks.txt") { id quotes { id } }
      person(slug: "maria-lopez") { id }
      topic(slug: "cairo") { id }
    }`);
    const ids = [data.article.id, data.article.quotes[0].id, data.person.id, data.topic.id];
    const res = await server.query(`query ($ids: [ID!]!, $one: ID!) {
      nodes(ids: $ids) { __typename id ... on Article { title } ... on Quote { text } ... on Person { name } ... on Topic { name } }
      node(id: $one) { id ... on Person { slug } }
    }`, { ids, one: data.person.id });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([
      { __typename: 'Article', id: ids[0], title: 'Ceasefire talks resume in Cairo' },
      { __typename: 'Quote', id: ids[1], text: 'We are closer than ever' },
      { __typename: 'Person', id: ids[2], name: 'Maria Lopez' },
      { __typename: 'Topic', id: ids[3], name: 'Cairo' },
    ]);
    expect(res.data.node).toEqual({ id: ids[2], slug: 'maria-lopez' });
  });

  it('should answer null for a well-formed id of nothing', async () => {
    const { data, errors } = await server.query(`{ node(id: "${encodeGlobalID('Person', 'nobody')}") { id } }`);
    expect(errors).toBeUndefined();
    expect(data.node).toBeNull();
  });
});

describe('Person and Topic', () => {
  it('should serve people with article and quote connections', async () => {
    const { data } = await server.query(`{
      person(slug: "john-smith") { name aliases roles mentionCount articleCount
        articles(first: 1) { totalCount edges { cursor node { sourcePath } } pageInfo { hasNextPage } }
        quotes { totalCount nodes { text article { title } } } }
      people(search: "jose") { totalCount nodes { name } }
      all: people { totalCount nodes { slug } }
    }`);
    expect(data.person).toMatchObject({ name: 'John Smith', roles: ['chief executive'], mentionCount: 3, articleCount: 2 });
    expect(data.person.articles).toMatchObject({ totalCount: 2, edges: [{ node: { sourcePath: 'business/acme-earnings.txt' } }], pageInfo: { hasNextPage: true } });
    expect(data.person.quotes).toEqual({ totalCount: 1, nodes: [{ text: 'It was a remarkable quarter', article: { title: 'Acme profits beat forecasts' } }] });
    expect(data.people).toEqual({ totalCount: 1, nodes: [{ name: 'José Álvarez' }] });
    expect(data.all.nodes.map((p: any) => p.slug)).toEqual(['john-smith', 'jose-alvarez', 'maria-lopez']);
  });

  it('should serve topics with their articles, most salient first', async () => {
    const { data } = await server.query(`{
      topic(slug: "cairo") { name slug kind articleCount articles { totalCount nodes { sourcePath } } }
      topics(first: 2) { totalCount nodes { slug } pageInfo { hasNextPage } }
      places: topics(kind: PLACE) { nodes { slug } }
    }`);
    expect(data.topic).toEqual({
      name: 'Cairo', slug: 'cairo', kind: 'PLACE', articleCount: 2,
      articles: { totalCount: 2, nodes: [{ sourcePath: 'world/cairo-talks.txt' }, { sourcePath: 'sport/cup-final.txt' }] },
    });
    expect(data.topics).toEqual({ totalCount: 6, nodes: [{ slug: 'cairo' }, { slug: 'acme' }], pageInfo: { hasNextPage: true } });
    expect(data.places.nodes.map((t: any) => t.slug)).toEqual(['cairo', 'kenya']);
  });

  it('should serve related articles, best first, without the article itself', async () => {
    const { data, errors } = await server.query(`{ article(sourcePath: "world/cairo-talks.txt") { related(first: 2) { sourcePath } } }`);
    expect(errors).toBeUndefined();
    const paths = data.article.related.map((r: { sourcePath: string }) => r.sourcePath);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.length).toBeLessThanOrEqual(2);
    expect(paths).not.toContain('world/cairo-talks.txt');
    // The cup final shares Cairo with the talks story; the zebra migration shares nothing.
    expect(paths[0]).toBe('sport/cup-final.txt');
  });

  it('should find people and topics by global id', async () => {
    const { data } = await server.query(`{
      person(id: "${encodeGlobalID('Person', 'maria-lopez')}") { name } topic(id: "${encodeGlobalID('Topic', 'kenya')}") { name }
    }`);
    expect(data).toEqual({ person: { name: 'Maria Lopez' }, topic: { name: 'Kenya' } });
  });
});

describe('quotes', () => {
  it('should list quotes, optionally by speaker slug or Person id', async () => {
    const { data } = await server.query(`{
      all: quotes { totalCount nodes { text } }
      bySlug: quotes(speaker: "maria-lopez") { totalCount nodes { text } }
      byId: quotes(speaker: "${encodeGlobalID('Person', 'jose-alvarez')}") { nodes { text speaker { name } } }
    }`);
    expect(data.all.totalCount).toBe(4);
    expect(data.bySlug).toEqual({ totalCount: 1, nodes: [{ text: 'We are closer than ever' }] });
    expect(data.byId.nodes).toEqual([{ text: 'Dreams come true', speaker: { name: 'José Álvarez' } }]);
  });
});

describe('seedStore', () => {
  it('should report counts, problems and warnings', async () => {
    server.store.recordProblem('broken/empty.txt', [{ code: 'EMPTY_FILE', severity: 'ERROR', message: 'The file is empty.', line: null }], 'h0');
    const { data } = await server.query(`{ seedStore {
      root phase filesTotal filesDone articleCount personCount topicCount quoteCount problemCount sequence
      problems { sourcePath servingLastGood since diagnostics { code severity message line } }
      warnings { sourcePath diagnostics { code severity line } article { title } }
    } }`);
    expect(data.seedStore).toMatchObject({
      root: '/seeds', phase: 'READY', filesTotal: 4, filesDone: 4,
      articleCount: 4, personCount: 3, topicCount: 6, quoteCount: 4, problemCount: 1, sequence: 4,
      problems: [{ sourcePath: 'broken/empty.txt', servingLastGood: false, diagnostics: [{ code: 'EMPTY_FILE', severity: 'ERROR', message: 'The file is empty.', line: null }] }],
      warnings: [{ sourcePath: 'sport/cup-final.txt', diagnostics: [{ code: 'SCRAPE_TRAILER_REMOVED', severity: 'WARNING', line: 4 }], article: { title: 'Underdogs win the cup final' } }],
    });
  });
});
