import MiniSearch from 'minisearch';
import type { Article } from '../core/types.ts';

/** What the full-text index holds of one article. */
interface SearchDoc {
  id: string;
  title: string;
  body: string;
  people: string;
  topics: string;
}

/** A ranked full-text hit. */
export interface SearchHit {
  id: string;
  score: number;
}

/**
 * Full-text index over title, body, people and topics.
 * Indexing is deferred: `put` and `remove` only note the change, and the index catches up either in
 * slices of idle time (`catchUp`, driven by the app after its initial load) or in full before any search,
 * so a search never misses an article the store holds. MiniSearch's `discard` keeps removal O(1); its
 * auto-vacuum reclaims the space later, so an edit burst never rebuilds the index.
 */
export class SearchIndex {
  readonly #index = new MiniSearch<SearchDoc>({
    fields: ['title', 'body', 'people', 'topics'],
    searchOptions: {
      boost: { title: 3, people: 2, topics: 2 },
      prefix: (term) => term.length > 3,
      fuzzy: (term) => (term.length > 5 ? 0.15 : false),
      combineWith: 'AND',
    },
  });
  /** Changes not yet in the index: the article to index, or null to remove. */
  readonly #pending = new Map<string, Article | null>();

  /** Adds or replaces the article stored under `id` (indexed later, before the next search). */
  put(id: string, article: Article): void {
    this.#pending.delete(id);
    this.#pending.set(id, article);
  }

  /** Removes the article stored under `id`, if any. */
  remove(id: string): void {
    this.#pending.delete(id);
    this.#pending.set(id, null);
  }

  /** Changes waiting to be indexed. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Indexes waiting changes for at most `budgetMs`; returns how many are left. */
  catchUp(budgetMs = Infinity): number {
    const until = performance.now() + budgetMs;
    for (const [id, article] of this.#pending) {
      this.#pending.delete(id);
      if (this.#index.has(id)) this.#index.discard(id);
      if (article) {
        this.#index.add({
          id,
          title: article.title,
          body: article.body,
          people: article.people.map((p) => [p.name, ...p.aliases].join(' ')).join(' '),
          topics: article.topics.map((t) => t.name).join(' '),
        });
      }
      if (performance.now() >= until) break;
    }
    return this.#pending.size;
  }

  /** Ranked hits for a free-text query: every term must match (prefix and light fuzziness allowed). */
  search(query: string): SearchHit[] {
    if (!query.trim()) return [];
    this.catchUp();
    return this.#index.search(query).map((r) => ({ id: String(r.id), score: r.score }));
  }
}
