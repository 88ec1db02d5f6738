import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type YogaLogger } from 'graphql-yoga';
import { ConfigError, type Config } from './config.ts';
import type { LoadStatus } from './graphql/context.ts';
import { createIngester } from './ingest.ts';
import { listSeedFiles } from './io/scan-folder.ts';
import { watchFolder, type FolderWatcher } from './io/watch-folder.ts';
import { createLocalEventBus, type EventBus } from './server/events.ts';
import { performance } from 'node:perf_hooks';
import { extractArticle } from './core/extract-article.ts';
import { hasLexicon, useLexiconJson } from './core/lexicon.ts';
import { createExtractor } from './extract-pool.ts';
import { defaultCacheFile, extractorVersion, openExtractionCache } from './io/extraction-cache.ts';
import { startReaderThread, type ReaderThread } from './io/reader-thread.ts';
import { createCachedHandler } from './server/http-cache.ts';
import { attachWebSocket } from './server/ws.ts';
import { createSeedYoga, type SeedYoga } from './server/yoga.ts';
import { SeedStore } from './store/seed-store.ts';

/** How long open HTTP responses (SSE streams) get to finish on shutdown before their sockets are cut. */
const SHUTDOWN_GRACE_MS = 2000;

export interface App {
  /** http://host:port/graphql, known once `start()` resolved. */
  readonly url: string;
  readonly store: SeedStore;
  readonly bus: EventBus;
  readonly status: LoadStatus;
  /** Resolves when the initial load has finished (every file read once). */
  readonly loaded: Promise<void>;
  /** WebSocket subscriptions held, and the distinct executions serving them. */
  wsSubscriptions(): { subscribers: number; executions: number };
  /** Hits and misses of the extraction cache since start. */
  cacheStats(): { hits: number; misses: number; enabled: boolean };
  /** Binds the port and starts the watcher; the initial load runs on in the background. */
  start(): Promise<void>;
  /** Closes sockets (1001), streams, the watcher and the server; safe to call twice. */
  stop(): Promise<void>;
}

export interface AppOptions {
  logger?: YogaLogger;
  /** Called as the initial load progresses (every file, and once when done). */
  onProgress?: (status: LoadStatus) => void;
}

