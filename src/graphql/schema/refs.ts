import type { ArticleTopic, Diagnostic, Section } from '../../core/types.ts';
import type { FileProblem, PersonEntry, QuoteRef as StoredQuote, StoredArticle, TopicEntry } from '../../store/model.ts';
import { builder } from '../builder.ts';

// Refs only, implemented by the type files: each type file imports these instead of its siblings, so the
// type files never import one another (circular imports through the builder are the classic Pothos failure).

/** A section with the article it belongs to, so it can link back. */
export interface SectionModel {
  article: StoredArticle;
  section: Section;
}

/** Article ref: backed by the store's article. */
export const ArticleRef = builder.objectRef<StoredArticle>('Article');
/** Section ref. */
export const SectionRef = builder.objectRef<SectionModel>('Section');
/** Quote ref: backed by the store's quote with its article. */
export const QuoteRef = builder.objectRef<StoredQuote>('Quote');
/** Person ref: backed by the store-wide aggregate. */
export const PersonRef = builder.objectRef<PersonEntry>('Person');
/** Topic ref: backed by the store-wide aggregate. */
export const TopicRef = builder.objectRef<TopicEntry>('Topic');
/** Diagnostic ref. */
export const DiagnosticRef = builder.objectRef<Diagnostic>('Diagnostic');
/** FileProblem ref. */
export const FileProblemRef = builder.objectRef<FileProblem>('FileProblem');
/** An article's topic with its salience there. */
export const ArticleTopicRef = builder.objectRef<ArticleTopic>('ArticleTopic');
