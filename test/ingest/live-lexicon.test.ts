/**
 * The main thread extracts live edits, but never loads compromise for it: its lexicon comes from a worker
 * (which loads compromise anyway) on a cold load, and from the extraction cache on a restart. Its own file:
 * which CommonJS modules this process has loaded is the thing under test.
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { pollUntil } from '../helpers/wait.ts';

const STORY = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n\n"We are delighted," said Jane Smith, the council leader.\n';
const compromiseLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => /[\\/]compromise[\\/]/.test(file));

/** A fresh copy of the app and of the core's lexicon module: as a restarted process has them. */
async function fresh() {
  vi.resetModules();
  const [{ startTestApp }, lexicon] = await Promise.all([import('../helpers/app.ts'), import('../../src/core/lexicon.ts')]);
  return { startTestApp, lexicon };
}

let t: TestApp | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the main thread\'s lexicon', () => {
  it('should come from a worker on a cold load and from the cache on a restart, never from compromise', async () => {
    dir = await mkdtemp(join(tmpdir(), 'seedgraph-lexicon-'));
    const cacheFile = join(dir, 'cache.sqlite');
    expect(compromiseLoaded()).toBe(false);

    // Cold: one worker extracts the files and hands its lexicon over.
    let run = await fresh();
    t = await run.startTestApp({ 'a.txt': STORY }, { extractWorkers: 1, cache: true, cacheFile });
    await pollUntil(() => run.lexicon.hasLexicon(), 30_000, 'the main thread\'s lexicon');
    // A live edit is extracted here, on the main thread, with that lexicon: the speaker is found by his given name.
    await t.write('b.txt', STORY.replace('Jane Smith', 'Robert Hale'));
    await pollUntil(async () => (await t!.query('{ article(sourcePath: "b.txt") { people { name } } }')).data?.article?.people.length > 0, 10_000, 'the live edit');
    expect((await t.query('{ article(sourcePath: "b.txt") { people { name } quotes { speaker { name } } } }')).data.article)
      .toEqual({ people: [{ name: 'Robert Hale' }], quotes: [{ speaker: { name: 'Robert Hale' } }] });
    expect(compromiseLoaded()).toBe(false);
    await t.close();
    t = undefined;
    const db = new Database(cacheFile, { readonly: true });
    const stored = db.prepare('SELECT value FROM meta WHERE name = ?').pluck().get('lexicon') as string;
    db.close();
    expect(JSON.parse(stored).lex.london).toBeDefined();

    // Restart with no workers at all: the cache is the only place the lexicon can come from.
    run = await fresh();
    expect(run.lexicon.hasLexicon()).toBe(false);
    t = await run.startTestApp({ 'a.txt': STORY }, { extractWorkers: 0, cache: true, cacheFile });
    await pollUntil(() => run.lexicon.hasLexicon(), 10_000, 'the lexicon from the cache');
    await t.write('c.txt', STORY.replace('Jane Smith', 'Robert Hale'));
    await pollUntil(async () => (await t!.query('{ article(sourcePath: "c.txt") { people { name } } }')).data?.article?.people[0]?.name === 'Robert Hale', 10_000, 'the second live edit');
    expect(compromiseLoaded()).toBe(false);
  }, 60_000);
});
