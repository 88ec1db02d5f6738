/**
 * Writes the schema SDL to schema.graphql at the repo root: `npm run schema`.
 * With `--check`, writes nothing and exits 1 when the file is out of date (for CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaSDL } from '../src/graphql/print.ts';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const sdl = printSchemaSDL();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is out of date like any other.
  }
  if (current !== sdl) {
    console.error('schema.graphql is out of date: run `npm run schema` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  writeFileSync(target, sdl);
  console.log(`Wrote ${target}`);
}
