/**
 * Growth bench, server side (its own process): loads CORPUS (no cache), prints `{ url, loadMs, articles }`
 * once every article is queryable and the search index has caught up; exits when stdin ends.
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from 'graphql-yoga';
import { createApp } from '../../src/app.ts';
import { DEFAULTS } from '../../src/config.ts';

const corpus = process.argv[2]!;
const t0 = performance.now();
const app = createApp({ ...DEFAULTS, seedsDir: corpus, port: 0, watch: false, logLevel: 'silent', cache: false }, { logger: createLogger('silent') });
await app.start();
await app.loaded;
const loadMs = performance.now() - t0;
while (app.store.indexBacklog > 0) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`${JSON.stringify({ url: app.url, loadMs, articles: app.store.stats().articleCount })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
