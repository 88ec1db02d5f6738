import { builder } from '../builder.ts';
import { articleCursors } from '../cursors.ts';
import { badUserInput, exactlyOneArg } from '../errors.ts';
import { decodeIdOf, entityKey, resolveKeyOrId } from '../global-id.ts';
import { paginate } from '../paginate.ts';
import { ArticleConnection } from './connection.ts';
import { ArticleRef, ArticleTopicRef, DiagnosticRef, PersonRef, QuoteRef, SectionRef, TopicRef } from './refs.ts';

/** The longest search accepted: far more than any real query, and a bound on what one request can cost. */
const MAX_SEARCH_LENGTH = 500;

const MAX_RELATED = 50;

const ArticleFormat = builder.enumType('ArticleFormat', {
  values: {
    TEXT: { description: 'Plain text: headline, optional caption with credit, headings and paragraphs.' },
    MARKDOWN: { description: 'Markdown (.md, .markdown) with optional YAML front matter.' },
  } as const,
});

builder.node(ArticleRef, {
  description: 'One news article, extracted from one file of the seed folder.',
  id: { resolve: (a) => a.id },
  loadWithoutCache: (id, ctx) => ctx.store.get(id),
  fields: (t) => ({
    sourcePath: t.exposeString('sourcePath', { description: 'Path relative to the seed folder, forward slashes.' }),
    slug: t.exposeString('slug', { description: 'Unique public slug: the title slug plus a short hash of the path.' }),
    title: t.exposeString('title'),
    format: t.field({ type: ArticleFormat, description: 'The file format the article was read from.', resolve: (a) => a.format }),
    byline: t.exposeString('byline', { nullable: true, description: 'Who wrote it, as the file states it (a "By ..." line or front matter `author`).' }),
    dateline: t.exposeString('dateline', { nullable: true, description: 'The place-and-agency line that opened the story, e.g. "LONDON (Reuters)".' }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was published, when the file says so (front matter `date`).',
      resolve: (a) => (a.publishedAt ? new Date(a.publishedAt) : null),
    }),
    tags: t.exposeStringList('tags', { description: 'Editor-assigned tags (front matter `tags`); each is also a topic.' }),
    caption: t.exposeString('caption', { nullable: true }),
    credit: t.exposeString('credit', { nullable: true, description: 'Photo credit split out of the caption.' }),
    sections: t.field({
      type: [SectionRef],
      resolve: (a) => a.sections.map((section) => ({ article: a, section })),
    }),
    body: t.exposeString('body', { description: 'Plain text of the body: paragraphs separated by blank lines.' }),
    wordCount: t.exposeInt('wordCount'),
    excerpt: t.string({
      description: 'The start of the body, at most `length` characters, cut on a word boundary with an ellipsis.',
      args: { length: t.arg.int({ defaultValue: 200, required: true }) },
      resolve: (a, { length }) => extractExcerpt(a.body, Math.max(1, length)),
    }),
    quotes: t.field({
      type: [QuoteRef],
      resolve: (a) => a.quotes.map((quote) => ({ id: `${a.id}#${quote.index}`, article: a, quote })),
    }),
    people: t.field({
      type: [PersonRef],
      description: 'Distinct people, in order of first mention, as store-wide people.',
      resolve: (a, _args, ctx) => a.people.flatMap((p) => ctx.store.getPerson(p.slug) ?? []),
    }),
    topics: t.field({
      type: [TopicRef],
      description: 'Topics, most salient first.',
      resolve: (a, _args, ctx) => a.topics.flatMap((topic) => ctx.store.getTopic(topic.slug) ?? []),
    }),
    topicScores: t.field({
      type: [ArticleTopicRef],
      description: 'Topics with their salience in this article, most salient first.',
      resolve: (a) => a.topics,
    }),
    related: t.field({
      type: [ArticleRef],
      description: 'Articles most like this one (shared people, topics and vocabulary), best first.',
      args: { first: t.arg.int({ defaultValue: 5, required: true, description: `How many, 0..${MAX_RELATED}.` }) },
      resolve: (a, { first }, ctx) => {
        if (first < 0 || first > MAX_RELATED) throw badUserInput(`\`first\` must be between 0 and ${MAX_RELATED}.`);
        return ctx.store.related(a.id, first).map((r) => r.article);
      },
    }),
    contentHash: t.exposeString('contentHash', { description: "sha256 of the file's bytes." }),
    version: t.exposeInt('version', { description: '1 when first seen, +1 on every change (deletions included).' }),
    updatedAt: t.field({ type: 'DateTime', resolve: (a) => a.updatedAt }),
    diagnostics: t.field({
      type: [DiagnosticRef],
      description: 'Content warnings of the version being served.',
      resolve: (a) => a.diagnostics,
    }),
  }),
});

