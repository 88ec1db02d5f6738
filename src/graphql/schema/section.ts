import { ArticleRef, QuoteRef, SectionRef } from './refs.ts';

SectionRef.implement({
  description: 'A part of an article under one heading; section 0 is the lead when the article opens without one.',
  fields: (t) => ({
    index: t.int({ description: '0-based position in the article.', resolve: (s) => s.section.index }),
    heading: t.string({ nullable: true, description: 'The heading line, or null for the lead.', resolve: (s) => s.section.heading }),
    paragraphs: t.stringList({ resolve: (s) => s.section.paragraphs }),
    text: t.string({ description: 'The paragraphs separated by blank lines.', resolve: (s) => s.section.paragraphs.join('\n\n') }),
    quotes: t.field({
      type: [QuoteRef],
      description: 'The quotes that start in this section.',
      resolve: ({ article, section }) =>
        article.quotes
          .filter((quote) => quote.sectionIndex === section.index)
          .map((quote) => ({ id: `${article.id}#${quote.index}`, article, quote })),
    }),
    article: t.field({ type: ArticleRef, resolve: (s) => s.article }),
  }),
});
