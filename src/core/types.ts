/**
 * Domain types: the values the pure core produces and the Pothos schema serves.
 * Each type is declared once here; GraphQL object refs are built over these.
 */

export type DiagnosticSeverity = 'ERROR' | 'WARNING' | 'INFO';

/** A problem found in one file, by the core (content) or by io/ (bytes, file system). */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `SCRAPE_TRAILER_REMOVED`, `NOT_UTF8`, `EMPTY_FILE`. */
  code: string;
  severity: DiagnosticSeverity;
  /** A sentence a person can act on. */
  message: string;
  /** 1-based line in the decoded text, when the problem has one. */
  line: number | null;
}

export interface Section {
  /** 0-based position in the article; section 0 is the lead when the article opens without a heading. */
  index: number;
  /** The heading line, or null for the lead before the first heading. */
  heading: string | null;
  paragraphs: string[];
}

/** One real person as one article mentions them. */
export interface ArticlePerson {
  /** The fullest form of the name the article uses, without titles or possessives. */
  name: string;
  /** Slug of `name`: the person's key across the store. */
  slug: string;
  /** Other forms that refer to this person in the article (surname, title + surname, ...). */
  aliases: string[];
  /** Roles and titles as the article states them ("special envoy"). */
  roles: string[];
  /** How many times the article refers to the person, by any form. */
  mentionCount: number;
}

export interface Quote {
  /** 0-based position among the article's quotes. */
  index: number;
  /** The quoted words, without the quote marks; pieces of one speech split by a cue are joined. */
  text: string;
  /** `name` of an ArticlePerson of the same article, or null when the speaker is not a named person. */
  speaker: string | null;
  /** The attribution cue as written, e.g. "said in a social media post", "the company said". */
  attribution: string | null;
  /** 0..1: how sure the extractor is of the speaker. */
  confidence: number;
  /** The section the quote starts in; -1 when it stands in the caption or the headline. */
  sectionIndex: number;
  /** Index of the paragraph (within its section) where the quote starts. */
  paragraphIndex: number;
}

export type TopicKind = 'PLACE' | 'ORGANIZATION' | 'PERSON' | 'SUBJECT';

export interface ArticleTopic {
  name: string;
  /** Normalised key: topics with the same slug are one topic across the store. */
  slug: string;
  kind: TopicKind;
  /** Salience in this article, 0..1, highest first. */
  score: number;
}

/** The file format an article was read from. */
export type ArticleFormat = 'TEXT' | 'MARKDOWN';

/** What the core makes of one article's text. Pure data, no store state. */
export interface Article {
  /** Path relative to the seed folder, forward slashes. */
  sourcePath: string;
  format: ArticleFormat;
  title: string;
  /** Who wrote it, as the article states it ("By Jane Doe" → "Jane Doe"; Markdown front matter `author`). */
  byline: string | null;
  /** The place-and-agency line opening the story ("LONDON (Reuters)"), split off the lead paragraph. */
  dateline: string | null;
  /** When it was published, as ISO 8601, when the file says so (Markdown front matter `date`). */
  publishedAt: string | null;
  /** Editor-assigned tags (Markdown front matter `tags`); each is also one of the article's topics. */
  tags: string[];
  /** Slug of the title (the store disambiguates collisions). */
  titleSlug: string;
  caption: string | null;
  /** Photo credit split out of the caption, e.g. `REUTERS/Hamad I Mohammed/File photo`. */
  credit: string | null;
  sections: Section[];
  /** Plain text of the title-less body: paragraphs joined by blank lines (headings included as lines). */
  body: string;
  wordCount: number;
  quotes: Quote[];
  /** Distinct people, in order of first mention. */
  people: ArticlePerson[];
  /** Topics, most salient first. */
  topics: ArticleTopic[];
}

/** Result of extraction: `article` is null when the text holds no article at all (empty, binary). */
export interface Extraction {
  article: Article | null;
  diagnostics: Diagnostic[];
}