// A federation entity: a neighbouring subgraph may hold the global id or the source path.
builder.asEntity(ArticleRef, {
  key: [builder.selection<{ id: string }>('id'), builder.selection<{ sourcePath: string }>('sourcePath')],
  resolveReference: (ref, ctx) => ctx.loaders.article.load('sourcePath' in ref && ref.sourcePath ? ref.sourcePath : entityKey('Article', ref)),
});

builder.queryField('article', (t) =>
  t.field({
    type: ArticleRef,
    nullable: true,
    description: 'One article by exactly one of: global id, slug, source path. Null when there is none.',
    args: { id: t.arg.id(), slug: t.arg.string(), sourcePath: t.arg.string() },
    resolve: (_root, args, ctx) => {
      const [by, value] = exactlyOneArg('article', { id: args.id?.toString(), slug: args.slug, sourcePath: args.sourcePath });
      if (by === 'id') return ctx.store.get(decodeIdOf('Article', value));
      return by === 'slug' ? ctx.store.getBySlug(value) : ctx.store.get(value);
    },
  }),
);

const ArticleOrder = builder.enumType('ArticleOrder', {
  values: {
    SOURCE_PATH: { description: 'By source path (the default without a search).' },
    TITLE: { description: 'By title, then source path.' },
    UPDATED_AT_DESC: { description: 'Most recently changed first.' },
    WORD_COUNT_DESC: { description: 'Longest first.' },
    RELEVANCE: { description: 'Best search match first (the default with a search); needs `filter.search`.' },
  } as const,
});

const ArticleFilter = builder.inputType('ArticleFilter', {
  description: 'Every given condition must hold.',
  fields: (t) => ({
    search: t.string({ description: `Full-text search over title, body, people and topics: every word must match (longer words by prefix, plurals by their singular too, a typo when nothing matches). At most ${MAX_SEARCH_LENGTH} characters.` }),
    person: t.string({ description: 'A person slug or Person global id.' }),
    topic: t.string({ description: 'A topic slug or Topic global id.' }),
  }),
});

builder.queryField('articles', (t) =>
  t.connection(
    {
      type: ArticleRef,
      description: 'Articles matching `filter`, in `orderBy` order (SOURCE_PATH, or RELEVANCE when searching).',
      args: { filter: t.arg({ type: ArticleFilter }), orderBy: t.arg({ type: ArticleOrder }) },
      resolve: (_root, args, ctx) => {
        const search = args.filter?.search?.trim() || null;
        const order = args.orderBy ?? (search ? 'RELEVANCE' : 'SOURCE_PATH');
        if (order === 'RELEVANCE' && !search) throw badUserInput('`orderBy: RELEVANCE` needs `filter.search`.');
        if (search && search.length > MAX_SEARCH_LENGTH) throw badUserInput(`\`filter.search\` is limited to ${MAX_SEARCH_LENGTH} characters; got ${search.length}.`);
        const { person, topic } = args.filter ?? {};
        const filter = {
          search,
          person: person == null ? null : resolveKeyOrId('Person', person, (slug) => ctx.store.getPerson(slug) !== null),
          topic: topic == null ? null : resolveKeyOrId('Topic', topic, (slug) => ctx.store.getTopic(slug) !== null),
        };
        return paginate(ctx.store.queryArticles(filter, order), args, articleCursors(order));
      },
    },
    ArticleConnection,
  ),
);

/** Cuts `text` to at most `length` characters on a word boundary, marking the cut with an ellipsis. */
export function extractExcerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const room = flat.slice(0, length); // the ellipsis takes the last character
  const cut = room.lastIndexOf(' ');
  // A single word longer than the excerpt is cut inside the word rather than returning nothing.
  const kept = (cut > 0 ? room.slice(0, cut) : room.slice(0, length - 1)).replace(/[\s,;:.!?–—-]+$/, '');
  return `${kept}…`;
}
