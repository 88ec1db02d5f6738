import type { AnyExtraction, Extractor } from './extract-pool.ts';
import type { ExtractionCache } from './io/extraction-cache.ts';
import { readSeedFile, type SeedFileRead } from './io/read-seed-file.ts';
import type { ReaderThread, ReadResult } from './io/reader-thread.ts';
import { toChangeEvent, type EventBus } from './server/events.ts';
import type { Change } from './store/model.ts';
import type { SeedStore } from './store/seed-store.ts';

/** The minimal logger the pipeline reports to (yoga's logger fits). */
export interface IngestLogger {
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

export interface Ingester {
  /**
   * Reads one seed file and applies what it holds; calls for one path run one after another. With
   * `live` (a watcher event), bytes that look cut off mid-write are held back for one more quiet period.
   */
  ingest(sourcePath: string, opts?: { live?: boolean }): Promise<Change | null>;
  /**
   * The initial load: ingests every file, `concurrency` at a time, calling `onEach` after each. With a
   * reader thread, reads come from it, made ahead of time (it is told the files here); a file that has a
   * live event after that is read again in its turn instead, since the reader's bytes may be older.
   */
  ingestAll(files: readonly string[], opts: { concurrency: number; reader: ReaderThread | null; onEach(): void; cancelled(): boolean }): Promise<void>;
  /** Resolves when every ingest started so far has finished. */
  idle(): Promise<void>;
  /** Cancels pending re-checks of held-back files. */
  close(): void;
}

/**
 * Wires io → core → store → bus for one file at a time. Work for one path is serialised, so a read
 * made by the initial scan can never be applied after a newer read made for a watcher event.
 */
export function createIngester(opts: {
  root: string;
  store: SeedStore;
  bus: EventBus;
  maxFileBytes: number;
  /** How long a file that looks cut off mid-write must stay unchanged before it is applied as it is. */
  partialWriteGraceMs: number;
  /** Where extraction runs: worker threads or the main thread. */
  extractor: Extractor;
  /** Extractions kept across restarts, by content hash (a cache that never hits is fine). */
  cache: ExtractionCache;
  logger: IngestLogger;
}): Ingester {
  const running = new Map<string, Promise<Change | null>>();
  const rechecks = new Map<string, NodeJS.Timeout>();
  /**
   * Counts live ingests, and when each path last had one while a load runs, so that a read made ahead of
   * time can tell it is older (kept only while a load runs, so the map never outgrows one).
   */
  let liveTick = 0;
  const liveAt = new Map<string, number>();
  let loads = 0;
  const inOwnTurn = createTurnTaker();

  const apply = (read: SeedFileRead, extracted: AnyExtraction | null): Change | null => {
    const { store } = opts;
    if (read.status === 'missing') return store.remove(read.sourcePath);
    if (read.status === 'failed') {
      store.recordProblem(read.sourcePath, read.diagnostics, read.contentHash);
      return null;
    }
    if (store.hashOf(read.sourcePath) === read.contentHash) {
      store.clearProblem(read.sourcePath);
      return null; // same bytes as served: an editor touched the file, nothing changed
    }
    // Extracted before this turn (off the main thread); null only if the bytes were already being served.
    const { article, diagnostics } = extracted ?? { article: null, diagnostics: [] };
    const all = [...read.diagnostics, ...diagnostics];
    if (!article) {
      store.recordProblem(read.sourcePath, all, read.contentHash);
      return null;
    }
    const more = extracted && 'rest' in extracted ? { rest: extracted.rest } : { terms: extracted?.terms };
    return store.upsert({ sourcePath: read.sourcePath, contentHash: read.contentHash, article, diagnostics: all, updatedAt: read.modifiedAt, ...more });
  };

  const extractCached = async (read: SeedFileRead & { status: 'ok' }, live: boolean, stored?: Uint8Array | null): Promise<AnyExtraction | null> => {
    const hit = opts.cache.get(read.contentHash, read.sourcePath, stored);
    if (hit) return hit;
    let { text } = read;
    if (stored) {
      // The entry read ahead stood for the text, and is damaged (and gone): read the text again. Null (start
      // over) if the file changed meanwhile.
      const again = await readSeedFile(opts.root, read.sourcePath, { maxBytes: opts.maxFileBytes });
      if (again.status !== 'ok' || again.contentHash !== read.contentHash) return null;
      text = again.text;
    }
    // A live edit is one file: the main thread does it sooner than a worker that may have to start first.
    const extraction = await opts.extractor.extract(text, read.sourcePath, { inline: live });
    opts.cache.put(read.contentHash, read.sourcePath, extraction);
    return extraction;
  };

  const run = async (sourcePath: string, live: boolean, ahead: ReadResult | null = null): Promise<Change | null> => {
    const read = ahead?.read ?? await readSeedFile(opts.root, sourcePath, { maxBytes: opts.maxFileBytes });
    clearTimeout(rechecks.get(sourcePath));
    rechecks.delete(sourcePath);
    if (live && read.status === 'ok' && looksCutOff(read.text) && opts.store.hashOf(sourcePath) !== read.contentHash) {
      // A writer that pauses longer than the debounce (a slow copy) leaves a file ending mid-sentence.
      // Serve nothing yet: the next write re-reads at once, and if none comes the bytes are applied as they are.
      rechecks.set(sourcePath, setTimeout(() => void ingest(sourcePath), opts.partialWriteGraceMs));
      return null;
    }
    let extracted: AnyExtraction | null = null;
    if (read.status === 'ok' && opts.store.hashOf(sourcePath) !== read.contentHash) {
      extracted = await extractCached(read, live, ahead?.stored);
      if (!extracted) return run(sourcePath, live);
    }
    const change = await inOwnTurn(() => apply(read, extracted));
    // Published only after the store applied it, so a client that queries on the event sees the new state.
    if (change && opts.bus.heard()) opts.bus.publish(toChangeEvent(change));
    return change;
  };

  const ingest = (sourcePath: string, { live = false } = {}, ahead?: { take: Promise<ReadResult | null>; since: number }): Promise<Change | null> => {
    if (live && loads > 0) liveAt.set(sourcePath, ++liveTick);
    const previous = running.get(sourcePath) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(async () => {
      const read = ahead ? await ahead.take : null;
      return run(sourcePath, live, read && (liveAt.get(sourcePath) ?? 0) <= ahead!.since ? read : null);
    });
    running.set(sourcePath, next);
    const settle = () => {
      if (running.get(sourcePath) === next) running.delete(sourcePath);
    };
    next.then(settle, settle);
    return next;
  };

  return {
    ingest,
    async ingestAll(files, { concurrency, reader, onEach, cancelled }) {
      const since = liveTick; // before the reader reads anything
      loads++;
      reader?.read(files);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < files.length && !cancelled()) {
          const index = next++;
          const sourcePath = files[index]!;
          await ingest(sourcePath, {}, reader ? { take: reader.take(index), since } : undefined)
            .catch((err: unknown) => opts.logger.error(`could not ingest ${sourcePath}`, err));
          onEach();
        }
      };
      try {
        await Promise.all(Array.from({ length: concurrency }, worker));
      } finally {
        if (--loads === 0) liveAt.clear();
        await reader?.close();
      }
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()]);
    },
    close() {
      for (const timer of rechecks.values()) clearTimeout(timer);
      rechecks.clear();
    },
  };
}

/** True for text that stops mid-sentence: no final newline and no sentence-closing mark at the end. */
export function looksCutOff(text: string): boolean {
  return !/\n\s*$/.test(text) && !/[.!?…"”’')\]]\s*$/.test(text);
}

/**
 * Returns a runner that applies `fn`s one at a time, in order, in event-loop turns of their own: each turn
 * applies what is queued for at most `sliceMs`, then yields, so health checks and queries come in between.
 * (One apply per turn was the old rule: a load of thousands of files then waited on as many loop turns.)
 */
export function createTurnTaker(sliceMs = 4): <T>(fn: () => T) => Promise<T> {
  let queue: (() => void)[] = [];
  let head = 0;
  let scheduled = false;
  const drain = (): void => {
    const until = performance.now() + sliceMs;
    while (head < queue.length) {
      const run = queue[head]!;
      queue[head++] = undefined as never;
      run();
      if (performance.now() >= until) break;
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
      scheduled = false;
    } else {
      setImmediate(drain);
    }
  };
  return <T>(fn: () => T) => new Promise<T>((res, rej) => {
    queue.push(() => {
      try {
        res(fn());
      } catch (err) {
        rej(err);
      }
    });
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  });
}
