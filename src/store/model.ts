import type { Article, ArticlePerson, ArticleTopic, Diagnostic, Quote } from '../core/types.ts';

/** An article as the store serves it: the core's Article plus identity and history. */
export interface StoredArticle extends Article {
  /** Internal id: the source path. Stable across restarts; the Relay global id wraps it. */
  id: string;
  /** Unique public slug: the title slug plus a short hash of the source path. */
  slug: string;
  /** sha256 of the file's bytes. */
  contentHash: string;
  /** 1 when first seen; +1 on every change, deletions included (kept across delete/re-create). */
  version: number;
  /** When the served content last changed: the file's modification time. */
  updatedAt: Date;
  /** Content diagnostics (warnings) of the version being served. */
  diagnostics: Diagnostic[];
  /** How many quotes (`quotes.length`, known without reading them). */
  quoteCount: number;
}

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** What one applied change did; `null` from the store means nothing changed. */
export interface Change {
  kind: ChangeKind;
  articleId: string;
  sourcePath: string;
  /** The article's version after the change. */
  version: number;
  /** Store-wide sequence number of this change: strictly increasing, the future resume cursor. */
  sequence: number;
  changedAt: Date;
  article: StoredArticle | null;
  previous: StoredArticle | null;
}

/** A file that yields no article (or no new one): its reasons, queryable on `seedStore`. */
export interface FileProblem {
  sourcePath: string;
  diagnostics: Diagnostic[];
  contentHash: string | null;
  since: Date;
  /** True when an older good version of this file is still being served. */
  servingLastGood: boolean;
}

/** One person aggregated across every article that mentions them. */
export interface PersonEntry {
  slug: string;
  name: string;
  aliases: string[];
  roles: string[];
  mentionCount: number;
  /** Articles mentioning the person, ordered by source path. */
  articles: StoredArticle[];
  /** Per-article view, same order as `articles`. */
  mentions: ArticlePerson[];
}

/** One topic aggregated across the store. */
export interface TopicEntry {
  slug: string;
  name: string;
  kind: ArticleTopic['kind'];
  /** Articles with the topic, most salient first. */
  articles: StoredArticle[];
}

/** A quote with the article it stands in. */
export interface QuoteRef {
  /** `${articleId}#${quote.index}`. */
  id: string;
  article: StoredArticle;
  quote: Quote;
}

export type ArticleOrder = 'SOURCE_PATH' | 'TITLE' | 'UPDATED_AT_DESC' | 'WORD_COUNT_DESC' | 'RELEVANCE';

export interface ArticleFilter {
  search?: string | null;
  /** Person slug. */
  person?: string | null;
  /** Topic slug. */
  topic?: string | null;
}

export interface StoreStats {
  articleCount: number;
  personCount: number;
  topicCount: number;
  quoteCount: number;
  problemCount: number;
  sequence: number;
}
