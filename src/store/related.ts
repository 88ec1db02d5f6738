import type { Article } from '../core/types.ts';
import { articleTerms, packTerms, type PackedTerms } from '../core/terms.ts';

/** An article's counted terms, if known: as they are, or read when needed. */
type Terms = PackedTerms | (() => PackedTerms | undefined) | undefined;

/** A related article with its similarity, 0..1. */
export interface RelatedHit {
  id: string;
  score: number;
}

/** What the index reads of an article. */
type RelatedSource = Pick<Article, 'title' | 'body' | 'people' | 'topics'>;

interface Doc {
  id: string;
  terms: Uint32Array;
  /** The terms' counts in the article (capped at MAX_COUNT). */
  counts: Uint16Array;
}

/** Counts above this are capped: a posting packs a document slot and a count into one number. */
const MAX_COUNT = 4095;
const COUNT_SPAN = MAX_COUNT + 1;
/** Sublinear term frequency by count, 1 + ln(count), at float32 precision. */
const TF = Float32Array.from({ length: COUNT_SPAN }, (_, c) => 1 + Math.log(Math.max(1, c)));

/**
 * "More like this" over the whole store: tf-idf cosine similarity of articles' words, people and
 * topics, answered from an inverted index. Terms are interned as numbers, so an article costs a few
 * kilobytes; idf is read at query time, so an added article re-weights every other without a rebuild.
 * Like the full-text index, indexing is deferred: `put` and `remove` only note the change, which is applied
 * in idle slices (`catchUp`) or in full before the next `related`, so a load never waits on it.
 */
export class RelatedIndex {
  /** Changes not yet applied: the article (and its counted terms, if known) to index, or null to remove. */
  readonly #pending = new Map<string, { article: RelatedSource; terms: Terms } | null>();
  readonly #termIds = new Map<string, number>();
  /** Document frequency by term id. */
  #df = new Uint32Array(1024);
  /**
   * Postings by term id: for each document holding the term, `slot * COUNT_SPAN + count`. One small-integer
   * array per term, half the memory of separate slot and tf arrays (the index is the store's largest part).
   */
  readonly #postings: number[][] = [];
  readonly #docs: (Doc | null)[] = [];
  readonly #slotOf = new Map<string, number>();
  readonly #free: number[] = [];
  /** Vector norms by slot, valid while `#normEpoch[slot] === #epoch`. */
  #norms = new Float64Array(1024);
  #normEpoch = new Uint32Array(1024);
  #epoch = 1;

  /** Changes waiting to be applied. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /**
   * Adds or replaces the article stored under `id` (applied later); `terms` counted already (by a worker) skip
   * counting here, and may come as a function, called when applied (a cache hit reads them then).
   */
  put(id: string, article: RelatedSource, terms?: Terms): void {
    this.#pending.delete(id);
    this.#pending.set(id, { article, terms });
  }

  /** Removes the article stored under `id`, if any (applied later). */
  remove(id: string): void {
    this.#pending.delete(id);
    this.#pending.set(id, null);
  }

  /** Applies waiting changes for at most `budgetMs`; returns how many are left. */
  catchUp(budgetMs = Infinity): number {
    const until = performance.now() + budgetMs;
    let n = 0;
    for (const [id, change] of this.#pending) {
      this.#pending.delete(id);
      this.#remove(id);
      if (change) this.#put(id, change.article, change.terms);
      if (++n % 8 === 0 && performance.now() >= until) break;
    }
    return this.#pending.size;
  }