/** Wires store, io, events, yoga and graphql-ws into one app that can be started and stopped. */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = new SeedStore();
  const bus = createLocalEventBus();
  const status: LoadStatus = { root: config.seedsDir, phase: 'LOADING', filesTotal: 0, filesDone: 0, startedAt: new Date(), readyAt: null };
  const extractor = createExtractor({ workers: config.extractWorkers, onError: (message, err) => logger.error(message, err) });
  const cache = openExtractionCache(config.cache ? config.cacheFile ?? defaultCacheFile(config.seedsDir) : null, extractorVersion(), logger);
  // A start that will find many extractions in the cache reads on a thread of its own, started now, so that
  // its start-up and its reading of the cache overlap this thread's (yoga, the port, the folder listing).
  let reader: ReaderThread | null = cache.size() >= config.readerThreadMinFiles ? startReader() : null;
  const ingester = createIngester({ root: config.seedsDir, store, bus, maxFileBytes: config.maxFileBytes, partialWriteGraceMs: config.partialWriteGraceMs, extractor, cache, logger });
  // Request bodies are read and capped by the handler in front (http-cache.ts), not by yoga again.
  const yoga = createSeedYoga({ context: { store, bus, status }, logger, graphiql: config.graphiql, maxRequestBodySize: false });
  // Repeated identical queries skip yoga entirely until the store changes (see http-cache.ts).
  // Requests asking for an Apollo inline trace go to an instance of their own, made on the first one.
  let traced: SeedYoga | null = null;
  const tracedYoga = (): SeedYoga => (traced ??= createSeedYoga({ context: { store, bus, status }, logger, graphiql: false, maxRequestBodySize: false, trace: true }));
  const server: Server = createServer(createCachedHandler(yoga, yoga.graphqlEndpoint, () => store.revision, { traced: tracedYoga, onError: (err) => logger.error('unexpected error in the HTTP handler', err) }));
  // Sockets that have not sent a request yet: Node's closeIdleConnections() does not count them as idle
  // (a client's spare keep-alive connection, say), so shutdown destroys them itself.
  const fresh = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    fresh.add(socket);
    socket.once('data', () => fresh.delete(socket));
    socket.once('close', () => fresh.delete(socket));
  });
  const sockets = attachWebSocket(server, yoga, { path: yoga.graphqlEndpoint, initTimeoutMs: config.wsInitTimeoutMs, allowedOrigins: config.allowedOrigins });
  let watcher: FolderWatcher | null = null;
  let url = '';
  let stopping: Promise<void> | null = null;
  let loading: Promise<void> = Promise.resolve();
  let resolveLoaded!: () => void;
  let rejectLoaded!: (err: unknown) => void;
  const loaded = new Promise<void>((res, rej) => ((resolveLoaded = res), (rejectLoaded = rej)));
  loaded.catch(() => {}); // observed through start()'s logging; never an unhandled rejection

  // The full-text index catches up in the background once the load is done (searches catch up first anyway):
  // 4 ms of indexing, then 4 ms off, so a live edit waiting on the loop is held up by one short slice at most.
  // While live edits are flowing it waits, so their events are never held up behind indexing.
  let indexing: NodeJS.Timeout | null = null;
  let lastLiveAt = 0;
  const indexInBackground = (): void => {
    if (indexing || status.phase !== 'READY' || stopping) return;
    indexing = setTimeout(() => {
      indexing = null;
      const quiet = performance.now() - lastLiveAt > 250;
      if (!quiet || store.catchUpIndexes(4) > 0) indexInBackground();
    }, 4);
  };
  const ingest = (sourcePath: string, live = false) => {
    if (live) lastLiveAt = performance.now();
    return ingester.ingest(sourcePath, { live }).then(indexInBackground, (err) => logger.error(`could not ingest ${sourcePath}`, err));
  };

  function startReader(): ReaderThread {
    return startReaderThread({ root: config.seedsDir, maxBytes: config.maxFileBytes, cache: cache.location() }, { onError: (message, err) => logger.error(message, err) });
  }

  async function load(): Promise<void> {
    const { files, problems } = await listSeedFiles(config.seedsDir);
    for (const p of problems) store.recordProblem(p.sourcePath, p.diagnostics, null);
    status.filesTotal = files.length;
    options.onProgress?.(status);
    // Without a reader thread (a cold start, whose time goes to extraction anyway, or a small cache), files
    // are read here, and the cache's entries in one pass.
    if (!reader) cache.preload();
    try {
      await ingester.ingestAll(files, {
        concurrency: config.loadConcurrency,
        reader,
        onEach: () => {
          status.filesDone++;
          options.onProgress?.(status);
        },
        cancelled: () => stopping !== null,
      });
    } finally {
      cache.release();
      reader = null; // closed by ingestAll
    }
    status.phase = 'READY';
    status.readyAt = new Date();
    options.onProgress?.(status);
    indexInBackground();
    // After the load has resolved: the lexicon's parse is no part of it.
    setTimeout(() => void warmUp().catch((err: unknown) => logger.error('could not prepare live extraction', err)), 0).unref();
  }

  /**
   * Live edits are extracted on the main thread: its word lists load now, not on the first edit. The
   * lexicon comes from the cache, or else from a worker (which loaded compromise anyway), and goes into the
   * cache for the next start: this thread never loads compromise itself (~35 MB and ~0.3 s) unless there is
   * neither a cache nor a worker.
   */
  async function warmUp(): Promise<void> {
    if (stopping) return;
    if (!hasLexicon()) {
      const cached = cache.getMeta('lexicon');
      if (!(cached && useLexiconJson(cached))) {
        const json = await extractor.lexicon();
        if (json && !stopping && useLexiconJson(json)) cache.putMeta('lexicon', json);
      }
    }
    if (!stopping) extractArticle('Warm-up\n\nThe word lists load once.\n', 'warm-up.txt');
  }

  return {
    get url() {
      return url;
    },
    store,
    bus,
    status,
    loaded,
    cacheStats: () => cache.stats(),
    wsSubscriptions: () => ({ subscribers: sockets.subscriberCount(), executions: sockets.sharedCount() }),
    async start() {
      const root = await stat(config.seedsDir).catch(() => null);
      if (!root?.isDirectory()) throw new ConfigError(`seed folder ${config.seedsDir} does not exist or is not a folder`);
      await new Promise<void>((res, rej) => {
        const fail = (err: NodeJS.ErrnoException) =>
          rej(err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL'
            ? new ConfigError(`cannot listen on ${config.host}:${config.port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`)
            : err);
        server.once('error', fail);
        server.listen(config.port, config.host, () => (server.off('error', fail), res()));
      });
      const { address, port } = server.address() as AddressInfo;
      url = `http://${address.includes(':') ? `[${address}]` : address}:${port}${yoga.graphqlEndpoint}`;
      // The watcher starts before the scan, so a file written during the load is never missed;
      // the ingester's per-path order and hash check make the overlap harmless.
      if (config.watch) {
        watcher = watchFolder(config.seedsDir, {
          debounceMs: config.debounceMs,
          onSettled: async (sourcePath) => void (await ingest(sourcePath, true)),
          onError: (err) => logger.error('watcher error', err),
        });
        await watcher.ready;
      }
      loading = load().then(resolveLoaded, (err) => {
        logger.error('initial load failed', err);
        rejectLoaded(err);
      });
    },
    stop() {
      stopping ??= (async () => {
        if (indexing) clearTimeout(indexing);
        await sockets.close(1001, 'Server shutting down');
        await watcher?.close();
        ingester.close();
        await reader?.close(); // started, but the load never came to it
        await loading;
        await ingester.idle();
        await extractor.close();
        cache.close();
        await bus.close();
        await new Promise<void>((res) => {
          // Ending the bus completes every SSE stream; give them a moment to write their last event,
          // then cut what is left, since a stalled client would otherwise hold close() forever.
          // close() sweeps idle keep-alive sockets once; a stream that finishes later leaves its socket idle, so sweep on.
          const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
          const sweep = setInterval(() => {
            server.closeIdleConnections();
            for (const socket of fresh) socket.destroy();
          }, 10);
          server.close(() => (clearTimeout(cut), clearInterval(sweep), res()));
        });
      })();
      return stopping;
    },
  };
}
