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

/** The executable schema, built once from the type files above. */
export const schema = builder.toSchema();
