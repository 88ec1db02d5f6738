import { createHash } from 'node:crypto';
import { bodyOf, type ArticleHead, type ArticleRest, type DeferredField } from '../core/body.ts';
import type { PackedTerms } from '../core/terms.ts';
import type { Article, Diagnostic } from '../core/types.ts';
import { Aggregates, compareText, quotesOf } from './aggregates.ts';
import type {
  ArticleFilter, ArticleOrder, Change, FileProblem, PersonEntry, QuoteRef, StoreStats, StoredArticle, TopicEntry,
} from './model.ts';
import { RelatedIndex } from './related.ts';
import { SearchIndex } from './search.ts';

type Bulk = Pick<Article, DeferredField>;

/** An article's sections, quotes, people and topics: as given, or read with `rest` on first use (then let go). */
function bulkOf(given: Bulk | (() => ArticleRest) | undefined, sourcePath: string): () => Bulk {
  if (!given) throw new TypeError(`upsert of ${sourcePath}: no sections, quotes, people and topics, and no rest to read them from`);
  if (typeof given !== 'function') return () => given;
  let rest: (() => ArticleRest) | null = given;
  let bulk: Bulk | null = null;
  return () => {
    if (!bulk) {
      const { sections, quotes, people, topics } = rest!();
      bulk = { sections, quotes, people, topics };
      rest = null;
    }
    return bulk;
  };
}

/**
 * An article as the store keeps it: its head's fields as data; its sections, quotes, people and topics (read
 * on first use when a cache hit deferred them) and its body (derived from the sections, not kept twice)
 * through getters on the prototype. A class, not an object literal with getters: V8 builds a literal with
 * accessors one property at a time, and that was most of an upsert.
 */
class Stored implements StoredArticle {
  readonly sourcePath: string;
  readonly format: Article['format'];
  readonly title: string;
  readonly byline: string | null;
  readonly dateline: string | null;
  readonly publishedAt: string | null;
  readonly tags: string[];
  readonly titleSlug: string;
  readonly caption: string | null;
  readonly credit: string | null;
  readonly wordCount: number;
  readonly quoteCount: number;
  readonly id: string;
  readonly slug: string;
  readonly contentHash: string;
  readonly version: number;
  readonly updatedAt: Date;
  readonly diagnostics: Diagnostic[];
  readonly #bulk: () => Bulk;

  constructor(head: Omit<Article, 'body' | DeferredField>, quoteCount: number, bulk: () => Bulk, meta: Pick<StoredArticle, 'sourcePath' | 'slug' | 'contentHash' | 'version' | 'updatedAt' | 'diagnostics'>) {
    this.sourcePath = meta.sourcePath;
    this.format = head.format;
    this.title = head.title;
    this.byline = head.byline;
    this.dateline = head.dateline;
    this.publishedAt = head.publishedAt;
    this.tags = head.tags;
    this.titleSlug = head.titleSlug;
    this.caption = head.caption;
    this.credit = head.credit;
    this.wordCount = head.wordCount;
    this.quoteCount = quoteCount;
    this.id = meta.sourcePath;
    this.slug = meta.slug;
    this.contentHash = meta.contentHash;
    this.version = meta.version;
    this.updatedAt = meta.updatedAt;
    this.diagnostics = meta.diagnostics;
    this.#bulk = bulk;
  }

  get sections(): Article['sections'] {
    return this.#bulk().sections;
  }

  get quotes(): Article['quotes'] {
    return this.#bulk().quotes;
  }

  get people(): Article['people'] {
    return this.#bulk().people;
  }

  get topics(): Article['topics'] {
    return this.#bulk().topics;
  }

  get body(): string {
    return bodyOf(this.sections);
  }

  /** Every field, the read-on-first-use ones and the body included, as a plain object literal would give. */
  toJSON(): Article & Omit<StoredArticle, keyof Article> {
    return { ...this, sections: this.sections, quotes: this.quotes, people: this.people, topics: this.topics, body: this.body };
  }
}

