import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema } from 'graphql';
import { schema } from './schema/index.ts';

/**
 * The schema as subgraph SDL (with its `@link` and `@key` directives, as a gateway composes it), types and
 * fields sorted so the printed file only changes when the schema does.
 */
export function printSchemaSDL(): string {
  return `${printSubgraphSchema(lexicographicSortSchema(schema)).trim()}\n`;
}
