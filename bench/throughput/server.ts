/**
 * Query-throughput bench, server side (one process, pinned by the parent): loads CORPUS once into seedgraph,
 * then serves the same schema and store four ways, each on its own port:
 *   seedgraph  the service as shipped (yoga with its plugins, response cache included);
 *   yoga       plain graphql-yoga over the same schema and store, no optimisation (the baseline);
 *   mercurius  fastify + mercurius with graphql-jit over the same schema and store;
 *   raw        node:http answering every request with the body seedgraph gave for QUERIES[i] (the limit).
 * Prints `{ urls }` when all four listen; exits when stdin ends.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { createLogger, createYoga } from 'graphql-yoga';
import { createApp } from '../../src/app.ts';
import { DEFAULTS } from '../../src/config.ts';
import { createContext } from '../../src/graphql/context.ts';
import { schema } from '../../src/graphql/schema/index.ts';

const [corpus, cacheFile, queriesJson] = process.argv.slice(2) as [string, string, string];
const queries = JSON.parse(queriesJson) as { query: string; variables?: Record<string, unknown> }[];
const app = createApp({ ...DEFAULTS, seedsDir: corpus, port: 0, watch: false, logLevel: 'silent', cache: true, cacheFile }, { logger: createLogger('silent') });
await app.start();
await app.loaded;
while (app.store.indexBacklog > 0) await new Promise((r) => setTimeout(r, 20));
const shared = { store: app.store, bus: app.bus, status: app.status };

const listen = (server: ReturnType<typeof createServer>) => new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));

const plain = createYoga({ schema, context: () => createContext(shared), graphiql: false, logging: false, maskedErrors: false });
const yogaUrl = await listen(createServer(plain));

const fastify = Fastify({ logger: false });
await fastify.register(mercurius, { schema, context: () => createContext(shared), jit: 1, graphiql: false });
await fastify.listen({ port: 0, host: '127.0.0.1' });
const mercuriusUrl = `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}/graphql`;

// The raw limit: the exact bytes seedgraph answers, precomputed, sent without any GraphQL work.
const bodies: string[] = [];
for (const q of queries) bodies.push(await (await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) })).text());
const raw = createServer((req, res) => {
  const which = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('q') ?? 0);
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(bodies[which]));
});
const rawUrl = await listen(raw);

process.stdout.write(`${JSON.stringify({ urls: { seedgraph: app.url, yoga: yogaUrl, mercurius: mercuriusUrl, raw: rawUrl } })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