/** Input to `upsert`: one successfully extracted file. */
export interface UpsertInput {
  sourcePath: string;
  contentHash: string;
  /**
   * The extraction's article; its body is derived from the sections (given or not, it is not kept twice).
   * Without sections, quotes (but with their count), people and topics when `rest` gives them on first use.
   */
  article: (Omit<Article, 'body'> & { body?: string }) | ArticleHead;
  /** The article's sections, quotes, people and topics (and vocabulary), read on first use: for an `article` without them. */
  rest?: () => ArticleRest;
  diagnostics: Diagnostic[];
  /** When the content last changed (the file's mtime); defaults to the time of the upsert. */
  updatedAt?: Date;
  /** The article's vocabulary for related articles (`articleTerms`), when already counted off the main thread. */
  terms?: PackedTerms;
}

const ORDERS: Record<Exclude<ArticleOrder, 'RELEVANCE'>, (a: StoredArticle, b: StoredArticle) => number> = {
  SOURCE_PATH: (a, b) => compareText(a.sourcePath, b.sourcePath),
  TITLE: (a, b) => a.title.localeCompare(b.title) || compareText(a.sourcePath, b.sourcePath),
  UPDATED_AT_DESC: (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || compareText(a.sourcePath, b.sourcePath),
  WORD_COUNT_DESC: (a, b) => b.wordCount - a.wordCount || compareText(a.sourcePath, b.sourcePath),
};

/**
 * The in-memory seed store: articles by id, path and slug; people, topics and quotes across articles;
 * full-text search; file problems. It alone decides whether something changed: an upsert with the
 * content hash already served is no change. Reads are derived lazily and cached until the next change.
 */
export class SeedStore {
  readonly #articles = new Map<string, StoredArticle>();
  readonly #bySlug = new Map<string, StoredArticle>();
  /** Last version of each deleted path, so a re-created file keeps counting up. */
  readonly #tombstones = new Map<string, number>();
  readonly #problems = new Map<string, FileProblem>();
  readonly #search = new SearchIndex();
  readonly #related = new RelatedIndex();
  readonly #sorted = new Map<ArticleOrder, StoredArticle[]>();
  readonly #agg = new Aggregates();
  #allQuotes: QuoteRef[] | null = null;
  #sequence = 0;
  /** Bumped by every change a reader could see: articles, and file problems too (which have no sequence). */
  #revision = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Applies an extracted file; returns the change, or null when the served content is identical. */
  upsert(input: UpsertInput): Change | null {
    const previous = this.#articles.get(input.sourcePath) ?? null;
    if (this.#problems.delete(input.sourcePath)) this.#revision++;
    if (previous && previous.contentHash === input.contentHash) return null;
    const now = this.clock();
    const version = (previous?.version ?? this.#tombstones.get(input.sourcePath) ?? 0) + 1;
    const { body: _body, sections, quotes, people, topics, quoteCount, ...head } = input.article as Partial<Article> & Partial<ArticleHead> & Pick<Article, 'titleSlug'>;
    const given = sections && quotes && people && topics ? { sections, quotes, people, topics } : input.rest;
    const article: StoredArticle = new Stored(head as Omit<Article, 'body' | DeferredField>, quoteCount ?? quotes!.length, bulkOf(given, input.sourcePath), {
      sourcePath: input.sourcePath,
      slug: `${input.article.titleSlug}-${shortHash(input.sourcePath)}`,
      contentHash: input.contentHash,
      version,
      updatedAt: input.updatedAt ?? now,
      diagnostics: input.diagnostics,
    });
    if (previous) {
      this.#bySlug.delete(previous.slug);
      this.#agg.remove(previous);
    }
    this.#agg.add(article);
    this.#articles.set(article.id, article);
    this.#bySlug.set(article.slug, article);
    this.#tombstones.delete(article.id);
    this.#search.put(article.id, article);
    const { rest } = input;
    this.#related.put(article.id, article, input.terms ?? (rest && given === rest ? () => rest().terms : undefined));
    return this.#changed({ kind: previous ? 'UPDATED' : 'CREATED', article, previous, version, now });
  }

  /** Removes the article of a file that is gone; returns the change, or null when there was none. */
  remove(sourcePath: string): Change | null {
    if (this.#problems.delete(sourcePath)) this.#revision++;
    const previous = this.#articles.get(sourcePath);
    if (!previous) return null;
    const now = this.clock();
    const version = previous.version + 1;
    this.#articles.delete(sourcePath);
    this.#bySlug.delete(previous.slug);
    this.#tombstones.set(sourcePath, version);
    this.#search.remove(sourcePath);
    this.#related.remove(sourcePath);
    this.#agg.remove(previous);
    return this.#changed({ kind: 'DELETED', article: null, previous, version, now });
  }

  /**
   * Records why a file yields no article. An article already served from that path stays served
   * (a half-written or briefly unreadable file must not take a good article away); the problem says so.
   */
  recordProblem(sourcePath: string, diagnostics: Diagnostic[], contentHash: string | null): void {
    const current = this.#articles.get(sourcePath);
    if (current && contentHash !== null && current.contentHash === contentHash) return;
    this.#revision++;
    const existing = this.#problems.get(sourcePath);
    this.#problems.set(sourcePath, {
      sourcePath,
      diagnostics,
      contentHash,
      since: existing && existing.contentHash === contentHash ? existing.since : this.clock(),
      servingLastGood: current !== undefined,
    });
  }

  /** Forgets a file's problem: its bytes are again those of the article being served. */
  clearProblem(sourcePath: string): void {
    if (this.#problems.delete(sourcePath)) this.#revision++;
  }

  /** The content hash currently served for a path, to skip re-extracting unchanged bytes. */
  hashOf(sourcePath: string): string | null {
    return this.#articles.get(sourcePath)?.contentHash ?? null;
  }

  get(id: string): StoredArticle | null {
    return this.#articles.get(id) ?? null;
  }

  /** Many articles in one lookup (null where there is none), in the order asked: for batched loaders. */
  getMany(ids: readonly string[]): (StoredArticle | null)[] {
    return ids.map((id) => this.#articles.get(id) ?? null);
  }

  /** Many people by slug in one lookup (null where there is none), in the order asked. */
  getPeople(slugs: readonly string[]): (PersonEntry | null)[] {
    return slugs.map((slug) => this.#agg.person(slug));
  }

  /** Many topics by slug in one lookup (null where there is none), in the order asked. */
  getTopics(slugs: readonly string[]): (TopicEntry | null)[] {
    return slugs.map((slug) => this.#agg.topic(slug));
  }

  /** Looks up by the unique slug, or by the bare title slug when exactly one article has it. */
  getBySlug(slug: string): StoredArticle | null {
    const exact = this.#bySlug.get(slug);
    if (exact) return exact;
    const byTitle = [...this.#articles.values()].filter((a) => a.titleSlug === slug);
    return byTitle.length === 1 ? byTitle[0]! : null;
  }

  /** Articles matching every given filter, in the given order (RELEVANCE needs a search). */
  queryArticles(filter: ArticleFilter = {}, order: ArticleOrder = 'SOURCE_PATH'): StoredArticle[] {
    const search = filter.search?.trim();
    const keep = this.#filterSet(filter);
    if (search) {
      const hits = this.#search.search(search).map((h) => this.#articles.get(h.id)!).filter((a) => a && (!keep || keep.has(a.id)));
      return order === 'RELEVANCE' ? hits : hits.sort(ORDERS[order]);
    }
    const sortOrder = order === 'RELEVANCE' ? 'SOURCE_PATH' : order;
    if (!keep) return this.#sortedBy(sortOrder);
    // A person's or topic's articles are few next to the store: sort those, never scan the whole store.
    return [...keep].map((id) => this.#articles.get(id)!).filter(Boolean).sort(ORDERS[sortOrder]);
  }

  /** Up to `limit` articles most like `id` (shared words, people and topics), best first, with similarity 0..1. */
  related(id: string, limit: number): { article: StoredArticle; score: number }[] {
    return this.#related.related(id, limit).flatMap((h) => {
      const article = this.#articles.get(h.id);
      return article ? [{ article, score: h.score }] : [];
    });
  }

  /** The comparator behind an order, for cursor pagination over `queryArticles`. */
  static comparator(order: ArticleOrder): ((a: StoredArticle, b: StoredArticle) => number) | null {
    return order === 'RELEVANCE' ? null : ORDERS[order];
  }

  getPerson(slug: string): PersonEntry | null {
    return this.#agg.person(slug);
  }

  /** Every person across the store, ordered by name. */
  listPeople(): PersonEntry[] {
    return this.#agg.people();
  }

  getTopic(slug: string): TopicEntry | null {
    return this.#agg.topic(slug);
  }

  /** Every topic, most widely used first. */
  listTopics(): TopicEntry[] {
    return this.#agg.topics();
  }

  /** Quotes across the store in source-path order, optionally only those by one person (slug). */
  listQuotes(speaker?: string | null): QuoteRef[] {
    if (speaker) return this.#agg.quotesBy(speaker);
    return (this.#allQuotes ??= this.#sortedBy('SOURCE_PATH').flatMap(quotesOf));
  }

  getQuote(id: string): QuoteRef | null {
    const cut = id.lastIndexOf('#');
    const article = this.#articles.get(id.slice(0, cut));
    const quote = article?.quotes[Number(id.slice(cut + 1))];
    return article && quote ? { id, article, quote } : null;
  }

  /** Files that yield no article, ordered by path. */
  listProblems(): FileProblem[] {
    return [...this.#problems.values()].sort((a, b) => compareText(a.sourcePath, b.sourcePath));
  }

  stats(): StoreStats {
    const counts = this.#agg.counts;
    return {
      articleCount: this.#articles.size,
      personCount: counts.people,
      topicCount: counts.topics,
      quoteCount: counts.quotes,
      problemCount: this.#problems.size,
      sequence: this.#sequence,
    };
  }

  /**
   * Brings the derived indexes (people and topics, full-text search, related articles) up to date for at most `budgetMs` (the app
   * calls this in idle slices after a load); returns the changes still waiting. A search or a related query
   * catches its index up in full first, so this only moves work earlier, off the load and the query.
   */
  catchUpIndexes(budgetMs: number): number {
    const until = performance.now() + budgetMs;
    const left = () => Math.max(0, until - performance.now());
    const people = this.#agg.catchUp(budgetMs);
    const search = this.#search.catchUp(left());
    return people + search + this.#related.catchUp(left());
  }

  /** Changes not yet in the derived indexes (queries that need them catch up first). */
  get indexBacklog(): number {
    return this.#agg.pendingCount + this.#search.pendingCount + this.#related.pendingCount;
  }

  get sequence(): number {
    return this.#sequence;
  }

  /** Changes with every change any query could see: a cache keyed by it never serves a stale answer. */
  get revision(): number {
    return this.#revision;
  }

  #changed(c: Pick<Change, 'kind' | 'article' | 'previous' | 'version'> & { now: Date }): Change {
    this.#revision++;
    this.#sorted.clear();
    this.#allQuotes = null;
    const sourcePath = (c.article ?? c.previous)!.sourcePath;
    return { kind: c.kind, articleId: sourcePath, sourcePath, version: c.version, sequence: ++this.#sequence,
      changedAt: c.now, article: c.article, previous: c.previous };
  }

  #sortedBy(order: Exclude<ArticleOrder, 'RELEVANCE'>): StoredArticle[] {
    let list = this.#sorted.get(order);
    if (!list) this.#sorted.set(order, (list = [...this.#articles.values()].sort(ORDERS[order])));
    return list;
  }

  #filterSet(filter: ArticleFilter): Set<string> | null {
    const sets: Set<string>[] = [];
    if (filter.person) sets.push(new Set(this.getPerson(filter.person)?.articles.map((a) => a.id)));
    if (filter.topic) sets.push(new Set(this.getTopic(filter.topic)?.articles.map((a) => a.id)));
    if (!sets.length) return null;
    return sets.reduce((acc, s) => new Set([...acc].filter((id) => s.has(id))));
  }
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 6);
}
