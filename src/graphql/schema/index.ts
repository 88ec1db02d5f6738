import { builder } from '../builder.ts';
import './root.ts';
import './scalars.ts';
import './connection.ts';
import './diagnostic.ts';
import './article.ts';
import './section.ts';
import './quote.ts';
import './person.ts';
import './topic.ts';
import './store-status.ts';
import './subscription.ts';

/**
 * The executable schema, built once from the type files above: an Apollo Federation v2 subgraph
 * (`_service`, `_entities`, `@key`s on Article, Person and Topic) that also serves its own queries and
 * subscriptions directly.
 */
export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable'],
});
