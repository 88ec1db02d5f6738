/**
 * The initial load's reads, done ahead of time on a thread of their own (see workers/read-worker.ts): the
 * main thread takes each file's result when its turn comes instead of reading it. The two claim files from
 * one shared counter, in list order, and whenever the main thread would wait for a result (while the thread
 * starts, ~100 ms, or when it falls behind) it reads the next files itself instead. If the thread fails, the
 * files it has not delivered get null, and are read the ordinary way.
 */
import { readSeedFileSync } from './read-seed-file.ts';
import type { ReaderFiles, ReaderMessage, ReaderSetup, ReadResult } from '../workers/read-worker.ts';
import { spawnWorker } from '../workers/spawn.ts';

export type { ReaderSetup, ReadResult };

export interface ReaderThread {
  /** Starts reading `files` (once); results are taken by index into them. */
  read(files: readonly string[]): void;
  /** The result for `files[index]`, once read; null when the thread failed first. Each index is taken once. */
  take(index: number): Promise<ReadResult | null>;
  /** Stops the thread; what it has not delivered gets null. */
  close(): Promise<void>;
}

export interface ReaderThreadOptions {
  onError(message: string, err: unknown): void;
  /**
   * Whenever it would wait for a result, the main thread reads files too (blocking reads, in slices of a few
   * milliseconds, without a cache lookup: the ingest asks the cache). Off, only the thread reads.
   * @default true
   */
  help?: boolean;
}

/** While results are awaited, the main thread reads files itself in slices this long. */
const HELP_SLICE_MS = 4;

/**
 * Starts the thread; it opens the cache at once, and reads the files when `read` names them. Start it
 * early, so that its start-up overlaps the main thread's own.
 */
export function startReaderThread(setup: ReaderSetup, opts: ReaderThreadOptions): ReaderThread {
  const { onError, help: helps = true } = opts;
  /** Delivered and not yet taken; null: read it the ordinary way. */
  const results: (ReadResult | null | undefined)[] = [];
  const waiting = new Map<number, (result: ReadResult | null) => void>();
  let files: readonly string[] | null = null;
  /** The next index to claim, shared with the thread. */
  let next: Int32Array | null = null;
  let helping = false;
  let over = false;
  const worker = spawnWorker('read-worker', setup);
  worker.unref();

  const deliver = (index: number, result: ReadResult | null): void => {
    const resolve = waiting.get(index);
    if (resolve) {
      waiting.delete(index);
      resolve(result);
    } else {
      results[index] = result;
    }
  };
  const end = (err?: unknown): void => {
    if (over) return;
    over = true;
    if (err !== undefined && files && Atomics.load(next!, 0) < files.length) onError('the reader thread stopped before it read every file; reading the rest here', err);
    for (const [index, resolve] of waiting) resolve(results[index] ?? null);
    waiting.clear();
  };
  /** While a result is awaited, the main thread claims and reads files too (no cache lookup: the ingest asks). */
  const help = (): void => {
    helping = false;
    if (over || !files || waiting.size === 0) return;
    const until = performance.now() + HELP_SLICE_MS;
    while (performance.now() < until) {
      const index = Atomics.add(next!, 0, 1);
      if (index >= files.length) return;
      let result: ReadResult | null = null;
      try {
        result = { read: readSeedFileSync(setup.root, files[index]!, { maxBytes: setup.maxBytes }) };
      } catch {
        // Left to the ordinary read, which reports what is wrong.
      }
      deliver(index, result);
    }
    scheduleHelp();
  };
  /** Runs `help` in a turn of its own, once at a time, when there are files and helping is on. */
  const scheduleHelp = (): void => {
    if (!helps || !files || helping) return;
    helping = true;
    setImmediate(help);
  };
  worker.on('message', (message: ReaderMessage) => {
    if ('done' in message) {
      end();
      void worker.terminate();
      return;
    }
    message.indexes.forEach((index, i) => deliver(index, message.results[i]!));
  });
  worker.on('error', (err) => end(err));
  worker.on('exit', (code) => end(new Error(`the reader thread exited with code ${code}`)));

  return {
    read(list) {
      if (files || over) return;
      files = list;
      next = new Int32Array(new SharedArrayBuffer(4));
      worker.postMessage({ files, next } satisfies ReaderFiles);
      if (waiting.size > 0) scheduleHelp();
    },
    take(index) {
      if (index in results || over) {
        const result = results[index] ?? null;
        delete results[index];
        return Promise.resolve(result);
      }
      scheduleHelp();
      return new Promise((resolve) => waiting.set(index, resolve));
    },
    async close() {
      end();
      await worker.terminate();
    },
  };
}
