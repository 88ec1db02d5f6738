/**
 * A fast path in front of yoga for repeated identical queries: a POST /graphql whose exact body, Accept and
 * Origin were answered before, while the store's revision is unchanged, gets the same bytes back without
 * going through yoga at all. Only complete 200 JSON answers are kept; streams (SSE, multipart), traced
 * requests and the load status (`seedStore`, which changes without a revision) always go to yoga. A new
 * revision empties the cache, so an answer never outlives the data it was made from.
 *
 * Health checks (`GET /health`) are answered here too, as yoga answers them.
 *
 * It also reads every request body, capped at `MAX_REQUEST_BODY` (1 MiB; more is refused with 413), and
 * hands it to yoga as a buffer, which is about twice as fast per uncached request as yoga's streamed,
 * re-wrapped body.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFastLane } from './fast-lane.ts';
import { HEALTH_ENDPOINT, YOGA_ID, type SeedYoga } from './yoga.ts';

/** `body` is the text as the lane made it until the first hit encodes it once (a miss writes the text as it is). */
interface Entry { status: number; headers: [string, string][]; body: Buffer | string; size: number }

const MAX_ENTRIES = 1000;
/** How many recent misses are remembered (by their key, or a hash of a long one), to cache an answer only when it is asked for twice. */
const MAX_SEEN = 4096;
const MAX_BODY = 256 * 1024;
/** All cached bodies together stay under this, whatever the mix of queries. */
const MAX_BYTES = 32 * 1024 * 1024;

/** Request bodies above this many bytes are refused (413) unread. */
export const MAX_REQUEST_BODY = 1024 * 1024;

export interface CachedHandlerOptions {
  /** @default MAX_REQUEST_BODY */
  maxRequestBytes?: number;
  /** The yoga for requests asking for an Apollo inline trace (see `createSeedYoga`'s `trace`); the main one if absent. */
  traced?: () => SeedYoga;
  /** Told of an unexpected error here (the client gets a masked 500). */
  onError?: (err: unknown) => void;
}

/**
 * Wraps yoga's Node handler with the cache; `revision` tells when the store changed. Every request body is
 * read here, at most `maxRequestBytes` of it (more is a 413 REQUEST_ENTITY_TOO_LARGE, whether the size was
 * declared or the body is chunked), and handed to yoga as a buffer: yoga's own limit, which re-wraps each
 * body in a stream pipeline, is then not needed (see `createSeedYoga`'s `maxRequestBodySize`).
 */
