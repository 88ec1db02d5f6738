import type { Article, Extraction, Section } from './types.ts';

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
