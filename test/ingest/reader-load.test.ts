/**
 * The initial load through the reader thread (a cache of readerThreadMinFiles entries) must build exactly the store a
 * load on the main thread builds, cold and warm, bad files included; a damaged cache entry read ahead is
 * re-extracted, and a file edited after the reader read it is never served stale.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compact } from '../../src/core/body.ts';
import { extractArticle } from '../../src/core/extract-article.ts';
import type { Extractor } from '../../src/extract-pool.ts';
import { createIngester } from '../../src/ingest.ts';
import { openExtractionCache } from '../../src/io/extraction-cache.ts';
import { readSeedFileSync } from '../../src/io/read-seed-file.ts';
import type { ReaderThread, ReadResult } from '../../src/io/reader-thread.ts';
import { createLocalEventBus } from '../../src/server/events.ts';
import { SeedStore } from '../../src/store/seed-store.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { waitFor } from '../helpers/wait.ts';

const STORY = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n\n"We are delighted," said Jane Smith, the council leader.\n';

const FILES: Record<string, string | Uint8Array> = {
  'a.txt': STORY,
  'world/b.txt': STORY.replace(/Harbour/g, 'Bridge').replace('Jane Smith', 'Tom Jones'),
  'c.md': '---\ntitle: Ferry fares frozen\ntags: [transport]\n---\n\nFares stay where they are, said Ann Lee.\n',
  'legacy.txt': Buffer.from('Caf\xe9 plan\n\nThe caf\xe9 opens, said Bob Stone.\n', 'latin1'),
  'image.txt': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3),
  'empty.txt': '',
};

const STATE = `{
  articles(first: 50) { nodes { id slug title sourcePath format tags byline caption credit body wordCount
    sections { heading paragraphs } quotes { index text speakerName attribution confidence paragraphIndex }
    people { slug name } topics { slug } diagnostics { code severity message line } related(first: 3) { sourcePath } } }
  council: articles(filter: { search: "council delighted" }) { nodes { sourcePath } }
  speaker: quotes(speaker: "jane-smith") { nodes { text article { sourcePath } } }
  people(first: 50) { nodes { slug name } }
  topics(first: 50) { nodes { slug } }
  seedStore { phase articleCount personCount topicCount quoteCount problemCount filesTotal filesDone
    problems { sourcePath contentHash servingLastGood diagnostics { code severity message line } } }
}`;

let dir: string;
let t: TestApp | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seedgraph-reader-load-'));
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts an app over FILES (with `over` changes) using the reader thread or not; returns its state and cache stats. */
async function load(cacheFile: string, reader: boolean, files = FILES) {
  t = await startTestApp(files, { cache: true, cacheFile, readerThreadMinFiles: reader ? 1 : 1_000_000 });
  const state = await t.query(STATE);
  const stats = t.app.cacheStats();
  await t.close();
  t = undefined;
  expect(state.errors).toBeUndefined();
  return { state: state.data, stats };
}

describe('initial load through the reader thread', () => {
  it('should build the same store as a load on the main thread, cold and then warm from the cache', async () => {
    const plain = await load(join(dir, 'plain.sqlite'), false);
    const cold = await load(join(dir, 'ahead.sqlite'), true);
    const warm = await load(join(dir, 'ahead.sqlite'), true);
    expect(plain.state.seedStore).toMatchObject({ articleCount: 4, problemCount: 2, filesTotal: 6, filesDone: 6, phase: 'READY', quoteCount: 2 });
    expect(plain.state.council.nodes.map((n: { sourcePath: string }) => n.sourcePath).sort()).toEqual(['a.txt', 'world/b.txt']);
    expect(plain.state.speaker.nodes).toEqual([{ text: 'We are delighted,', article: { sourcePath: 'a.txt' } }]);
    expect(cold.state).toEqual(plain.state);
    expect(warm.state).toEqual(plain.state);
    expect(cold.stats).toEqual({ hits: 0, misses: 4, enabled: true });
    expect(warm.stats).toEqual({ hits: 4, misses: 0, enabled: true });
  });

  it('should re-extract an article whose cache entry is damaged, and lose nothing', async () => {
    const cacheFile = join(dir, 'damaged.sqlite');
    const before = await load(cacheFile, true);
    const db = new Database(cacheFile);
    expect(db.prepare("UPDATE entries SET value = x'ff00ff' WHERE path = 'a.txt'").run().changes).toBe(1);
    db.close();
    const after = await load(cacheFile, true);
    expect(after.state).toEqual(before.state);
    expect(after.stats).toEqual({ hits: 3, misses: 1, enabled: true });
    // The damaged entry was replaced: the next start hits everything again.
    expect((await load(cacheFile, true)).stats).toEqual({ hits: 4, misses: 0, enabled: true });
  });
});

/** Extraction on this thread, as the pool does with no workers. */
const mainThread = (): Extractor => ({
  extract: async (text, sourcePath) => compact(extractArticle(text, sourcePath)),
  lexicon: async () => null,
  workerCount: () => 0,
  close: async () => {},
});

