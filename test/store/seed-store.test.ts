import { describe, expect, it } from 'vitest';
import type { Article, ArticlePerson, Diagnostic } from '../../src/core/types.ts';
import { compact } from '../../src/core/body.ts';
import { extractArticle } from '../../src/core/extract-article.ts';
import { SeedStore } from '../../src/store/seed-store.ts';

const person = (name: string, extra: Partial<ArticlePerson> = {}): ArticlePerson => ({
  name, slug: name.toLowerCase().replace(/\s+/g, '-'), aliases: [], roles: [], mentionCount: 1, ...extra,
});

function article(sourcePath: string, over: Partial<Article> = {}): Article {
  const title = over.title ?? `Title of ${sourcePath}`;
  return {
    sourcePath, format: 'TEXT', byline: null, dateline: null, publishedAt: null, tags: [], title, titleSlug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), caption: null, credit: null,
    sections: [{ index: 0, heading: null, paragraphs: [over.body ?? 'Body text.'] }], body: 'Body text.', wordCount: 2,
    quotes: [], people: [], topics: [], ...over,
  };
}

const put = (store: SeedStore, path: string, hash: string, over: Partial<Article> = {}) =>
  store.upsert({ sourcePath: path, contentHash: hash, article: article(path, over), diagnostics: [] });

const problem: Diagnostic = { code: 'EMPTY_FILE', severity: 'ERROR', message: 'the file is empty', line: null };

describe('SeedStore changes', () => {
  it('should serve the body of an extraction that left it out, exactly as extracted', () => {
    const { article: full } = extractArticle('Dock strike ends\n\nWorkers return on Monday.\n\nTalks\n\nThe union said pay rose.\n', 'd.txt');
    const store = new SeedStore();
    store.upsert({ sourcePath: 'd.txt', contentHash: 'h', article: compact({ article: full, diagnostics: [] }).article!, diagnostics: [] });
    expect(store.get('d.txt')!.body).toBe(full!.body);
    expect(JSON.parse(JSON.stringify(store.get('d.txt'))).body).toBe(full!.body);
    expect(store.queryArticles({ search: 'union' }, 'RELEVANCE').map((a) => a.id)).toEqual(['d.txt']);
  });

  it('should report CREATED, then UPDATED with a higher version, then DELETED', () => {
    const store = new SeedStore();
    const created = put(store, 'a.txt', 'h1');
    expect(created).toMatchObject({ kind: 'CREATED', articleId: 'a.txt', version: 1, sequence: 1, previous: null });
    const updated = put(store, 'a.txt', 'h2', { title: 'New title' });
    expect(updated).toMatchObject({ kind: 'UPDATED', version: 2, sequence: 2 });
    expect(updated!.previous!.contentHash).toBe('h1');
    expect(store.get('a.txt')!.title).toBe('New title');
    const deleted = store.remove('a.txt');
    expect(deleted).toMatchObject({ kind: 'DELETED', version: 3, article: null });
    expect(store.get('a.txt')).toBeNull();
  });

  it('should treat the same content hash as no change', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1');
    expect(put(store, 'a.txt', 'h1')).toBeNull();
    expect(store.sequence).toBe(1);
    expect(store.remove('missing.txt')).toBeNull();
  });

  it('should keep counting versions when a deleted file comes back', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1');
    store.remove('a.txt');
    expect(put(store, 'a.txt', 'h1')).toMatchObject({ kind: 'CREATED', version: 3 });
  });

  it('should keep serving the last good article when its file turns bad, and say so', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1');
    store.recordProblem('a.txt', [problem], 'h-bad');
    expect(store.get('a.txt')!.contentHash).toBe('h1');
    expect(store.listProblems()).toMatchObject([{ sourcePath: 'a.txt', servingLastGood: true }]);
    store.clearProblem('a.txt');
    expect(store.listProblems()).toEqual([]);
    store.recordProblem('b.txt', [problem], null);
    expect(store.listProblems()).toMatchObject([{ sourcePath: 'b.txt', servingLastGood: false }]);
    expect(store.remove('b.txt')).toBeNull();
    expect(store.listProblems()).toEqual([]);
  });
});

