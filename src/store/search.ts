import Database from 'better-sqlite3';
import type { Article } from '../core/types.ts';
import { compareText } from './aggregates.ts';

/** A ranked full-text hit. */
export interface SearchHit {
  id: string;
  score: number;
}

/** How many documents `catchUp` indexes between two looks at the clock. */
const CLOCK_EVERY = 4;
/** Terms longer than this (in characters) match by prefix; as many characters or fewer match whole. */
const PREFIX_OVER = 3;
/** Terms longer than this get typo tolerance (edit distance 1) when the plain query finds nothing. */
const FUZZY_OVER = 5;
/** Terms longer than this get no typo variants: no word is that long, and variants grow with the length. */
const FUZZY_MAX_LENGTH = 32;
/** At most this many distinct query terms get typo variants: bounds the work one hostile query can cause. */
const FUZZY_MAX_TERMS = 8;
/** At most this many non-ASCII letters join a-z and 0-9 as the letters typo variants are made of. */
const MAX_EXTRA_LETTERS = 256;
const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Full-text index over title, body, people and topics, on SQLite FTS5 (better-sqlite3, one in-memory
 * database per index). FTS5 keeps a compact native inverted index off the JS heap, ranks with bm25
 * (title ×3, people ×2, topics ×2, body ×1) and answers prefix queries from the index itself.
 *
 * The table is contentless with `contentless_delete=1`: it keeps no copy of the text (the store holds the
 * articles, and we never ask FTS5 for snippets), yet a row can be deleted by rowid alone, whereas classic
 * contentless and external-content tables need the old text again to delete it. Every `put` gets a fresh
 * rowid (never reused), and the old row is deleted, so a replaced article keeps none of its old terms.
 *
 * Indexing is deferred: `put` and `remove` only note the change, and the index catches up either in
 * slices of idle time (`catchUp`, driven by the app after its initial load) or in full before any search,
 * so a search never misses an article the store holds.
 */
export class SearchIndex {
  readonly #db = new Database(':memory:');
  readonly #insert;
  readonly #delete;
  readonly #match;
  readonly #vocabHas;
  readonly #write;
  /** Changes not yet in the index: the article to index, or null to remove. */
  readonly #pending = new Map<string, Article | null>();
  readonly #rowids = new Map<string, number>();
  readonly #ids = new Map<number, string>();
  #nextRowid = 1;
  /** Non-ASCII letters (folded) seen in indexed text: with a-z and 0-9, what typo variants are made of. */
  readonly #extraLetters = new Set<string>();

  constructor() {
    this.#db.exec(`
      CREATE VIRTUAL TABLE docs USING fts5(
        title, body, people, topics,
        content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE vocab USING fts5vocab('docs', 'row');
    `);
    this.#insert = this.#db.prepare<[number, string, string, string, string]>(
      'INSERT INTO docs(rowid, title, body, people, topics) VALUES (?, ?, ?, ?, ?)');
    this.#delete = this.#db.prepare<[number]>('DELETE FROM docs WHERE rowid = ?');
    this.#match = this.#db.prepare<[string], [number, number]>(
      'SELECT rowid, bm25(docs, 3, 1, 2, 2) AS weight FROM docs WHERE docs MATCH ? ORDER BY weight, rowid').raw();
    // One lookup for a whole JSON array of candidate terms (fts5vocab answers `term = ?` from the index).
    this.#vocabHas = this.#db.prepare<[string], string>(
      'SELECT term FROM vocab WHERE term IN (SELECT value FROM json_each(?))').pluck();
    this.#write = this.#db.transaction((budgetMs: number) => this.#apply(budgetMs));
  }

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

  /** Indexes waiting changes for at most `budgetMs` (in one transaction); returns how many are left. */
  catchUp(budgetMs = Infinity): number {
    if (this.#pending.size > 0) this.#write(budgetMs);
    return this.#pending.size;
  }

  /**
   * Ranked hits for a free-text query, best first: every term must match, terms longer than 3 characters
   * by prefix; when that finds nothing, long terms absent from the index also match their one-typo neighbours.
   */
  search(query: string): SearchHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    this.catchUp();
    const hits = this.#run(terms.map(termExpr).join(' AND '));
    if (hits.length > 0) return hits;
    const fuzzy = this.#fuzzyExpr(terms);
    return fuzzy ? this.#run(fuzzy) : [];
  }

  /**
   * Indexes pending changes until the budget runs out; runs inside the `#write` transaction. The JS maps
   * change only once every statement has run, so a failed write (rolled back) leaves them as they were.
   */
  #apply(budgetMs: number): void {
    const until = performance.now() + budgetMs;
    const done: [string, number | null][] = [];
    for (const [id, article] of this.#pending) {
      const old = this.#rowids.get(id);
      if (old !== undefined) this.#delete.run(old);
      let rowid: number | null = null;
      if (article) {
        rowid = this.#nextRowid++;
        const people = article.people.map((p) => [p.name, ...p.aliases].join(' ')).join(' ');
        const topics = article.topics.map((t) => t.name).join(' ');
        this.#insert.run(rowid, article.title, article.body, people, topics);
        for (const text of [article.title, article.body, people, topics]) this.#noteLetters(text);
      }
      done.push([id, rowid]);
      if (done.length % CLOCK_EVERY === 0 && performance.now() >= until) break;
    }
    for (const [id, rowid] of done) {
      this.#pending.delete(id);
      const old = this.#rowids.get(id);
      if (old !== undefined) this.#ids.delete(old);
      if (rowid === null) {
        this.#rowids.delete(id);
      } else {
        this.#rowids.set(id, rowid);
        this.#ids.set(rowid, id);
      }
    }
  }

  #run(expr: string): SearchHit[] {
    const hits: SearchHit[] = [];
    // bm25 is lower for better matches: the score is its negation, so higher is better.
    for (const [rowid, weight] of this.#match.all(expr)) {
      const id = this.#ids.get(rowid);
      if (id !== undefined) hits.push({ id, score: -weight });
    }
    // Equal scores by path, not by when each article happened to be indexed (the order a load finished them):
    // the hits come best first, so only runs of equal scores are sorted, not the whole list.
    for (let start = 0, end = 1; start < hits.length; start = end++) {
      while (end < hits.length && hits[end]!.score === hits[start]!.score) end++;
      if (end - start > 1) {
        const run = hits.slice(start, end).sort((a, b) => compareText(a.id, b.id));
        hits.splice(start, run.length, ...run);
      }
    }
    return hits;
  }

