/**
 * Extraction off the main thread: a small pool of worker threads running the pure core, so a cold load
 * uses every core while the main thread keeps answering requests and applies results to the store.
 * Workers start on demand and stop after a quiet spell: a loaded, idle service does not keep their memory
 * (each holds its own copy of the word lists). A worker that dies fails only its own tasks, which are then
 * extracted on the main thread; the pool starts a fresh worker for what comes next.
 */
import type { Worker } from 'node:worker_threads';
import { compact, type CompactExtraction, type DeferredExtraction } from './core/body.ts';
import { extractArticle } from './core/extract-article.ts';
import type { PackedTerms } from './core/terms.ts';
import type { ExtractRequest, ExtractResponse } from './workers/extract-worker.ts';
import { spawnWorker } from './workers/spawn.ts';

/** An extraction, with the related-articles vocabulary when a worker counted it. */
export type PooledExtraction = CompactExtraction & { terms?: PackedTerms };

/** An extraction as the ingester applies it: made now, or from the cache with its rest read on first use. */
export type AnyExtraction = PooledExtraction | DeferredExtraction;

export interface Extractor {
  /**
   * The extraction of one file's text; never rejects (the core is total, and a failed worker falls back
   * inline). `inline` extracts on the main thread: for a single live edit, a few milliseconds there beat
   * waking a worker (which takes a second to load its word lists).
   */
  extract(text: string, sourcePath: string, opts?: { inline?: boolean }): Promise<PooledExtraction>;
  /**
   * The lexicon a worker loaded, as JSON (see core/lexicon.ts `lexiconJson`), so the main thread can extract
   * live edits without loading compromise itself; null with no workers, or when the worker fails.
   */
  lexicon(): Promise<string | null>;
  /** Worker threads currently running. */
  workerCount(): number;
  /** Stops every worker; later calls extract inline. */
  close(): Promise<void>;
}

export interface ExtractorOptions {
  /** Worker threads to use; 0 extracts on the main thread. */
  workers: number;
  /** Stop the workers after this long without work. @default 2000 */
  idleMs?: number;
  onError?: (message: string, err: unknown) => void;
}

type Task =
  | { kind: 'extract'; resolve: (e: PooledExtraction) => void; text: string; sourcePath: string }
  | { kind: 'lexicon'; resolve: (json: string | null) => void };
interface Slot { worker: Worker; pending: Map<number, Task> }


/** Creates the extractor: a worker pool when `workers > 0`, the main thread otherwise. */
export function createExtractor(opts: ExtractorOptions): Extractor {
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  let idleTimer: NodeJS.Timeout | null = null;
  const idleMs = opts.idleMs ?? 2000;
  const inline = (text: string, sourcePath: string): PooledExtraction => compact(extractArticle(text, sourcePath));

  const stopAll = async (): Promise<void> => {
    const all = slots.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate()));
  };

  const armIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (slots.some((s) => s.pending.size > 0)) return;
    idleTimer = setTimeout(() => void stopAll(), idleMs);
    idleTimer.unref();
  };

  const spawn = (): Slot => {
    const worker = spawnWorker('extract-worker');
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (res: ExtractResponse) => {
      const task = slot.pending.get(res.id);
      if (!task) return;
      slot.pending.delete(res.id);
      if (task.kind === 'lexicon') task.resolve('lexicon' in res ? res.lexicon : null);
      else if ('extraction' in res) task.resolve(res.terms ? { ...res.extraction, terms: res.terms } : res.extraction);
      else {
        opts.onError?.(`extraction failed in a worker for ${task.sourcePath}; retrying on the main thread`, 'error' in res ? res.error : 'an unexpected reply');
        task.resolve(inline(task.text, task.sourcePath));
      }
      armIdle();
    });
    const fail = (err: unknown): void => {
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      if (slot.pending.size) opts.onError?.(`an extraction worker stopped with ${slot.pending.size} files in hand; extracting them on the main thread`, err);
      for (const task of slot.pending.values()) {
        if (task.kind === 'lexicon') task.resolve(null);
        else task.resolve(inline(task.text, task.sourcePath));
      }
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  /** The least busy worker, or a new one while the pool is below its size. */
  const pick = (): Slot => {
    if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
    const slot = slots.reduce<Slot | null>((best, s) => (!best || s.pending.size < best.pending.size ? s : best), null);
    return !slot || (slot.pending.size > 0 && slots.length < opts.workers) ? spawn() : slot;
  };

  return {
    extract(text, sourcePath, how) {
      if (closed || opts.workers <= 0 || how?.inline) return Promise.resolve(inline(text, sourcePath));
      const slot = pick();
      const id = nextId++;
      return new Promise<PooledExtraction>((resolve) => {
        slot.pending.set(id, { kind: 'extract', resolve, text, sourcePath });
        slot.worker.postMessage({ id, text, sourcePath } satisfies ExtractRequest);
      });
    },
    lexicon() {
      if (closed || opts.workers <= 0) return Promise.resolve(null);
      const slot = pick();
      const id = nextId++;
      return new Promise<string | null>((resolve) => {
        slot.pending.set(id, { kind: 'lexicon', resolve });
        slot.worker.postMessage({ id, lexicon: true } satisfies ExtractRequest);
      });
    },
    workerCount: () => slots.length,
    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      await stopAll();
    },
  };
}