describe('SeedStore lookups', () => {
  it('should give unique slugs to articles with the same title and resolve the bare title slug only when unambiguous', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1', { title: 'Same' });
    put(store, 'b.txt', 'h2', { title: 'Same' });
    put(store, 'c.txt', 'h3', { title: 'Other' });
    const [a, b] = [store.get('a.txt')!, store.get('b.txt')!];
    expect(a.slug).not.toBe(b.slug);
    expect(store.getBySlug(a.slug)).toBe(a);
    expect(store.getBySlug('same')).toBeNull();
    expect(store.getBySlug('other')!.sourcePath).toBe('c.txt');
  });

  it('should order and filter articles and intersect person and topic filters', () => {
    const store = new SeedStore();
    const ada = person('Ada Lovelace');
    const topic = { name: 'Engines', slug: 'engines', kind: 'SUBJECT' as const, score: 1 };
    put(store, 'b.txt', 'h1', { people: [ada], topics: [topic], wordCount: 10 });
    put(store, 'a.txt', 'h2', { people: [ada], wordCount: 30 });
    put(store, 'c.txt', 'h3', { topics: [topic], wordCount: 20 });
    expect(store.queryArticles().map((a) => a.id)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(store.queryArticles({}, 'WORD_COUNT_DESC').map((a) => a.id)).toEqual(['a.txt', 'c.txt', 'b.txt']);
    expect(store.queryArticles({ person: 'ada-lovelace' }).map((a) => a.id)).toEqual(['a.txt', 'b.txt']);
    expect(store.queryArticles({ person: 'ada-lovelace', topic: 'engines' }).map((a) => a.id)).toEqual(['b.txt']);
    expect(store.queryArticles({ person: 'nobody' })).toEqual([]);
  });

  it('should find articles by full-text search, and forget removed ones', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1', { title: 'Steam engines return', body: 'A story about boilers.' });
    put(store, 'b.txt', 'h2', { title: 'Markets fall', body: 'Shares slid on Monday.' });
    expect(store.queryArticles({ search: 'boilers' }, 'RELEVANCE').map((a) => a.id)).toEqual(['a.txt']);
    expect(store.queryArticles({ search: 'shares monday' }, 'RELEVANCE').map((a) => a.id)).toEqual(['b.txt']);
    store.remove('a.txt');
    expect(store.queryArticles({ search: 'boilers' }, 'RELEVANCE')).toEqual([]);
  });

  it('should index in the background without ever letting a search miss a change', () => {
    const store = new SeedStore();
    const topic = ['cranes', 'tugs', 'docks', 'buoys', 'locks'];
    for (let i = 0; i < 50; i++) put(store, `n${i}.txt`, `h${i}`, { title: `Note ${i}`, body: `Harbour report number ${i}, on ${topic[i % 5]}.` });
    // A tiny budget indexes some and leaves the rest waiting.
    const left = store.catchUpIndexes(0);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(150); // 50 changes each for people and topics, the search and the related index
    // A search catches up in full first: every article is found, none twice.
    expect(store.queryArticles({ search: 'harbour' }, 'RELEVANCE')).toHaveLength(50);
    // So does a related query: the nine other notes on cranes.
    expect(store.related('n0.txt', 100).map((h) => h.article.id).sort()).toEqual(['n10.txt', 'n15.txt', 'n20.txt', 'n25.txt', 'n30.txt', 'n35.txt', 'n40.txt', 'n45.txt', 'n5.txt']);
    // And so do the counts of people, topics and quotes.
    expect(store.stats()).toMatchObject({ articleCount: 50 });
    expect(store.indexBacklog).toBe(0);
    expect(store.catchUpIndexes(0)).toBe(0);
    // An edit replaces the old text, and a removal waiting in the queue hides the article at once.
    put(store, 'n1.txt', 'h1b', { title: 'Note 1', body: 'Now about ferries.' });
    store.remove('n2.txt');
    expect(store.queryArticles({ search: 'ferries' }, 'RELEVANCE').map((a) => a.id)).toEqual(['n1.txt']);
    expect(store.queryArticles({ search: 'harbour' }, 'RELEVANCE')).toHaveLength(48);
    expect(store.related('n7.txt', 100).map((h) => h.article.id)).toHaveLength(8);
    expect(store.related('n7.txt', 100).map((h) => h.article.id)).not.toContain('n2.txt');
  });
});