  /**
   * The query again with each long term that is not in the index widened to an OR of itself and the indexed
   * terms one edit away; null when no term can be widened. The candidates (deletions, transpositions, and
   * substitutions and insertions over a-z, 0-9 and the letters seen) are checked against the fts5vocab table
   * in one `IN` query: ~700 index lookups for an 8-letter term, a few ms, paid only by queries that found
   * nothing. A JS set of the vocabulary would be faster, but would put the vocabulary back on the heap.
   */
  #fuzzyExpr(terms: string[]): string | null {
    const letters = [...ASCII_LETTERS, ...this.#extraLetters];
    const variants = new Map<string, string[]>();
    for (const term of terms) {
      if (variants.size >= FUZZY_MAX_TERMS) break;
      const length = [...term].length;
      if (length > FUZZY_OVER && length <= FUZZY_MAX_LENGTH) variants.set(term, oneEditAway(term, letters));
    }
    if (variants.size === 0) return null;
    const candidates = new Set<string>();
    for (const [term, vs] of variants) {
      candidates.add(term);
      for (const v of vs) candidates.add(v);
    }
    const known = new Set(this.#vocabHas.all(JSON.stringify([...candidates])));
    let widened = false;
    const expr = terms.map((term) => {
      const found = known.has(term) ? [] : (variants.get(term) ?? []).filter((v) => known.has(v));
      if (found.length === 0) return termExpr(term);
      widened = true;
      return `(${[termExpr(term), ...found.map(quote)].join(' OR ')})`;
    });
    return widened ? expr.join(' AND ') : null;
  }

  /** Records the non-ASCII letters of indexed text (a fast no-op for ASCII text). */
  #noteLetters(text: string): void {
    if (this.#extraLetters.size >= MAX_EXTRA_LETTERS || !/[^\x00-\x7f]/.test(text)) return;
    for (const [ch] of text.matchAll(/[^\x00-\x7f]/gu)) {
      const folded = fold(ch);
      if (/^[\p{L}\p{N}]$/u.test(folded) && !ASCII_LETTERS.includes(folded)) this.#extraLetters.add(folded);
      if (this.#extraLetters.size >= MAX_EXTRA_LETTERS) return;
    }
  }
}

/** Lower case without combining diacritics, as `unicode61 remove_diacritics 2` folds (near enough). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
}

/**
 * The distinct terms of free user text: folded runs of letters and digits (marks kept inside a run).
 * Punctuation, quotes, operators and column filters are only separators here, so nothing of FTS5's query
 * syntax gets through.
 */
function queryTerms(query: string): string[] {
  return [...new Set(fold(query).match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu))];
}

/** A term as an FTS5 string, so the query parser never reads it as syntax. */
function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * A query term: a quoted string, with prefix matching when longer than PREFIX_OVER characters. An English
 * plural also matches its singular whole (`pensions` finds `pension`, `companies` finds `company`), which
 * prefix matching alone never does; the index itself stays unstemmed, so typo variants still meet its words.
 */
function termExpr(term: string): string {
  const self = [...term].length > PREFIX_OVER ? `${quote(term)}*` : quote(term);
  const singular = singularOf(term);
  return singular ? `(${self} OR ${quote(singular)})` : self;
}

/** The singular of a plural-looking term of 5+ letters (`-ies` → `-y`, `-xes`/`-ches`… → drop `-es`, `-s`), or null. */
function singularOf(term: string): string | null {
  if (term.length < 5 || !/[a-z]s$/.test(term) || /(ss|us|is)$/.test(term)) return null;
  if (term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  if (/(x|z|ch|sh|ss)es$/.test(term)) return term.slice(0, -2);
  return term.slice(0, -1);
}

/** Every string one deletion, transposition, substitution or insertion (over `letters`) away from `term`. */
function oneEditAway(term: string, letters: readonly string[]): string[] {
  const cs = [...term];
  const heads = cs.map((_, i) => cs.slice(0, i).join(''));
  const tails = cs.map((_, i) => cs.slice(i).join(''));
  const at = (i: number, insert: string, skip: number) => (heads[i] ?? term) + insert + (tails[i + skip] ?? '');
  const out = new Set<string>();
  for (let i = 0; i < cs.length; i++) {
    out.add(at(i, '', 1));
    if (i + 1 < cs.length && cs[i] !== cs[i + 1]) out.add(at(i, cs[i + 1]! + cs[i]!, 2));
    for (const l of letters) if (l !== cs[i]) out.add(at(i, l, 1));
  }
  for (let i = 0; i <= cs.length; i++) for (const l of letters) out.add(at(i, l, 0));
  out.delete(term);
  return [...out];
}
