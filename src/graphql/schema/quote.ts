import { builder } from '../builder.ts';
import { quoteCursors } from '../cursors.ts';
import { resolveKeyOrId } from '../global-id.ts';
import { paginate } from '../paginate.ts';
import { QuoteConnection } from './connection.ts';
import { ArticleRef, PersonRef, QuoteRef, SectionRef } from './refs.ts';

builder.node(QuoteRef, {
  description: 'Words quoted in an article, with who said them when the article says so.',
  id: { resolve: (q) => q.id },
  loadWithoutCache: (id, ctx) => ctx.store.getQuote(id),
  fields: (t) => ({
    index: t.int({ description: "0-based position among the article's quotes.", resolve: (q) => q.quote.index }),
    text: t.string({ description: 'The quoted words, without quote marks.', resolve: (q) => q.quote.text }),
    speaker: t.field({
      type: PersonRef,
      nullable: true,
      description: 'Who said it; null when the speaker is not a named person.',
      resolve: ({ article, quote }, _args, ctx) => {
        const slug = article.people.find((p) => p.name === quote.speaker)?.slug;
        return slug === undefined ? null : ctx.store.getPerson(slug);
      },
    }),
    speakerName: t.string({
      nullable: true,
      description: 'The speaker as this article names them.',
      resolve: (q) => q.quote.speaker,
    }),
    attribution: t.string({
      nullable: true,
      description: 'The attribution cue as written, e.g. "said in a statement".',
      resolve: (q) => q.quote.attribution,
    }),
    confidence: t.float({ description: 'How sure the extractor is of the speaker, 0..1.', resolve: (q) => q.quote.confidence }),
    article: t.field({ type: ArticleRef, resolve: (q) => q.article }),
    section: t.field({
      type: SectionRef,
      nullable: true,
      resolve: ({ article, quote }) => {
        const section = article.sections[quote.sectionIndex];
        return section ? { article, section } : null;
      },
    }),
    paragraphIndex: t.int({
      description: 'Index of the paragraph (within its section) where the quote starts.',
      resolve: (q) => q.quote.paragraphIndex,
    }),
  }),
});

builder.queryField('quotes', (t) =>
  t.connection(
    {
      type: QuoteRef,
      description: 'Quotes across the store in source-path order, optionally only those of one speaker.',
      args: { speaker: t.arg.id({ description: 'A Person global id or person slug.' }) },
      resolve: (_root, args, ctx) => {
        const raw = args.speaker?.toString();
        const speaker = raw == null ? null : resolveKeyOrId('Person', raw, (slug) => ctx.store.getPerson(slug) !== null);
        return paginate(ctx.store.listQuotes(speaker), args, quoteCursors);
      },
    },
    QuoteConnection,
  ),
);
