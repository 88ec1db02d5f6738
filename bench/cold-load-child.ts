/**
 * One cold load in a fresh process (spawned by cold-load.ts, which polls /health from its own process).
 * Prints JSON lines: `{ url }` once listening, `{ loadMs, articles, rssMb }` when every article is
 * queryable, `{ idle: true, idleMs, rssMb }` once the background indexing (people and topics, search, related) is done; exits on stdin's end.
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from 'graphql-yoga';
import { createApp } from '../src/app.ts';
import { DEFAULTS } from '../src/config.ts';

const corpus = process.argv[2]!;
/** An extraction cache file for warm restarts; none for a cold load. */
const cacheFile = process.argv[3] || null;
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

const startedAt = performance.now();
const app = createApp({ ...DEFAULTS, seedsDir: corpus, port: 0, watch: false, logLevel: 'silent', cache: cacheFile !== null, cacheFile }, { logger: createLogger('silent') });
await app.start();
say({ url: app.url });
await app.loaded;
say({ loadMs: performance.now() - startedAt, articles: app.store.stats().articleCount, rssMb: process.memoryUsage().rss / 2 ** 20 });
while (app.store.indexBacklog > 0) await new Promise((r) => setTimeout(r, 20));
say({ idle: true, idleMs: performance.now() - startedAt, rssMb: process.memoryUsage().rss / 2 ** 20 });
process.stdin.resume();
process.stdin.on('end', () => void app.stop().then(() => process.exit(0)));
