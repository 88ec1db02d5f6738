/**
 * The initial load's reads, done ahead of time on a thread of their own (see workers/read-worker.ts): the
 * main thread takes each file's result when its turn comes instead of reading it. If the thread fails, the
 * files it has not delivered get null, and are read the ordinary way.
 */
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

/**
 * Starts the thread; it reads the cache's entries at once, and the files when `read` names them. Start it
 * early, so that its start-up and the cache read overlap the main thread's own.
 */
export function startReaderThread(setup: ReaderSetup, onError: (message: string, err: unknown) => void): ReaderThread {
  const results: (ReadResult | null | undefined)[] = [];
  const waiting = new Map<number, (result: ReadResult | null) => void>();
  let expected = -1;
  let received = 0;
  let over = false;
  const worker = spawnWorker('read-worker', setup);
  worker.unref();

  const end = (err?: unknown): void => {
    if (over) return;
    over = true;
    if (err !== undefined && received !== expected) onError(`the reader thread stopped after ${received} of ${expected < 0 ? 'the' : expected} files; reading the rest here`, err);
    for (const [index, resolve] of waiting) resolve(results[index] ?? null);
    waiting.clear();
  };
  worker.on('message', (message: ReaderMessage) => {
    if ('done' in message) {
      end();
      void worker.terminate();
      return;
    }
    for (const result of message.results) {
      const index = received++;
      const resolve = waiting.get(index);
      if (resolve) {
        waiting.delete(index);
        resolve(result);
      } else {
        results[index] = result;
      }
    }
  });
  worker.on('error', (err) => end(err));
  worker.on('exit', (code) => end(new Error(`the reader thread exited with code ${code}`)));

  return {
    read(files) {
      if (expected >= 0 || over) return;
      expected = files.length;
      worker.postMessage({ files } satisfies ReaderFiles);
    },
    take(index) {
      const result = results[index];
      if (result !== undefined || over || index < received) {
        results[index] = undefined;
        return Promise.resolve(result ?? null);
      }
      return new Promise((resolve) => waiting.set(index, resolve));
    },
    async close() {
      end();
      await worker.terminate();
    },
  };
}
