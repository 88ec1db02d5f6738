import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { compact } from '../../src/core/body.ts';
import { extractArticle } from '../../src/core/extract-article.ts';
import { defaultCacheFile, extractorVersion, openExtractionCache, wholeExtraction, type ExtractionCache } from '../../src/io/extraction-cache.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const STORY = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead, leader Jane Smith said.\n';

/** A hit, its rest read now (null for a miss). */
const whole = (cache: ExtractionCache, hash: string, path: string) => {
  const hit = cache.get(hash, path);
  return hit && wholeExtraction(hit);
};

let dir: string;
let t: TestApp | undefined;
const warnings: string[] = [];
const logger = { warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seedgraph-cache-test-'));
  warnings.length = 0;
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('extraction cache', () => {
  it('should return what was stored, across reopening, for the same hash, path and version only', () => {
    const file = join(dir, 'c.sqlite');
    const extraction = { ...extractArticle(STORY, 'a.txt'), terms: { words: 'harbour steam', counts: Uint16Array.of(2, 1) } };
    const first = openExtractionCache(file, 'v1', logger);
    expect(first.get('h1', 'a.txt')).toBeNull();
    first.put('h1', 'a.txt', extraction);
    first.close();
    const again = openExtractionCache(file, 'v1', logger);
    expect(whole(again, 'h1', 'a.txt')).toEqual(extraction);
    expect(again.get('h2', 'a.txt')).toBeNull(); // changed content
    expect(again.get('h1', 'b.txt')).toBeNull(); // same bytes, other path (person keys depend on it)
    expect(again.stats()).toEqual({ hits: 1, misses: 2, enabled: true });
    again.close();
    const newer = openExtractionCache(file, 'v2', logger);
    expect(newer.get('h1', 'a.txt')).toBeNull(); // changed extractor
    newer.close();
    expect(warnings).toEqual([]);
  });

  it('should keep a value per name and extractor version beside the extractions', () => {
    const file = join(dir, 'meta.sqlite');
    const first = openExtractionCache(file, 'v1', logger);
    expect(first.getMeta('lexicon')).toBeNull();
    first.putMeta('lexicon', '{"lex":{}}');
    first.putMeta('lexicon', '{"lex":{"a":"B"}}');
    first.close();
    const again = openExtractionCache(file, 'v1', logger);
    expect(again.getMeta('lexicon')).toBe('{"lex":{"a":"B"}}');
    expect(again.getMeta('other')).toBeNull();
    again.close();
    const newer = openExtractionCache(file, 'v2', logger);
    expect(newer.getMeta('lexicon')).toBeNull(); // made by another extractor
    newer.close();
    const off = openExtractionCache(null, 'v1', logger);
    off.putMeta('lexicon', 'x');
    expect(off.getMeta('lexicon')).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('should answer from a preload exactly as from queries, and query again once released', () => {
    const file = join(dir, 'c.sqlite');
    const a = { ...extractArticle(STORY, 'a.txt'), terms: { words: 'harbour', counts: Uint16Array.of(1) } };
    const b = extractArticle(STORY.replace('Harbour', 'Airport'), 'b.txt');
    const first = openExtractionCache(file, 'v1', logger);
    first.put('h1', 'a.txt', a);
    first.put('h2', 'b.txt', b);
    first.close();
    const cache = openExtractionCache(file, 'v1', logger);
    cache.preload();
    cache.put('h3', 'c.txt', b); // written during the load: not in the preload
    expect(whole(cache, 'h1', 'a.txt')).toEqual(a);
    expect(cache.get('hX', 'b.txt')).toBeNull(); // b.txt changed since it was cached
    expect(cache.get('h1', 'b.txt')).toBeNull();
    cache.release();
    expect(whole(cache, 'h2', 'b.txt')).toEqual(b);
    cache.flush();
    expect(whole(cache, 'h3', 'c.txt')).toEqual(b);
    expect(cache.stats()).toEqual({ hits: 3, misses: 2, enabled: true });
    cache.close();
    expect(warnings).toEqual([]);
  });

  it('should rebuild a corrupt cache file instead of failing', async () => {
    const file = join(dir, 'c.sqlite');
    await writeFile(file, 'this is not a database'.repeat(100));
    const cache = openExtractionCache(file, 'v1', logger);
    expect(warnings.join(' ')).toMatch(/rebuilding/);
    const extraction = extractArticle(STORY, 'a.txt');
    cache.put('h1', 'a.txt', extraction);
    cache.flush();
    expect(whole(cache, 'h1', 'a.txt')).toEqual(extraction);
    cache.close();
  });

  it('should miss, and drop, an entry whose deferred rest was damaged, though it still parses', () => {
    const file = join(dir, 'c.sqlite');
    const cache = openExtractionCache(file, 'v1', logger);
    const extraction = { ...compact(extractArticle(STORY, 'a.txt')), terms: { words: 'harbour plan', counts: Uint16Array.of(2, 1) } };
    cache.put('h1', 'a.txt', extraction);
    cache.flush();
    const db = new Database(file);
    const [head, rest] = String(db.prepare("SELECT value FROM entries WHERE path = 'a.txt'").pluck().get()).split('\n');
    expect(JSON.parse(rest!).sections).toEqual(extraction.article!.sections); // the second line is the rest
    // Still JSON, but not what was stored: the rest is only parsed when first read, so its hash catches this now.
    const damaged = `${head}\n${rest!.replace('council', 'councjl')}`;
    db.prepare("UPDATE entries SET value = ? WHERE path = 'a.txt'").run(Buffer.from(damaged));
    db.close();
    expect(cache.get('h1', 'a.txt')).toBeNull();
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 1 });
    expect(cache.get('h1', 'a.txt')).toBeNull(); // dropped: a plain miss now
    cache.close();
  });

  it('should never hit when off, and key the default file by seed folder', () => {
    const off = openExtractionCache(null, 'v1', logger);
    off.put('h1', 'a.txt', extractArticle(STORY, 'a.txt'));
    expect(off.get('h1', 'a.txt')).toBeNull();
    expect(off.stats().enabled).toBe(false);
    const env = { HOME: '/home/x' };
    expect(defaultCacheFile('/data/a', env)).toMatch(/^\/home\/x\/\.cache\/seedgraph\/extractions-[0-9a-f]{12}\.sqlite$/);
    expect(defaultCacheFile('/data/a', env)).not.toBe(defaultCacheFile('/data/b', env));
    expect(extractorVersion()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('should serve a restart from the cache, and re-extract a file that changed meanwhile', async () => {
    const cacheFile = join(dir, 'app.sqlite');
    const files = { 'a.txt': STORY, 'b.txt': STORY.replace('Harbour', 'Bridge') };
    t = await startTestApp(files, { cache: true, cacheFile });
    const before = (await t.query('{ articles(first: 5) { nodes { title people { name } topics { slug } } } }')).data;
    await t.close();
    t = await startTestApp({ ...files, 'b.txt': STORY.replace('Harbour', 'Ferry') }, { cache: true, cacheFile });
    const after = (await t.query('{ articles(first: 5) { nodes { title people { name } topics { slug } } } }')).data;
    expect(t.app.cacheStats()).toEqual({ hits: 1, misses: 1, enabled: true });
    expect(after.articles.nodes[0]).toEqual(before.articles.nodes[0]);
    expect(after.articles.nodes[1].title).toBe('Ferry plan approved');
  });

  it('should start with a corrupt cache file, rebuilding it', async () => {
    const cacheFile = join(dir, 'broken.sqlite');
    await writeFile(cacheFile, Buffer.alloc(4096, 7));
    t = await startTestApp({ 'a.txt': STORY }, { cache: true, cacheFile });
    const res = await t.query('{ article(sourcePath: "a.txt") { title } }');
    expect(res.data.article.title).toBe('Harbour plan approved');
  });
});
