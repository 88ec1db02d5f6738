import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema/index.ts';

/** The schema as SDL with types and fields sorted, so the printed file only changes when the schema does. */
export function printSchemaSDL(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
