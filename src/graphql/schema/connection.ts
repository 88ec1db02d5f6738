import { builder } from '../builder.ts';
import { ArticleRef, QuoteRef } from './refs.ts';

// Every connection carries the size of the whole (filtered) list: resolvers return it from `paginate`.
builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'Number of items in the whole list, across all pages.', resolve: (parent) => parent.totalCount }),
);

/** One connection type for every list of articles, so clients can share fragments. */
export const ArticleConnection = builder.connectionObject({ type: ArticleRef, name: 'ArticleConnection' }, { name: 'ArticleEdge' });

/** One connection type for every list of quotes. */
export const QuoteConnection = builder.connectionObject({ type: QuoteRef, name: 'QuoteConnection' }, { name: 'QuoteEdge' });