describe('ingestAll with reads made ahead', () => {
  it('should read a file again, not apply the older bytes, when it had a live event after the reader was told', async () => {
    await writeFile(join(dir, 'a.txt'), STORY);
    await writeFile(join(dir, 'b.txt'), STORY.replace(/Harbour/g, 'Bridge'));
    const staleA = readSeedFileSync(dir, 'a.txt', { maxBytes: 1 << 20 });
    const b = readSeedFileSync(dir, 'b.txt', { maxBytes: 1 << 20 });
    // A reader that read both files before a.txt was edited, and delivers each only when the test says.
    const deliver: ((r: ReadResult) => void)[] = [];
    const taken = [0, 1].map((i) => new Promise<ReadResult | null>((resolve) => (deliver[i] = resolve)));
    const fake: ReaderThread = { read: () => {}, take: (i) => taken[i]!, close: async () => {} };
    const store = new SeedStore();
    const ingester = createIngester({
      root: dir, store, bus: createLocalEventBus(), maxFileBytes: 1 << 20, partialWriteGraceMs: 400, extractor: mainThread(),
      cache: openExtractionCache(null, 'v1', { warn: () => {} }), logger: { error: () => {}, debug: () => {} },
    });
    // One at a time, so a.txt's turn in the load comes only after b.txt's result arrives.
    const loading = ingester.ingestAll(['b.txt', 'a.txt'], { concurrency: 1, reader: fake, onEach: () => {}, cancelled: () => false });
    await writeFile(join(dir, 'a.txt'), STORY.replace('Harbour plan approved', 'Harbour plan delayed'));
    await waitFor(ingester.ingest('a.txt', { live: true }), 5000, 'the live edit'); // the watcher's event for the edit
    expect(store.get('a.txt')?.title).toBe('Harbour plan delayed');
    deliver[0]!({ read: b });
    deliver[1]!({ read: staleA });
    await waitFor(loading, 5000, 'the load');
    expect(store.get('b.txt')?.title).toBe('Bridge plan approved');
    expect(store.get('a.txt')?.title).toBe('Harbour plan delayed');
  });

  it('should apply a read made ahead as it is when no live event came for that file', async () => {
    await writeFile(join(dir, 'a.txt'), STORY);
    const ahead = readSeedFileSync(dir, 'a.txt', { maxBytes: 1 << 20 });
    // The file changes on disk after the read without a live event for it (yet): the read made ahead is what
    // the load applies, proving it is used and not read again; the watcher's event would bring the rest.
    await writeFile(join(dir, 'a.txt'), STORY.replace('Harbour plan approved', 'Harbour plan delayed'));
    const fake: ReaderThread = { read: () => {}, take: async () => ({ read: ahead }), close: async () => {} };
    const store = new SeedStore();
    const ingester = createIngester({
      root: dir, store, bus: createLocalEventBus(), maxFileBytes: 1 << 20, partialWriteGraceMs: 400, extractor: mainThread(),
      cache: openExtractionCache(null, 'v1', { warn: () => {} }), logger: { error: () => {}, debug: () => {} },
    });
    await ingester.ingestAll(['a.txt'], { concurrency: 1, reader: fake, onEach: () => {}, cancelled: () => false });
    expect(store.get('a.txt')?.title).toBe('Harbour plan approved');
  });

  it('should read the text again and extract it when the entry read ahead for it is damaged', async () => {
    await writeFile(join(dir, 'a.txt'), STORY);
    const read = readSeedFileSync(dir, 'a.txt', { maxBytes: 1 << 20 });
    if (read.status !== 'ok') throw new Error('fixture');
    // As the thread sends a hit: the entry's bytes, and no text (the entry stands for it). The bytes are not JSON.
    const fake: ReaderThread = { read: () => {}, take: async () => ({ read: { ...read, text: '' }, stored: Uint8Array.of(0xff, 0, 0xff) }), close: async () => {} };
    const cache = openExtractionCache(join(dir, 'c.sqlite'), 'v1', { warn: () => {} });
    const store = new SeedStore();
    const ingester = createIngester({
      root: dir, store, bus: createLocalEventBus(), maxFileBytes: 1 << 20, partialWriteGraceMs: 400, extractor: mainThread(),
      cache, logger: { error: () => {}, debug: () => {} },
    });
    await ingester.ingestAll(['a.txt'], { concurrency: 1, reader: fake, onEach: () => {}, cancelled: () => false });
    expect(store.get('a.txt')?.title).toBe('Harbour plan approved');
    expect(store.get('a.txt')?.quotes.map((q) => q.speaker)).toEqual(['Jane Smith']);
    expect(cache.stats()).toEqual({ hits: 0, misses: 1, enabled: true });
    cache.flush();
    expect(cache.get(read.contentHash, 'a.txt')?.article?.title).toBe('Harbour plan approved'); // stored again, whole
    cache.close();
  });
});