export function createCachedHandler(yoga: SeedYoga, path: string, revision: () => number, opts: CachedHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const maxRequestBytes = opts.maxRequestBytes ?? MAX_REQUEST_BODY;
  const entries = new Map<string, Entry>();
  let total = 0;
  let at = revision();
  const clear = (): void => { entries.clear(); total = 0; };
  /**
   * Misses seen once, oldest first. Only a request asked for again is cached: a stream of distinct
   * requests (each with its own variables) would otherwise fill the cache with answers never read again,
   * and churn megabytes through the old generation. Kept across revisions: what was popular stays so.
   */
  const seen = new Set<string>();
  const askedBefore = (key: string): boolean => {
    // A short key is its own name (no hashing on the hot path); a long one is named by its hash.
    const digest = key.length <= 512 ? key : createHash('sha1').update(key).digest('base64');
    if (seen.delete(digest)) return true;
    seen.add(digest);
    if (seen.size > MAX_SEEN) seen.delete(seen.values().next().value!);
    return false;
  };

  const traceAsked = (req: IncomingMessage): boolean => req.headers['apollo-federation-include-trace'] !== undefined;
  /** Where a request goes when the cache does not answer it. */
  const target = (req: IncomingMessage): SeedYoga => (traceAsked(req) && opts.traced ? opts.traced() : yoga);

  const cacheable = (req: IncomingMessage): boolean => {
    if (req.method !== 'POST' || traceAsked(req)) return false;
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return false;
    const accept = req.headers.accept ?? '';
    if (/text\/event-stream|multipart\//i.test(accept)) return false;
    const url = req.url ?? '/';
    return url === path || (url.startsWith(path) && url[path.length] === '?');
  };

  const tooLarge = (res: ServerResponse): void => {
    const body = JSON.stringify({ errors: [{ message: `Request body too large: the limit is ${maxRequestBytes} bytes.`, extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
    // The rest of the body is never read: the connection closes after this answer.
    res.shouldKeepAlive = false;
    res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' }).end(body);
  };

  type Answer = { status: number; headers: [string, string][]; bytes: Buffer | string };
  const lane = createFastLane(yoga);
  const fromLane = async (req: IncomingMessage, body: Buffer): Promise<Answer | null> => {
    const a = await lane(req, body);
    return a && { status: a.status, headers: [['content-type', a.contentType]], bytes: a.body };
  };
  const fromYoga = async (req: IncomingMessage, body: Buffer): Promise<Answer> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await yoga.fetch(`http://${req.headers.host ?? 'localhost'}${req.url ?? path}`, { method: 'POST', headers, body }, {});
    const bytes = Buffer.from(await response.arrayBuffer());
    const out: [string, string][] = [];
    response.headers.forEach((value, name) => { if (name !== 'content-length') out.push([name, value]); });
    return { status: response.status, headers: out, bytes };
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    if (revision() !== at) { clear(); at = revision(); }
    const key = `${req.headers.accept ?? ''}\n${req.headers.origin ?? ''}\n${body.toString('utf8')}`;
    const hit = entries.get(key);
    if (hit) {
      if (typeof hit.body === 'string') hit.body = Buffer.from(hit.body);
      res.writeHead(hit.status, hit.headers.concat([['content-length', String(hit.size)]])).end(hit.body);
      return;
    }
    const seenAt = revision();
    const { status, headers: out, bytes } = (await fromLane(req, body)) ?? (await fromYoga(req, body));
    const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    res.writeHead(status, out.concat([['content-length', String(size)]])).end(bytes);
    const json = /json/i.test(out.find(([name]) => name === 'content-type')?.[1] ?? '');
    // Kept only when nothing changed meanwhile and the answer is a whole, ordinary JSON result.
    if (status === 200 && json && size <= MAX_BODY && seenAt === revision() && !key.includes('seedStore') && askedBefore(key)) {
      // Oldest first out, by count and by size (an entry's key is the request body, counted too).
      while (entries.size && (entries.size >= MAX_ENTRIES || total + size + key.length > MAX_BYTES)) {
        const [oldKey, old] = entries.entries().next().value!;
        entries.delete(oldKey);
        total -= old.size + oldKey.length;
      }
      entries.set(key, { status, headers: out, body: bytes, size });
      total += size + key.length;
    }
  };

  return (req, res) => {
    // A load balancer's health check, many a second even while a load keeps this thread busy: answered here as
    // yoga answers it (200, empty, its id), without making a WHATWG Request and Response for it. A browser's
    // (with an Origin, so CORS headers) and any other form go to yoga.
    if (req.url === HEALTH_ENDPOINT && (req.method === 'GET' || req.method === 'HEAD') && req.headers.origin === undefined) {
      res.writeHead(200, { 'x-yoga-id': YOGA_ID, 'content-length': '0' }).end();
      return;
    }
    // No body (GET, HEAD, OPTIONS, a WebSocket upgrade never comes here): straight to yoga.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      void target(req)(req, res);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxRequestBytes) {
      tooLarge(res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > maxRequestBytes) {
        refused = true;
        chunks.length = 0;
        tooLarge(res);
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks, size);
      if (cacheable(req)) {
        answer(req, res, body).catch((err: unknown) => {
          opts.onError?.(err);
          if (res.headersSent) {
            res.destroy();
            return;
          }
          const masked = JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(masked)) }).end(masked);
        });
        return;
      }
      // whatwg-node takes a body already read from `req.body` (a Uint8Array) instead of the spent stream.
      (req as IncomingMessage & { body?: Buffer }).body = body;
      void target(req)(req, res);
    });
  };
}
