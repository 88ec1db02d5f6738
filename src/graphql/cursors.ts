import type { ArticleOrder, PersonEntry, QuoteRef, StoredArticle, TopicEntry } from '../store/model.ts';
import { SeedStore } from '../store/seed-store.ts';
import { keysetCursors, offsetCursors, type CursorScheme } from './paginate.ts';

/** What an article cursor remembers: every field any sorted order compares. */
type ArticleKey = { p: string; t: string; u: number; w: number };

const isArticleKey = (k: unknown): k is ArticleKey =>
  isObject(k) && typeof k.p === 'string' && typeof k.t === 'string' && typeof k.u === 'number' && typeof k.w === 'number';

/** Cursors for `articles` in one order: keyset for sorted orders, offsets for RELEVANCE. */
export function articleCursors(order: ArticleOrder): CursorScheme<StoredArticle> {
  const compare = SeedStore.comparator(order);
  if (!compare) return offsetCursors(`articles:${order}`);
  return keysetCursors(
    `articles:${order}`,
    (a: StoredArticle): ArticleKey => ({ p: a.sourcePath, t: a.title, u: a.updatedAt.getTime(), w: a.wordCount }),
    // The store's own comparator, applied to a stand-in carrying only the compared fields.
    (a, k) => compare(a, { sourcePath: k.p, title: k.t, updatedAt: new Date(k.u), wordCount: k.w } as StoredArticle),
    isArticleKey,
  );
}

/** Cursors for article lists kept in source-path order (a person's articles). */
export const byPathCursors: CursorScheme<StoredArticle> = keysetCursors(
  'articles:SOURCE_PATH',
  (a: StoredArticle) => a.sourcePath,
  (a, p) => compareText(a.sourcePath, p),
  (k): k is string => typeof k === 'string',
);

/** Cursors for a topic's articles: most salient first, then by path (the store's stable sort). */
export function topicArticleCursors(topicSlug: string): CursorScheme<StoredArticle> {
  const score = (a: StoredArticle) => a.topics.find((t) => t.slug === topicSlug)?.score ?? 0;
  return keysetCursors(
    `topic-articles:${topicSlug}`,
    (a: StoredArticle): [number, string] => [score(a), a.sourcePath],
    (a, [s, p]) => s - score(a) || compareText(a.sourcePath, p),
    (k): k is [number, string] => Array.isArray(k) && typeof k[0] === 'number' && typeof k[1] === 'string',
  );
}

/** Cursors for quotes in store order: by article path, then position in the article. */
export const quoteCursors: CursorScheme<QuoteRef> = keysetCursors(
  'quotes',
  (q: QuoteRef): [string, number] => [q.article.sourcePath, q.quote.index],
  (q, [p, i]) => compareText(q.article.sourcePath, p) || q.quote.index - i,
  (k): k is [string, number] => Array.isArray(k) && typeof k[0] === 'string' && typeof k[1] === 'number',
);

/** Cursors for people by name, then slug (the order of `SeedStore.listPeople`). */
export const peopleCursors: CursorScheme<PersonEntry> = keysetCursors(
  'people',
  (p: PersonEntry): [string, string] => [p.name, p.slug],
  (p, [name, slug]) => p.name.localeCompare(name) || compareText(p.slug, slug),
  (k): k is [string, string] => Array.isArray(k) && typeof k[0] === 'string' && typeof k[1] === 'string',
);

/** Cursors for topics, most used first, then slug (the order of `SeedStore.listTopics`). */
export const topicCursors: CursorScheme<TopicEntry> = keysetCursors(
  'topics',
  (t: TopicEntry): [number, string] => [t.articles.length, t.slug],
  (t, [count, slug]) => count - t.articles.length || compareText(t.slug, slug),
  (k): k is [number, string] => Array.isArray(k) && typeof k[0] === 'number' && typeof k[1] === 'string',
);

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
