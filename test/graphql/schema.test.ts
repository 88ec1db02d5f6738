import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSchemaSDL } from '../../src/graphql/print.ts';

describe('schema.graphql', () => {
  it('should match the schema the code builds', () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    const built = printSchemaSDL();
    expect(committed === built, 'schema.graphql is out of date: run `npm run schema` and commit the result').toBe(true);
  });
});
