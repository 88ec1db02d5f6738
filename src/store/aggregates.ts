import type { ArticlePerson, ArticleTopic } from '../core/types.ts';
import type { PersonEntry, QuoteRef, StoredArticle, TopicEntry } from './model.ts';

interface Mention { article: StoredArticle; person: ArticlePerson }
interface TopicHit { article: StoredArticle; topic: ArticleTopic }

/**
 * People, topics and quotes across articles, kept up to date one article at a time. A change costs
 * work in proportion to that article's people and topics, and invalidates only the entries it touched,
 * so an event's `article { people { … } }` never waits for the whole store to be re-aggregated.
 * Like the search and related indexes, changes are applied later: every read applies what waits first, and
 * `catchUp` applies it in idle slices, so a load of thousands of articles never waits on it.
 */
export class Aggregates {
  /** Adds (+1) and removals (-1) not yet applied, in order. */
  #pending: StoredArticle[] = [];
  #signs: number[] = [];
  #next = 0;
  readonly #mentions = new Map<string, Map<string, Mention>>();
  readonly #topicHits = new Map<string, Map<string, TopicHit>>();
  readonly #people = new Map<string, PersonEntry>();
  readonly #topics = new Map<string, TopicEntry>();
  readonly #quotesBySpeaker = new Map<string, QuoteRef[]>();
  #peopleSorted: PersonEntry[] | null = null;
  #topicsSorted: TopicEntry[] | null = null;
  #quoteCount = 0;

  /** Adds an article's people, topics and quotes (applied later). */
  add(article: StoredArticle): void {
    this.#pending.push(article);
    this.#signs.push(1);
  }

  /** Removes what `add` added for this article (applied later). */
  remove(article: StoredArticle): void {
    this.#pending.push(article);
    this.#signs.push(-1);
  }

  /** Changes waiting to be applied. */
  get pendingCount(): number {
    return this.#pending.length - this.#next;
  }

  /** Applies waiting changes for at most `budgetMs`; returns how many are left. */
  catchUp(budgetMs = Infinity): number {
    if (this.#next === this.#pending.length) return 0; // every read comes here first: nothing to do is free
    const until = performance.now() + budgetMs;
    while (this.#next < this.#pending.length) {
      const i = this.#next++;
      if (this.#signs[i]! > 0) this.#add(this.#pending[i]!);
      else this.#remove(this.#pending[i]!);
      if (i % 16 === 15 && performance.now() >= until) break;
    }
    if (this.#next === this.#pending.length) {
      this.#pending = [];
      this.#signs = [];
      this.#next = 0;
    }
    return this.pendingCount;
  }

  #add(article: StoredArticle): void {
    for (const person of article.people) this.#touch(this.#mentions, person.slug).set(article.id, { article, person });
    for (const topic of article.topics) this.#touch(this.#topicHits, topic.slug).set(article.id, { article, topic });
    this.#changed(article);
  }

  #remove(article: StoredArticle): void {
    for (const person of article.people) this.#untouch(this.#mentions, person.slug, article.id);
    for (const topic of article.topics) this.#untouch(this.#topicHits, topic.slug, article.id);
    this.#changed(article, -1);
  }

  person(slug: string): PersonEntry | null {
    this.catchUp();
    const mentions = this.#mentions.get(slug);
    if (!mentions) return null;
    let entry = this.#people.get(slug);
    if (!entry) this.#people.set(slug, (entry = buildPerson(slug, [...mentions.values()])));
    return entry;
  }

  /** Every person, by name. */
  people(): PersonEntry[] {
    this.catchUp();
    return (this.#peopleSorted ??= [...this.#mentions.keys()].map((s) => this.person(s)!)
      .sort((a, b) => a.name.localeCompare(b.name) || compareText(a.slug, b.slug)));
  }

  topic(slug: string): TopicEntry | null {
    this.catchUp();
    const hits = this.#topicHits.get(slug);
    if (!hits) return null;
    let entry = this.#topics.get(slug);
    if (!entry) this.#topics.set(slug, (entry = buildTopic(slug, [...hits.values()])));
    return entry;
  }

  /** Every topic, most widely used first. */
  topics(): TopicEntry[] {
    this.catchUp();
    return (this.#topicsSorted ??= [...this.#topicHits.keys()].map((s) => this.topic(s)!)
      .sort((a, b) => b.articles.length - a.articles.length || compareText(a.slug, b.slug)));
  }

  /** One person's quotes, in source-path order. */
  quotesBy(slug: string): QuoteRef[] {
    this.catchUp();
    let quotes = this.#quotesBySpeaker.get(slug);
    if (!quotes) {
      const entry = this.person(slug);
      quotes = entry ? entry.articles.flatMap((article, i) => quotesOf(article).filter((q) => q.quote.speaker === entry.mentions[i]!.name)) : [];
      this.#quotesBySpeaker.set(slug, quotes);
    }
    return quotes;
  }

  get counts(): { people: number; topics: number; quotes: number } {
    this.catchUp();
    return { people: this.#mentions.size, topics: this.#topicHits.size, quotes: this.#quoteCount };
  }

  #changed(article: StoredArticle, sign = 1): void {
    for (const p of article.people) (this.#people.delete(p.slug), this.#quotesBySpeaker.delete(p.slug));
    for (const t of article.topics) this.#topics.delete(t.slug);
    this.#peopleSorted = this.#topicsSorted = null;
    this.#quoteCount += sign * article.quoteCount;
  }

  #touch<T>(index: Map<string, Map<string, T>>, slug: string): Map<string, T> {
    let byArticle = index.get(slug);
    if (!byArticle) index.set(slug, (byArticle = new Map()));
    return byArticle;
  }

  #untouch<T>(index: Map<string, Map<string, T>>, slug: string, articleId: string): void {
    const byArticle = index.get(slug);
    if (byArticle?.delete(articleId) && byArticle.size === 0) index.delete(slug);
  }
}

/** An article's quotes as refs. */
export function quotesOf(article: StoredArticle): QuoteRef[] {
  return article.quotes.map((quote) => ({ id: `${article.id}#${quote.index}`, article, quote }));
}

function buildPerson(slug: string, mentions: Mention[]): PersonEntry {
  mentions.sort((a, b) => compareText(a.article.id, b.article.id));
  const entry: PersonEntry = { slug, name: mentions[0]!.person.name, aliases: [], roles: [], mentionCount: 0, articles: [], mentions: [] };
  for (const { article, person } of mentions) {
    // Same slug, so the same name up to case and accents: keep the form with the most capitals/accents.
    if (richness(person.name) > richness(entry.name)) entry.name = person.name;
    entry.mentionCount += person.mentionCount;
    entry.articles.push(article);
    entry.mentions.push(person);
    for (const alias of person.aliases) if (!entry.aliases.includes(alias)) entry.aliases.push(alias);
    for (const role of person.roles) if (!entry.roles.includes(role)) entry.roles.push(role);
  }
  return entry;
}

function buildTopic(slug: string, hits: TopicHit[]): TopicEntry {
  hits.sort((a, b) => b.topic.score - a.topic.score || compareText(a.article.id, b.article.id));
  const first = hits[0]!.topic;
  return { slug, name: first.name, kind: first.kind, articles: hits.map((h) => h.article) };
}

function richness(name: string): number {
  return name.replace(/[a-z\s]/g, '').length;
}

/** Code-point order, so paths sort the same on every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