describe('SeedStore aggregates', () => {
  it('should merge one person across articles by canonical name, and keep same-surname people apart', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1', {
      people: [person('Ada Lovelace', { aliases: ['Lovelace'], roles: ['mathematician'], mentionCount: 3 }), person('Tom Lovelace')],
      quotes: [{ index: 0, text: 'Hello.', speaker: 'Ada Lovelace', attribution: 'she said', confidence: 0.9, sectionIndex: 0, paragraphIndex: 0 }],
    });
    put(store, 'b.txt', 'h2', { people: [person('Ada Lovelace', { aliases: ['Ms Lovelace'], mentionCount: 2 })] });
    const ada = store.getPerson('ada-lovelace')!;
    expect(ada.mentionCount).toBe(5);
    expect(ada.aliases).toEqual(['Lovelace', 'Ms Lovelace']);
    expect(ada.articles.map((a) => a.id)).toEqual(['a.txt', 'b.txt']);
    expect(store.getPerson('tom-lovelace')!.articles.map((a) => a.id)).toEqual(['a.txt']);
    expect(store.listQuotes('ada-lovelace').map((q) => q.id)).toEqual(['a.txt#0']);
    expect(store.listQuotes('tom-lovelace')).toEqual([]);
    expect(store.getQuote('a.txt#0')!.quote.text).toBe('Hello.');
    expect(store.getQuote('a.txt#7')).toBeNull();
    expect(store.stats()).toMatchObject({ articleCount: 2, personCount: 2, quoteCount: 1 });
  });

  it('should rebuild aggregates after a change', () => {
    const store = new SeedStore();
    put(store, 'a.txt', 'h1', { people: [person('Ada Lovelace')] });
    expect(store.listPeople().map((p) => p.slug)).toEqual(['ada-lovelace']);
    put(store, 'a.txt', 'h2', { people: [person('Charles Babbage')] });
    expect(store.listPeople().map((p) => p.slug)).toEqual(['charles-babbage']);
    expect(store.getPerson('ada-lovelace')).toBeNull();
  });

  it('should keep people, topics, quotes and counts right through edits and removals, article by article', () => {
    const store = new SeedStore();
    const topic = { name: 'Engines', slug: 'engines', kind: 'SUBJECT' as const, score: 1 };
    const quote = (index: number, text: string) => ({ index, text, speaker: 'Ada Lovelace', attribution: 'said', confidence: 0.9, sectionIndex: 0, paragraphIndex: 0 });
    put(store, 'a.txt', 'h1', { people: [person('Ada Lovelace', { mentionCount: 2 })], topics: [topic], quotes: [quote(0, 'One.')] });
    put(store, 'b.txt', 'h2', { people: [person('Ada Lovelace', { mentionCount: 3 })], topics: [topic], quotes: [quote(0, 'Two.')] });
    expect(store.listQuotes('ada-lovelace').map((q) => q.quote.text)).toEqual(['One.', 'Two.']); // now cached
    put(store, 'a.txt', 'h3', { people: [person('Ada Lovelace', { mentionCount: 1 })], topics: [topic], quotes: [quote(0, 'One, edited.'), quote(1, 'Three.')] });
    expect(store.listQuotes('ada-lovelace').map((q) => q.quote.text)).toEqual(['One, edited.', 'Three.', 'Two.']);
    expect(store.getPerson('ada-lovelace')!.mentionCount).toBe(4);
    expect(store.stats()).toMatchObject({ personCount: 1, topicCount: 1, quoteCount: 3 });
    store.remove('a.txt');
    expect(store.getPerson('ada-lovelace')).toMatchObject({ mentionCount: 3, articles: [expect.objectContaining({ id: 'b.txt' })] });
    expect(store.getTopic('engines')!.articles.map((a) => a.id)).toEqual(['b.txt']);
    expect(store.listQuotes().map((q) => q.id)).toEqual(['b.txt#0']);
    store.remove('b.txt');
    expect(store.getPerson('ada-lovelace')).toBeNull();
    expect(store.getTopic('engines')).toBeNull();
    expect(store.listPeople()).toEqual([]);
    expect(store.listTopics()).toEqual([]);
    expect(store.stats()).toMatchObject({ personCount: 0, topicCount: 0, quoteCount: 0 });
  });
});
