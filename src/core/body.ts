import type { PackedTerms } from './terms.ts';
import type { Article, Diagnostic, Extraction, Section } from './types.ts';

/** An article's body text: its sections' headings and paragraphs, joined by blank lines. */
export function bodyOf(sections: readonly Section[]): string {
  return sections.flatMap((s) => (s.heading ? [s.heading, ...s.paragraphs] : s.paragraphs)).join('\n\n');
}

/** An extraction as it travels and is cached: the body left out, since `bodyOf(sections)` gives it back. */
export type CompactExtraction = Omit<Extraction, 'article'> & { article: Omit<Article, 'body'> | null };

/** Leaves the body out of an extraction (a third of its size). */
export function compact(extraction: Extraction): CompactExtraction {
  if (!extraction.article) return extraction;
  const { body: _body, ...article } = extraction.article;
  return { ...extraction, article };
}

/** What a cache hit gives when first asked for: the bulk of an article, and its counted vocabulary. */
export type ArticleRest = Pick<Article, DeferredField> & { terms?: PackedTerms };

/** The fields of an article a cache hit reads on first use. */
export type DeferredField = 'sections' | 'quotes' | 'people' | 'topics';

/** An article without its deferred fields (its quotes counted): what a cache hit gives at once. */
export type ArticleHead = Omit<Article, 'body' | DeferredField> & { quoteCount: number };

/**
 * A cached extraction: the head at once, the rest read from its bytes on the first call of `rest` (the
 * same object on every call). A warm start parses only heads: what lists, orders and counts need.
 */
export interface DeferredExtraction {
  article: ArticleHead | null;
  diagnostics: Diagnostic[];
  rest: () => ArticleRest;
}
