import type { Article, ArticlePerson, ArticleTopic, Diagnostic, Quote, Section } from '../../src/core/types.ts';
import { SeedStore, type UpsertInput } from '../../src/store/seed-store.ts';

/** What a fixture spells out; the rest (slug, body, word count) is derived like the core would. */
export interface FixtureSpec {
  sourcePath: string;
  title: string;
  sections: { heading?: string; paragraphs: string[] }[];
  people?: (Pick<ArticlePerson, 'name' | 'slug'> & Partial<ArticlePerson>)[];
  quotes?: (Pick<Quote, 'text' | 'speaker'> & Partial<Quote>)[];
  topics?: ArticleTopic[];
  diagnostics?: Diagnostic[];
  caption?: string;
  credit?: string;
  /** Changes the content hash, so the same path can be upserted again as an update. */
  revision?: number;
}

/** Builds an upsert input from a hand-written spec, independent of the extraction code. */
export function buildArticle(spec: FixtureSpec): UpsertInput {
  const sections: Section[] = spec.sections.map((s, index) => ({ index, heading: s.heading ?? null, paragraphs: s.paragraphs }));
  const body = sections.flatMap((s) => (s.heading ? [s.heading, ...s.paragraphs] : s.paragraphs)).join('\n\n');
  const article: Article = {
    sourcePath: spec.sourcePath,
    format: 'TEXT',
    byline: null,
    dateline: null,
    publishedAt: null,
    tags: [],
    title: spec.title,
    titleSlug: spec.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    caption: spec.caption ?? null,
    credit: spec.credit ?? null,
    sections,
    body,
    wordCount: body.split(/\s+/).filter(Boolean).length,
    quotes: (spec.quotes ?? []).map((q, index) => ({
      index, attribution: null, confidence: q.speaker ? 0.9 : 0.2, sectionIndex: 0, paragraphIndex: 0, ...q,
    })),
    people: (spec.people ?? []).map((p) => ({ aliases: [], roles: [], mentionCount: 1, ...p })),
    topics: spec.topics ?? [],
  };
  return {
    sourcePath: spec.sourcePath,
    contentHash: `${spec.sourcePath}@${spec.revision ?? 0}`,
    article,
    diagnostics: spec.diagnostics ?? [],
  };
}

const place = (name: string, slug: string, score: number): ArticleTopic => ({ name, slug, kind: 'PLACE', score });
const subject = (name: string, slug: string, score: number): ArticleTopic => ({ name, slug, kind: 'SUBJECT', score });

/** Four small articles: shared people and topics, quotes in several sections, one article with a warning. */
export const FIXTURES: FixtureSpec[] = [
  {
    sourcePath: 'world/cairo-talks.txt',
    title: 'Ceasefire talks resume in Cairo',
    caption: 'Delegates arrive in Cairo. REUTERS/Jane Roe',
    credit: 'REUTERS/Jane Roe',
    sections: [
      { paragraphs: ['Negotiators met in Cairo on Monday to resume ceasefire talks, officials said.', 'The talks are the first in a month.'] },
      { heading: 'Next steps', paragraphs: ['Mediators expect a draft by Friday.'] },
    ],
    people: [
      { name: 'Maria Lopez', slug: 'maria-lopez', aliases: ['Lopez'], roles: ['special envoy'], mentionCount: 3 },
      { name: 'John Smith', slug: 'john-smith', mentionCount: 1 },
    ],
    quotes: [
      { text: 'We are closer than ever', speaker: 'Maria Lopez', attribution: 'said', sectionIndex: 0, paragraphIndex: 0 },
      { text: 'Nothing is agreed until everything is agreed', speaker: null, attribution: 'a diplomat said', sectionIndex: 1 },
    ],
    topics: [subject('Ceasefire', 'ceasefire', 0.9), place('Cairo', 'cairo', 0.6)],
  },
  {
    sourcePath: 'business/acme-earnings.txt',
    title: 'Acme profits beat forecasts',
    sections: [{ paragraphs: ['Acme reported record quarterly profits on Tuesday, beating analyst forecasts by a wide margin again.'] }],
    people: [{ name: 'John Smith', slug: 'john-smith', roles: ['chief executive'], mentionCount: 2 }],
    quotes: [{ text: 'It was a remarkable quarter', speaker: 'John Smith', attribution: 'told reporters' }],
    topics: [{ name: 'Acme', slug: 'acme', kind: 'ORGANIZATION', score: 0.95 }, subject('Earnings', 'earnings', 0.7)],
  },
  {
    sourcePath: 'sport/cup-final.txt',
    title: 'Underdogs win the cup final',
    sections: [{ paragraphs: ['The underdogs won the cup final in Cairo after extra time.'] }],
    people: [{ name: 'José Álvarez', slug: 'jose-alvarez', roles: ['coach'] }],
    quotes: [{ text: 'Dreams come true', speaker: 'José Álvarez' }],
    topics: [subject('Football', 'football', 0.8), place('Cairo', 'cairo', 0.3)],
    diagnostics: [{ code: 'SCRAPE_TRAILER_REMOVED', severity: 'WARNING', message: 'Removed a scraped trailer.', line: 4 }],
  },
  {
    sourcePath: 'world/zebra-migration.txt',
    title: 'Zebra migration reaches the river',
    sections: [{ paragraphs: ['Thousands of zebras reached the Mara river this week, a sight that draws visitors from around the world every year.'] }],
    topics: [place('Kenya', 'kenya', 0.9)],
  },
];

/** A clock that advances one minute per reading, so UPDATED_AT orders are deterministic. */
export function createStepClock(start = Date.parse('2024-05-01T12:00:00Z')): () => Date {
  let now = start;
  return () => new Date((now += 60_000));
}

/** A store holding the given fixtures (all four by default), upserted in order. */
export function createFixtureStore(specs: FixtureSpec[] = FIXTURES, store = new SeedStore(createStepClock())): SeedStore {
  for (const spec of specs) store.upsert(buildArticle(spec));
  return store;
}
