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
 * MiniSearch's `discard` keeps removal O(1); its auto-vacuum reclaims the space later, so an
 * edit burst never rebuilds the index.
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

  /** Adds or replaces the article stored under `id`. */
  put(id: string, article: Article): void {
    if (this.#index.has(id)) this.#index.discard(id);
    this.#index.add({
      id,
      title: article.title,
      body: article.body,
      people: article.people.map((p) => [p.name, ...p.aliases].join(' ')).join(' '),
      topics: article.topics.map((t) => t.name).join(' '),
    });
  }

  /** Removes the article stored under `id`, if any. */
  remove(id: string): void {
    if (this.#index.has(id)) this.#index.discard(id);
  }

  /** Ranked hits for a free-text query: every term must match (prefix and light fuzziness allowed). */
  search(query: string): SearchHit[] {
    if (!query.trim()) return [];
    return this.#index.search(query).map((r) => ({ id: String(r.id), score: r.score }));
  }
}
