import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { mapSchema } from '@graphql-tools/utils';
import { getOperationAST } from 'graphql';
import { createYoga, useReadinessCheck, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context, type ServerContext } from '../graphql/context.ts';
import { schema } from '../graphql/schema/index.ts';

/** Documents longer than this (characters) are interpreted, not compiled. */
const MAX_JIT_DOCUMENT = 8_000;

/** The yoga instance serving seedgraph (also a Node request listener: `http.createServer(yoga)`). */
export type SeedYoga = YogaServerInstance<Record<string, unknown>, Context>;

/** Options of `createSeedYoga`. */
export interface SeedYogaOptions {
  /** The shared store, bus and load status; each operation gets a context built from it. */
  context: ServerContext;
  /**
   * Where yoga logs, including every unexpected (masked) error with its stack.
   * @default true (yoga's console logger); `false` silences it.
   */
  logger?: YogaLogger | boolean;
  /**
   * Serve GraphiQL on GET /graphql to browsers. It is rendered offline (inlined assets, no CDN) and runs
   * subscriptions over WebSocket, so the graphql-ws server must listen on the same path (`/graphql`).
   * @default true
   */
  graphiql?: boolean;
  /**
   * Mask unexpected errors as "Unexpected error." for clients (they are logged in full). GraphQLErrors thrown
   * on purpose, such as BAD_USER_INPUT, pass through. Turn off only for local debugging.
   * @default true
   */
  maskedErrors?: boolean;
  /**
   * yoga's own request-body limit, in bytes; `false` when whatever is in front has limited the body already
   * (the app's HTTP handler reads every body itself, capped: see http-cache.ts).
   * @default 25,000,000 (yoga's)
   */
  maxRequestBodySize?: number | false;
  /**
   * Add Apollo inline traces (ftv1) for requests that ask with `apollo-federation-include-trace: ftv1`.
   * The tracer wraps every field resolver of its schema, which costs every request (10-15% on a list) and
   * keeps graphql-jit from inlining plain fields; so a traced instance runs on a copy of the schema, and the
   * app sends only the requests that ask for a trace to it.
   * @default false
   */
  trace?: boolean;
}

/** The query GraphiQL opens with: what a first-time visitor most likely wants to see. */
const DEFAULT_QUERY = `# seedgraph: news articles with their people, quotes and topics.
# Subscriptions (articleChanged) run over WebSocket from this page.
query Articles {
  articles(first: 5) {
    totalCount
    edges {
      node {
        title
        excerpt(length: 160)
        people { name roles }
        quotes { text speaker { name } attribution }
        topics { name kind }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  seedStore { phase articleCount problems { sourcePath } }
}
`;

/** The yoga instance id, which its health check answers in `x-yoga-id` (and so does the HTTP front's, see http-cache.ts). */
export const YOGA_ID = 'yoga';
/** Where yoga answers health checks. */
export const HEALTH_ENDPOINT = '/health';

/** Creates the yoga server: schema, GraphiQL (offline), masked errors, /health and /ready, SSE both ways, and ftv1 traces with `trace`. */
export function createSeedYoga(opts: SeedYogaOptions): SeedYoga {
  return createYoga<Record<string, unknown>, Context>({
    schema: opts.trace ? mapSchema(schema) : schema,
    context: () => createContext(opts.context),
    id: YOGA_ID,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: HEALTH_ENDPOINT,
    logging: opts.logger ?? true,
    maskedErrors: opts.maskedErrors ?? true,
    maxRequestBodySize: opts.maxRequestBodySize,
    landingPage: false,
    graphiql: opts.graphiql === false ? false : { title: 'seedgraph', defaultQuery: DEFAULT_QUERY, subscriptionsProtocol: 'WS' },
    // The inlined GraphiQL bundle takes ~0.5 s to import: load it when a browser first asks, not at start-up.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    plugins: [
      // Ready once the initial scan is done: a load balancer keeps traffic away from a half-loaded replica.
      useReadinessCheck({ endpoint: '/ready', check: () => opts.context.status.phase === 'READY' }),
      // Apollo federated tracing: a gateway that sends `apollo-federation-include-trace: ftv1` gets an
      // inline trace in `extensions.ftv1` (only from an instance made with `trace`).
      ...(opts.trace ? [useApolloInlineTrace()] : []),
      // The graphql-sse protocol, distinct-connections and single-connection modes, on /graphql/stream
      // (plain yoga SSE keeps working on /graphql with `Accept: text/event-stream`).
      useGraphQLSSE({ endpoint: '/graphql/stream' }),
      // Queries and mutations run as code compiled once per document (graphql-jit), not by walking the AST on
      // every request; subscriptions keep graphql-js's subscribe. A very large document is interpreted: compiling
      // it would cost more than running it once, and would let one client make the server compile at will.
      useGraphQlJit({}, {
        enableIf: (args) => (args.document.loc?.end ?? 0) <= MAX_JIT_DOCUMENT && getOperationAST(args.document, args.operationName)?.operation !== 'subscription',
      }),
    ],
  });
}
