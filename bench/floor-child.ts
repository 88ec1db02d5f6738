/**
 * The read-and-decode floor, in a fresh process as a load runs: list the folder, then read, hash and decode
 * every file with blocking calls (the reader thread's own `readSeedFileSync`, the fastest way we have),
 * nothing else. Timed from after the imports, as the load is; prints `{ ms, files }`.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULTS } from '../src/config.ts';
import { readSeedFileSync } from '../src/io/read-seed-file.ts';
import { listSeedFiles } from '../src/io/scan-folder.ts';

const corpus = process.argv[2]!;
const start = performance.now();
const { files } = await listSeedFiles(corpus);
for (const file of files) readSeedFileSync(corpus, file, { maxBytes: DEFAULTS.maxFileBytes });
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, files: files.length })}\n`);
