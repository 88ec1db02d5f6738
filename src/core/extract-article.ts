/**
 * The pure extraction pipeline: text → layout → people → quotes → topics → one Article.
 * Total by design: every stage is guarded so a bug becomes a diagnostic, never an exception.
 */
import type { Article, ArticlePerson, ArticleTopic, Diagnostic, Extraction, Quote, Section } from './types.ts';
import { parseLayout, type Layout } from './layout.ts';
import { isMarkdownPath, parseMarkdownLayout } from './markdown.ts';
import { extractPhotographer } from './credit.ts';
import { extractPeople, type PeopleResult, type TextUnit } from './people.ts';
import { extractQuotes } from './quotes.ts';
import { extractTopics } from './topics.ts';
import { bodyOf } from './body.ts';
import { countWords, slugify } from './ids.ts';

/** Runs one stage; on an internal error records a diagnostic and returns the fallback. */
function guarded<T>(stage: string, diagnostics: Diagnostic[], fallback: T, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    diagnostics.push({ code: 'EXTRACTION_FAILED', severity: 'WARNING', line: null, message: `The ${stage} step failed and was skipped: ${why}` });
    return fallback;
  }
}

/** Caption, title, then every body paragraph, as the units people and quotes are found in. */
function toUnits(layout: Layout): TextUnit[] {
  const units: TextUnit[] = [];
  if (layout.caption) units.push({ text: layout.caption, sectionIndex: -1, paragraphIndex: 0 });
  units.push({ text: layout.title, sectionIndex: -1, paragraphIndex: 0, isTitle: true });
  layout.sections.forEach((s, si) => s.paragraphs.forEach((p, pi) => units.push({ text: p.text, sectionIndex: si, paragraphIndex: pi })));
  return units;
}

/** Editor-assigned tags lead the topics (score 1); a topic the text found as well keeps its kind. */
function withTags(topics: ArticleTopic[], tags: string[]): ArticleTopic[] {
  const tagged = tags.map((name): ArticleTopic => {
    const found = topics.find((t) => t.slug === slugify(name));
    return { name: found?.name ?? name, slug: slugify(name), kind: found?.kind ?? 'SUBJECT', score: 1 };
  }).filter((t, i, all) => all.findIndex((u) => u.slug === t.slug) === i);
  return [...tagged, ...topics.filter((t) => !tagged.some((u) => u.slug === t.slug))];
}

/** Extracts an Article and diagnostics from one file's decoded text; never throws. */
export function extractArticle(text: string, sourcePath: string): Extraction {
  const diagnostics: Diagnostic[] = [];
  const markdown = isMarkdownPath(String(sourcePath ?? ''));
  const parsed = guarded('layout', diagnostics, { layout: null, diagnostics: [] as Diagnostic[] },
    () => (markdown ? parseMarkdownLayout : parseLayout)(typeof text === 'string' ? text : ''));
  diagnostics.push(...parsed.diagnostics);
  const layout = parsed.layout;
  if (!layout) return { article: null, diagnostics };
  const sections: Section[] = layout.sections.map((s, index) => ({ index, heading: s.heading, paragraphs: s.paragraphs.map((p) => p.text) }));
  const body = bodyOf(sections);
  const units = toUnits(layout);
  const photographer = layout.credit ? guarded('credit', diagnostics, null, () => extractPhotographer(layout.credit ?? '')) : null;
  const found = guarded<PeopleResult>('people', diagnostics, { people: [], mentions: [] }, () => extractPeople(units, photographer, String(sourcePath ?? '')));
  const people: ArticlePerson[] = found.people;
  const quotes = guarded<Quote[]>('quotes', diagnostics, [], () => extractQuotes(units, people, found.mentions));
  const topics = guarded<ArticleTopic[]>('topics', diagnostics, [], () =>
    extractTopics(layout.title, [...units.filter((u) => u.text !== layout.title).map((u) => u.text), ...sections.flatMap((s) => (s.heading ? [s.heading] : []))], people.map((p) => p.name)));
  const article: Article = {
    sourcePath: String(sourcePath ?? '').replace(/\\/g, '/'),
    format: markdown ? 'MARKDOWN' : 'TEXT',
    title: layout.title,
    byline: layout.byline,
    dateline: layout.dateline,
    publishedAt: layout.publishedAt,
    tags: layout.tags,
    titleSlug: slugify(layout.title),
    caption: layout.caption,
    credit: layout.credit,
    sections,
    body,
    wordCount: countWords(body),
    quotes,
    people,
    topics: withTags(topics, layout.tags),
  };
  return { article, diagnostics };
}
