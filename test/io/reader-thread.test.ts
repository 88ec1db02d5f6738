import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compact } from '../../src/core/body.ts';
import { extractArticle } from '../../src/core/extract-article.ts';
import { decodeEntry, openExtractionCache, wholeExtraction } from '../../src/io/extraction-cache.ts';
import { readSeedFileSync } from '../../src/io/read-seed-file.ts';
import { startReaderThread, type ReaderThread, type ReadResult } from '../../src/io/reader-thread.ts';
import { waitFor } from '../helpers/wait.ts';

const STORY = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead, leader Jane Smith said.\n';
const MAX = 1024;

let root: string;
let reader: ReaderThread | undefined;
const errors: string[] = [];
const onError = (message: string) => errors.push(message);
/** Only the thread reads: what it delivers is what is under test. */
const alone = { onError, help: false };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'seedgraph-reader-'));
  errors.length = 0;
});
afterEach(async () => {
  await reader?.close();
  reader = undefined;
  await rm(root, { recursive: true, force: true });
});

/** A folder with every outcome a read can have; returns the list to read (one path is listed but absent). */
async function mixedFolder(): Promise<string[]> {
  await writeFile(join(root, 'a.txt'), STORY);
  await writeFile(join(root, 'b.txt'), STORY.replace('Harbour', 'Bridge'));
  await writeFile(join(root, 'legacy.txt'), Buffer.from('Caf\xe9 plan\n\nThe caf\xe9 opens.\n', 'latin1'));
  await writeFile(join(root, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
  await writeFile(join(root, 'empty.txt'), '');
  await writeFile(join(root, 'big.txt'), 'x'.repeat(MAX + 1));
  await mkdir(join(root, 'folder.txt'));
  return ['a.txt', 'b.txt', 'legacy.txt', 'image.txt', 'empty.txt', 'big.txt', 'folder.txt', 'gone.txt', '../outside.txt'];
}

const takeAll = (r: ReaderThread, n: number): Promise<(ReadResult | null)[]> =>
  waitFor(Promise.all(Array.from({ length: n }, (_, i) => r.take(i))), 10_000, 'every result');

describe('reader thread', () => {
  it('should deliver, in list order, what a read on this thread gives, with the cache entry of bytes it holds', async () => {
    const files = await mixedFolder();
    const cacheFile = join(root, '..', `${root.split('/').pop()}-cache.sqlite`);
    const cache = openExtractionCache(cacheFile, 'v1', { warn: () => {} });
    try {
      const a = readSeedFileSync(root, 'a.txt', { maxBytes: MAX });
      const b = readSeedFileSync(root, 'b.txt', { maxBytes: MAX });
      if (a.status !== 'ok' || b.status !== 'ok') throw new Error('fixture');
      const extraction = { ...compact(extractArticle(a.text, 'a.txt')), terms: { words: 'harbour plan', counts: Uint16Array.of(2, 1) } };
      cache.put(a.contentHash, 'a.txt', extraction);
      cache.put('0'.repeat(64), 'b.txt', extraction); // other bytes than b.txt holds now
      cache.put(b.contentHash, 'elsewhere/b.txt', extraction); // these bytes, at another path
      cache.flush();

      reader = startReaderThread({ root, maxBytes: MAX, cache: cache.location() }, alone);
      reader.read(files);
      const results = await takeAll(reader, files.length);

      results.forEach((result, i) => {
        const here = readSeedFileSync(root, files[i]!, { maxBytes: MAX });
        expect(result).not.toBeNull();
        if (here.status === 'ok') expect(result!.read).toEqual({ ...here, text: result!.stored ? '' : here.text });
        else expect(result!.read).toEqual(here);
      });
      const [ra, rb, rLegacy, rImage] = results;
      // A hit travels as the stored bytes, and stands for the text.
      expect(wholeExtraction(decodeEntry(ra!.stored!))).toEqual(extraction);
      expect(ra!.read).toMatchObject({ status: 'ok', text: '' });
      // A miss (no entry for these bytes at this path) is null, and carries the text to extract.
      expect(rb!.stored).toBeNull();
      expect(rb!.read).toMatchObject({ status: 'ok', text: b.text });
      expect(rLegacy!.read).toMatchObject({ status: 'ok', encoding: 'windows-1252', diagnostics: [{ code: 'NOT_UTF8' }] });
      // Files that could not be read never ask the cache.
      expect(rImage!).not.toHaveProperty('stored');
      expect(results.slice(3).map((r) => r!.read.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'missing', 'failed']);
      expect(errors).toEqual([]);
    } finally {
      cache.close();
      await rm(cacheFile, { force: true });
    }
  });

  it('should ask no cache when there is none, and hand over results taken in any order', async () => {
    const files = await mixedFolder();
    reader = startReaderThread({ root, maxBytes: MAX, cache: null }, alone);
    const last = reader.take(files.length - 1); // asked for before anything was read
    reader.read(files);
    const lastResult = await waitFor(last, 10_000, 'the last result');
    expect(lastResult!.read).toEqual(readSeedFileSync(root, files.at(-1)!, { maxBytes: MAX }));
    const rest = await Promise.all(files.slice(0, -1).map((_, i) => reader!.take(i)));
    expect(rest.map((r) => r!.read.sourcePath)).toEqual(files.slice(0, -1));
    expect(rest.every((r) => !('stored' in r!))).toBe(true);
    expect((rest[0]!.read as { text: string }).text).toBe(STORY);
  });

  it('should have the main thread read the first files itself while the thread starts, each file once', async () => {
    const files = Array.from({ length: 40 }, (_, i) => `f${i}.txt`);
    for (const [i, file] of files.entries()) await writeFile(join(root, file), STORY.replace('Harbour', `Harbour ${i}`));
    const cacheFile = join(root, 'cache.sqlite');
    const cache = openExtractionCache(cacheFile, 'v1', { warn: () => {} });
    try {
      reader = startReaderThread({ root, maxBytes: MAX, cache: cache.location() }, { onError });
      reader.read(files);
      const results = await takeAll(reader, files.length);
      results.forEach((r, i) => expect(r!.read).toEqual(readSeedFileSync(root, files[i]!, { maxBytes: MAX })));
      // The thread takes tens of milliseconds to start: the first file was read here, so the cache was not asked
      // (the ingest asks it), where the thread answers every file it reads with its entry or null.
      expect(results[0]).not.toHaveProperty('stored');
      expect(errors).toEqual([]);
    } finally {
      cache.close();
    }
  });

  it('should treat a cache file it cannot open as no cache', async () => {
    await writeFile(join(root, 'a.txt'), STORY);
    reader = startReaderThread({ root, maxBytes: MAX, cache: { file: join(root, 'no-such.sqlite'), version: 'v1' } }, alone);
    reader.read(['a.txt']);
    const [result] = await takeAll(reader, 1);
    expect(result).toMatchObject({ read: { status: 'ok', text: STORY } });
    expect(result).not.toHaveProperty('stored');
  });

  it('should answer null for what a failed thread never delivered, and say so once', async () => {
    reader = startReaderThread({ root, maxBytes: MAX, cache: null }, { onError });
    // Entries the readers cannot handle (not strings) make the thread throw, a stand-in for any crash; the main
    // thread, which reads too until the thread is heard from, leaves each it meets to the ordinary read (null).
    // So many that the thread is sure to meet one before the main thread has claimed them all.
    const bogus = Array.from({ length: 2_000_000 }, (_, i) => i) as unknown as string[];
    reader.read(bogus);
    const [first, last] = await waitFor(Promise.all([reader.take(0), reader.take(bogus.length - 1)]), 10_000, 'both takes');
    expect([first, last]).toEqual([null, null]);
    expect(errors).toEqual(['the reader thread stopped before it read every file; reading the rest here']);
  });

  it('should release takes that wait when closed before reading anything', async () => {
    reader = startReaderThread({ root, maxBytes: MAX, cache: null }, alone);
    const waiting = reader.take(0);
    await reader.close();
    expect(await waitFor(waiting, 5000, 'the take to settle')).toBeNull();
    expect(errors).toEqual([]);
  });
});