  #put(id: string, article: RelatedSource, given: Terms): void {
    const precomputed = typeof given === 'function' ? given() : given;
    const { words, counts } = precomputed ?? packTerms(articleTerms(article));
    const list = words ? words.split(' ') : [];
    const terms = new Uint32Array(list.length);
    const capped = new Uint16Array(list.length);
    for (let i = 0; i < list.length; i++) {
      terms[i] = this.#intern(list[i]!);
      capped[i] = Math.min(MAX_COUNT, Math.max(1, counts[i] ?? 1));
    }
    const slot = this.#free.pop() ?? this.#docs.length;
    this.#docs[slot] = { id, terms, counts: capped };
    this.#slotOf.set(id, slot);
    this.#grow(slot);
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      this.#df[t] = (this.#df[t] ?? 0) + 1;
      (this.#postings[t] ??= []).push(slot * COUNT_SPAN + capped[k]!);
    }
    this.#epoch++;
  }

  #remove(id: string): void {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return;
    const doc = this.#docs[slot];
    for (const t of doc?.terms ?? []) {
      this.#df[t] = (this.#df[t] ?? 1) - 1;
      const list = this.#postings[t];
      const at = list?.findIndex((p) => Math.floor(p / COUNT_SPAN) === slot) ?? -1;
      if (list && at >= 0) {
        list[at] = list[list.length - 1]!;
        list.pop();
      }
    }
    this.#docs[slot] = null;
    this.#slotOf.delete(id);
    this.#free.push(slot);
    this.#epoch++;
  }

  /** The `limit` articles most like `id`, best first; ties by id, so the order is stable. */
  related(id: string, limit: number): RelatedHit[] {
    this.catchUp();
    const slot = this.#slotOf.get(id);
    const doc = slot === undefined ? null : this.#docs[slot];
    if (slot === undefined || !doc || limit <= 0) return [];
    const n = this.#slotOf.size;
    // Terms in more than a fifth of the store barely move the ranking and cost the most to walk.
    const maxDf = Math.max(8, n * 0.2);
    const scores = new Map<number, number>();
    for (let i = 0; i < doc.terms.length; i++) {
      const t = doc.terms[i]!;
      const df = this.#df[t] ?? 0;
      if (df < 2 || df > maxDf) continue;
      const idf = Math.log(n / df);
      const q = TF[doc.counts[i]!]! * idf * idf;
      const list = this.#postings[t] ?? [];
      for (let k = 0; k < list.length; k++) {
        const other = Math.floor(list[k]! / COUNT_SPAN);
        if (other !== slot) scores.set(other, (scores.get(other) ?? 0) + q * TF[list[k]! - other * COUNT_SPAN]!);
      }
    }
    const self = this.#norm(slot);
    const hits: RelatedHit[] = [];
    for (const [other, dot] of scores) {
      const norm = this.#norm(other) * self;
      if (norm > 0) hits.push({ id: this.#docs[other]!.id, score: dot / norm });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return hits.slice(0, limit).map((h) => ({ id: h.id, score: Math.round(h.score * 1e4) / 1e4 }));
  }

  #norm(slot: number): number {
    if (this.#normEpoch[slot] === this.#epoch) return this.#norms[slot]!;
    const doc = this.#docs[slot]!;
    const n = this.#slotOf.size;
    let sum = 0;
    for (let i = 0; i < doc.terms.length; i++) {
      const df = this.#df[doc.terms[i]!] ?? 1;
      const w = TF[doc.counts[i]!]! * Math.log(n / Math.max(1, df));
      sum += w * w;
    }
    this.#norms[slot] = Math.sqrt(sum);
    this.#normEpoch[slot] = this.#epoch;
    return this.#norms[slot]!;
  }

  #intern(term: string): number {
    let id = this.#termIds.get(term);
    if (id === undefined) {
      id = this.#termIds.size;
      // A term split from an article's packed words is a slice of that whole string, and as a key would keep
      // it alive for good (every article's words, ~7 MB on BBC): the key is a copy of its own.
      this.#termIds.set(JSON.parse(JSON.stringify(term)) as string, id);
      if (id >= this.#df.length) {
        const df = new Uint32Array(this.#df.length * 2);
        df.set(this.#df);
        this.#df = df;
      }
    }
    return id;
  }

  #grow(slot: number): void {
    if (slot < this.#norms.length) return;
    const norms = new Float64Array(this.#norms.length * 2);
    norms.set(this.#norms);
    this.#norms = norms;
    const epochs = new Uint32Array(this.#normEpoch.length * 2);
    epochs.set(this.#normEpoch);
    this.#normEpoch = epochs;
  }
}
