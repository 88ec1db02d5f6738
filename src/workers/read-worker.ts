/**
 * Reader thread body: for an initial load, reads every file with blocking calls, hashes and decodes it, and
 * looks its extraction up in the cache, ahead of the main thread, which then only applies what comes back.
 * It starts with the app, so that its own start-up overlaps the main thread's; the file list comes once the
 * folder is listed. Results go back in list order, in batches; a cached entry travels as bytes
 * (moved, not copied) and without the text it stands for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStoredLookup } from '../io/extraction-cache.ts';
import { readSeedFileSync, type SeedFileRead } from '../io/read-seed-file.ts';

type StoredLookup = NonNullable<ReturnType<typeof openStoredLookup>>;

export interface ReaderSetup {
  root: string;
  maxBytes: number;
  /** The extraction cache to look entries up in; null: none. */
  cache: { file: string; version: string } | null;
}

/**
 * The files to read, relative to the root, sent once; `next` (shared) is the next index to read, claimed
 * with an atomic add by this thread and by the main thread alike, so each file is read exactly once.
 */
export interface ReaderFiles { files: readonly string[]; next: Int32Array }

/**
 * One file as read. `stored` is the cache entry found for its bytes (then `read.text` is empty: the entry
 * stands for it), null when the cache holds none, and absent when the cache was not asked.
 */
export interface ReadResult { read: SeedFileRead; stored?: Uint8Array | null }

/** A batch of results, for the files at `indexes` in the list; then `done`, once every file is claimed. */
export type ReaderMessage = { indexes: number[]; results: ReadResult[] } | { done: true };

/** Results wait at most this long for company before they are sent. */
const BATCH_MS = 4;
const BATCH_SIZE = 32;

/** Reads the files it claims, in order, looking each up in the cache (when `lookup` is there). */
function readAll(setup: ReaderSetup, lookup: StoredLookup | null, { files, next }: ReaderFiles, send: (message: ReaderMessage, transfer: ArrayBuffer[]) => void): void {
  let indexes: number[] = [];
  let batch: ReadResult[] = [];
  let transfer: ArrayBuffer[] = [];
  let since = performance.now();
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    const read = readSeedFileSync(setup.root, files[index]!, { maxBytes: setup.maxBytes });
    const result: ReadResult = { read };
    if (lookup && read.status === 'ok') {
      let stored: Buffer | null;
      try {
        stored = result.stored = lookup.get(read.contentHash, read.sourcePath);
      } catch {
        stored = null; // not asked after all: the main thread's cache answers
      }
      if (stored) {
        read.text = '';
        const { buffer, byteOffset, byteLength } = stored;
        // Moved when the entry owns its memory whole; copied with the message otherwise.
        if (byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) transfer.push(buffer);
      }
    }
    indexes.push(index);
    batch.push(result);
    if (batch.length >= BATCH_SIZE || performance.now() - since >= BATCH_MS) {
      send({ indexes, results: batch }, transfer);
      indexes = [];
      batch = [];
      transfer = [];
      since = performance.now();
    }
  }
  send({ indexes, results: batch }, transfer);
  send({ done: true }, []);
}

if (parentPort) {
  const port = parentPort;
  const setup = (workerData as { data: ReaderSetup }).data;
  const lookup = setup.cache && openStoredLookup(setup.cache.file, setup.cache.version);
  port.once('message', (job: ReaderFiles) => {
    try {
      readAll(setup, lookup, job, (message, transfer) => port.postMessage(message, transfer));
    } finally {
      lookup?.close();
    }
  });
}
