/**
 * The common request without yoga's HTTP machinery. A POST of one JSON query, from a client that sends no
 * Origin (a service, a gateway), is run through yoga's own envelop: the same parse and validation caches,
 * graphql-jit, context and masked errors as any request, but without a WHATWG Request and Response and the
 * hooks around them, which cost more than executing a small query.
 *
 * The lane answers only what it is sure yoga would answer the same way, byte for byte: a valid query that
 * executes without errors. Everything else (an error of any kind, a mutation or subscription, an unusual
 * Accept, extra parameters, a browser's cross-origin request) returns null, and the caller hands the
 * request to yoga. Yoga's own checks of the parameters are repeated here, before anything runs.
 */
import type { IncomingMessage } from 'node:http';
import { getOperationAST, type ExecutionResult } from 'graphql';
import type { SeedYoga } from './yoga.ts';

/** A complete answer, as yoga would have given it. */
export interface LaneAnswer {
  status: 200;
  contentType: string;
  /** The JSON text; the caller encodes it (once, as it writes). */
  body: string;
}

export type FastLane = (req: IncomingMessage, body: Buffer) => Promise<LaneAnswer | null>;

/** Yoga's result processors in its order of preference, with the media types each serves. */
const PROCESSORS: { regular: boolean; mediaTypes: string[] }[] = [
  { regular: false, mediaTypes: ['text/event-stream'] },
  { regular: false, mediaTypes: ['multipart/mixed'] },
  { regular: true, mediaTypes: ['application/graphql-response+json', 'application/json'] },
];

/**
 * The content type yoga answers a complete result with for this Accept header, or null when it would
 * stream it (SSE, multipart) or refuse it (406). The same walk as yoga's result processors: the last match wins.
 */
export function regularContentType(accept: string | undefined): string | null {
  const known = byAccept.get(accept ?? '');
  if (known !== undefined) return known;
  const chosen = choose(accept);
  // Clients send a handful of distinct Accept headers: remember them, a bounded number.
  if (byAccept.size < 64) byAccept.set(accept ?? '', chosen);
  return chosen;
}

const byAccept = new Map<string, string | null>();

function choose(accept: string | undefined): string | null {
  const asked: string[] = [];
  for (const item of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType, ...params] = item.split(';');
    if (mediaType === undefined || (params.find((p) => p.includes('charset=')) ?? 'charset=utf-8') !== 'charset=utf-8') continue;
    asked.push(mediaType);
  }
  asked.reverse();
  let chosen: { regular: boolean; mediaType: string } | null = null;
  for (const processor of PROCESSORS) {
    for (const want of asked) {
      const [wantPre, wantSuf] = want.split('/');
      for (const mediaType of processor.mediaTypes) {
        const [pre, suf] = mediaType.split('/');
        if ((wantPre === '*' || wantPre === pre) && (wantSuf === '*' || wantSuf === suf)) chosen = { regular: processor.regular, mediaType };
      }
    }
  }
  return chosen?.regular ? `${chosen.mediaType}; charset=utf-8` : null;
}

const PARAMS = new Set(['query', 'variables', 'operationName', 'extensions']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface YogaHooks { onParamsHooks?: unknown[]; onExecutionResultHooks?: unknown[]; onResultProcessHooks?: unknown[] }

/**
 * Creates the lane for `yoga`. It stays shut (always null) when yoga has hooks the lane would skip: more
 * parameter hooks than yoga's own check, any execution-result hook, or result processors of plugins.
 */
export function createFastLane(yoga: SeedYoga): FastLane {
  const hooks = yoga as unknown as YogaHooks;
  const open = hooks.onParamsHooks?.length === 1 && hooks.onExecutionResultHooks?.length === 0 && hooks.onResultProcessHooks?.length === 1;
  if (!open) return async () => null;

  return async (req, body) => {
    if (req.headers.origin !== undefined || req.headers['apollo-federation-include-trace'] !== undefined) return null;
    if (!/^application\/json(\s*;\s*charset=utf-8)?$/i.test(req.headers['content-type'] ?? '')) return null;
    const contentType = regularContentType(req.headers.accept);
    if (!contentType) return null;

    let params: unknown;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return null;
    }
    if (!isPlainObject(params) || typeof params.query !== 'string') return null;
    for (const key in params) if (!PARAMS.has(key) && params[key] != null) return null;
    const { query, variables, operationName, extensions } = params;
    if (variables != null && !isPlainObject(variables)) return null;
    if (operationName != null && typeof operationName !== 'string') return null;
    if (extensions != null && !isPlainObject(extensions)) return null;

    // Yoga's context holds the request: its own plugins read the method (a parse error is marked for a 400
    // only for a request); the headers are built only if something asks for them.
    const request = {
      method: 'POST',
      url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
      get headers(): Headers {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
        Object.defineProperty(this, 'headers', { value: headers });
        return headers;
      },
    };
    const enveloped = yoga.getEnveloped({ request, params: { query, variables, operationName, extensions } } as never);
    let document;
    try {
      document = enveloped.parse(query);
    } catch {
      return null;
    }
    if (enveloped.validate(enveloped.schema, document).length > 0) return null;
    if (getOperationAST(document, operationName ?? undefined)?.operation !== 'query') return null;
    try {
      const contextValue = await enveloped.contextFactory();
      const result = (await enveloped.execute({ schema: enveloped.schema, document, contextValue, variableValues: variables ?? undefined, operationName: operationName ?? undefined })) as ExecutionResult & { stringify?: (r: unknown) => string };
      if (!result || typeof result !== 'object' || Symbol.asyncIterator in result || result.errors?.length || (result.extensions as { http?: unknown } | undefined)?.http) return null;
      return { status: 200, contentType, body: result.stringify ? result.stringify(result) : JSON.stringify(result) };
    } catch {
      // Whatever went wrong, yoga runs the request again and answers it (masking and logging what it must).
      return null;
    }
  };
}
