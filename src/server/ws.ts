import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionArgs } from 'graphql';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createSharedSubscriptions } from './shared-subscriptions.ts';
import type { SeedYoga } from './yoga.ts';

/** How long clients get to complete the closing handshake before their sockets are dropped. */
const CLOSE_GRACE_MS = 2000;

/** What `attachWebSocket` hands back to the app, which owns the lifetime. */
export interface WebSocketHandle {
  /** Closes every client (default 1001 "Going away": the server is shutting down) and the WebSocketServer. */
  close(code?: number, reason?: string): Promise<void>;
  /** Open client sockets. */
  clientCount(): number;
  /** Distinct subscriptions being executed (clients with the same document and variables share one). */
  sharedCount(): number;
  /** Subscriptions held by WebSocket clients. */
  subscriberCount(): number;
}

/** Options of `attachWebSocket`. */
export interface WebSocketOptions {
  path: string;
  /** Time a client has to send `connection_init` (graphql-ws closes with 4408 after it). @default 3000 */
  initTimeoutMs?: number;
  /** Extra browser origins allowed besides no-Origin clients, the own host and localhost; `*` allows all. */
  allowedOrigins?: string[];
}

/**
 * True when a WebSocket upgrade may proceed: non-browser clients send no Origin; a browser page may connect
 * from the service's own host, from localhost, or from a configured origin. Anything else is another site's
 * page trying to use the visitor's network position (cross-site WebSocket hijacking).
 */
export function originAllowed(req: http.IncomingMessage, allowed: string[] = []): boolean {
  const origin = req.headers.origin;
  if (!origin || allowed.includes('*') || allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.host === req.headers.host || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The envelop functions of one operation, carried to `execute`/`subscribe` as the root value (yoga's recipe). */
interface Enveloped {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
  /** What makes two subscriptions the same: document, operation and variables. */
  key: string;
}

/**
 * Serves graphql-ws (graphql-transport-ws) on `opts.path` of `httpServer`, executing through yoga's envelop so
 * subscriptions over WebSocket get the same schema, context, plugins and error masking as HTTP and SSE.
 */
export function attachWebSocket(httpServer: http.Server, yoga: SeedYoga, opts: WebSocketOptions): WebSocketHandle {
  const wss = new WebSocketServer({ noServer: true });
  const shared = createSharedSubscriptions();
  // noServer + our own upgrade listener: ws's `server`+`path` mode answers 400 to every other path, which
  // would break any second upgrade handler on the same HTTP server.
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== opts.path) {
      // Another upgrade handler may own this path; when there is none, refuse rather than leave it hanging.
      if (httpServer.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  useServer(
    {
      connectionInitWaitTimeout: opts.initTimeoutMs ?? 3000,
      // Refused with 4403 Forbidden: a page from another site must not ride on the visitor's network position.
      onConnect: (ctx) => originAllowed(ctx.extra.request, opts.allowedOrigins),
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      // One execution per distinct document + operation + variables, fanned out to every client holding it.
      subscribe: (args) => {
        const root = args.rootValue as Enveloped;
        return shared.subscribe(root.key, () => root.subscribe(args) as never) as never;
      },
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe, key: JSON.stringify([params.query, params.operationName ?? null, params.variables ?? null]) } satisfies Enveloped,
        };
        return args;
      },
    },
    wss,
  );

  return {
    clientCount: () => wss.clients.size,
    sharedCount: () => shared.groupCount(),
    subscriberCount: () => shared.memberCount(),
    close(code = 1001, reason = 'Going away') {
      httpServer.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(code, reason);
      // A client that never answers the closing handshake would hold shutdown for ws's 30 s timeout.
      const deadline = setTimeout(() => wss.clients.forEach((client) => client.terminate()), CLOSE_GRACE_MS);
      // Resolves once every client has finished its closing handshake (ws waits for them).
      return new Promise<void>((resolve, reject) => wss.close((err) => (clearTimeout(deadline), err ? reject(err) : resolve())));
    },
  };
}
