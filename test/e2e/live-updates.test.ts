import { appendFile, open, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import { startTestApp, subscribeSse, subscribeWs, type Subscription, type TestApp } from '../helpers/app.ts';
import { pollUntil } from '../helpers/wait.ts';

interface Event {
  articleChanged: { kind: string; articleId: string; sourcePath: string; version: number; sequence: number; changedAt: string; article: { title: string; wordCount: number } | null };
}

const SUBSCRIPTION = /* GraphQL */ `subscription Changes($filter: ArticleChangeFilter) {
  articleChanged(filter: $filter) { kind articleId sourcePath version sequence changedAt article { title wordCount } }
}`;

/** A small BBC-style article whose title tells the versions apart. */
const story = (title: string, extra = '') =>
  `${title}\n\nThe council said on Monday that the harbour plan would go ahead${extra}.\n\n"We are delighted with the result," said Jane Smith, the council leader.\n`;

let t: TestApp;
let sub: Subscription<Event>;
const subs: Subscription<unknown>[] = [];

/** Starts the app with one article and one graphql-ws subscriber on every event. */
async function setUp(config: Partial<Config> = {}) {
  t = await startTestApp({ 'a.txt': story('Harbour plan approved') }, config);
  sub = await subscribeWs<Event>(t, SUBSCRIPTION);
  subs.push(sub as Subscription<unknown>);
}

afterEach(async () => {
  await Promise.all(subs.splice(0).map((s) => s.dispose()));
  await t.close();
});

/** The next event for `path` recorded after index `from`. */
const nextFor = (path: string, from = 0, s: Subscription<Event> = sub) =>
  s.events.next((e) => e.articleChanged.sourcePath === path, { from, label: `an event for ${path}` });

describe('articleChanged over graphql-ws', () => {
  beforeEach(() => setUp());

  it('should announce a created file, and a query made on the event should see it', async () => {
    await t.write('b.txt', story('Bridge reopens'));
    const { articleChanged: e } = await nextFor('b.txt');
    expect(e).toMatchObject({ kind: 'CREATED', version: 1, article: { title: 'Bridge reopens' } });
    expect(Date.parse(e.changedAt)).not.toBeNaN();
    const res = await t.query('query($id: ID!) { node(id: $id) { ... on Article { title sourcePath } } }', { id: e.articleId });
    expect(res.data.node).toEqual({ title: 'Bridge reopens', sourcePath: 'b.txt' });
  });

  it('should serve a Markdown file with its front matter, and announce it like any other', async () => {
    await t.write('notes/ferry.md', '---\ntitle: Ferry terminal approved\ndate: 2024-05-02T09:30:00Z\nauthor: Jane Marsh\ntags: [ferries]\n---\n\nThe council approved the terminal, leader Omar Haddad said.\n');
    const { articleChanged: e } = await nextFor('notes/ferry.md');
    expect(e).toMatchObject({ kind: 'CREATED', article: { title: 'Ferry terminal approved' } });
    const res = await t.query('{ article(sourcePath: "notes/ferry.md") { format byline publishedAt tags topics { slug } people { name } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.article).toMatchObject({ format: 'MARKDOWN', byline: 'Jane Marsh', publishedAt: '2024-05-02T09:30:00.000Z', tags: ['ferries'], people: [{ name: 'Omar Haddad' }] });
    expect(res.data.article.topics[0]).toEqual({ slug: 'ferries' });
  });

  it('should give each article its file\'s modification time as updatedAt', async () => {
    const when = new Date('2005-03-01T12:00:00Z');
    await utimes(join(t.dir, 'a.txt'), when, when);
    await t.write('b.txt', story('Bridge reopens'));
    await nextFor('b.txt');
    const res = await t.query('{ a: article(sourcePath: "a.txt") { updatedAt } b: article(sourcePath: "b.txt") { updatedAt } }');
    expect(new Date(res.data.b.updatedAt).getTime()).toBe((await stat(join(t.dir, 'b.txt'))).mtime.getTime());
    // Touching a file changes no byte, so nothing changes, updatedAt included.
    expect(new Date(res.data.a.updatedAt).getTime()).not.toBe(when.getTime());
  });

  it('should announce an edit with the next version and the new content', async () => {
    await t.write('a.txt', story('Harbour plan delayed'));
    const { articleChanged: e } = await nextFor('a.txt');
    expect(e).toMatchObject({ kind: 'UPDATED', version: 2, article: { title: 'Harbour plan delayed' } });
  });

  it('should fire nothing for a write that leaves the content identical', async () => {
    await t.write('a.txt', story('Harbour plan approved'));
    await t.write('marker.txt', story('Marker'));
    await nextFor('marker.txt');
    // Events arrive in order, so the marker's arrival proves the identical write produced none.
    expect(sub.events.calls.map((e) => e.articleChanged.sourcePath)).toEqual(['marker.txt']);
  });

  it('should announce a deletion with a null article', async () => {
    await rm(join(t.dir, 'a.txt'));
    const { articleChanged: e } = await nextFor('a.txt');
    expect(e).toMatchObject({ kind: 'DELETED', version: 2, article: null });
    const res = await t.query('{ article(sourcePath: "a.txt") { title } }');
    expect(res.data.article).toBeNull();
  });

  it('should announce a rename as DELETED for the old path and CREATED for the new', async () => {
    await rename(join(t.dir, 'a.txt'), join(t.dir, 'renamed.txt'));
    const deleted = await nextFor('a.txt');
    const created = await nextFor('renamed.txt');
    expect(deleted.articleChanged.kind).toBe('DELETED');
    expect(created.articleChanged).toMatchObject({ kind: 'CREATED', article: { title: 'Harbour plan approved' } });
  });

  it('should see files in folders created while the service runs', async () => {
    await t.write('2005/politics/deep.txt', story('Deep news'));
    const { articleChanged: e } = await nextFor('2005/politics/deep.txt');
    expect(e).toMatchObject({ kind: 'CREATED', article: { title: 'Deep news' } });
  });




  it('should deliver only the events a filter asks for', async () => {
    await t.write('b.txt', story('Bridge reopens'));
    const { articleChanged: created } = await nextFor('b.txt');
    const only = await subscribeWs<Event>(t, SUBSCRIPTION, { filter: { ids: [created.articleId] } });
    subs.push(only as Subscription<unknown>);
    await t.write('a.txt', story('Harbour plan delayed'));
    await t.write('b.txt', story('Bridge closes again'));
    const first = await only.events.next(() => true);
    expect(first.articleChanged).toMatchObject({ sourcePath: 'b.txt', kind: 'UPDATED' });
    expect(only.events.calls.every((e) => e.articleChanged.sourcePath === 'b.txt')).toBe(true);
  });

  it('should release the bus listener when a client leaves', async () => {
    expect(t.app.bus.listenerCount()).toBe(1);
    await sub.dispose();
    subs.splice(subs.indexOf(sub as Subscription<unknown>), 1);
    await pollUntil(() => t.app.bus.listenerCount() === 0, 5000, 'the listener count to return to zero');
  });
});

describe('articleChanged over SSE', () => {
  beforeEach(() => setUp());

  it('should announce a created file to a graphql-sse client', async () => {
    const sse = await subscribeSse<Event>(t, SUBSCRIPTION);
    subs.push(sse as Subscription<unknown>);
    await t.write('c.txt', story('Ferry timetable changes'));
    const { articleChanged: e } = await sse.events.next((x) => x.articleChanged.sourcePath === 'c.txt');
    expect(e).toMatchObject({ kind: 'CREATED', article: { title: 'Ferry timetable changes' } });
  });
});

// A burst is what falls inside the quiet window. The default 25 ms window is tuned for latency; on a
// loaded 2-core machine the writes of a test's loop can be further apart than that, so these cases
// widen the window to make "one burst" unambiguous. What they check is the coalescing itself.
describe('bursts and partial writes', () => {
  beforeEach(() => setUp({ debounceMs: 200 }));

  it('should turn a burst of writes into one event with the final content', async () => {
    for (let i = 1; i <= 20; i++) await t.write('a.txt', story(`Harbour plan draft ${i}`));
    // Events for one path arrive in order, so once the final draft's event is in, any earlier one would be too.
    await sub.events.next((e) => e.articleChanged.sourcePath === 'a.txt' && e.articleChanged.article?.title === 'Harbour plan draft 20', { label: 'the final draft' });
    const forA = sub.events.calls.filter((e) => e.articleChanged.sourcePath === 'a.txt');
    expect(forA.map((e) => e.articleChanged.article?.title)).toEqual(['Harbour plan draft 20']);
  });

  it('should never publish a half-written file copied in chunks', async () => {
    const full = story('Chunked copy arrives', ', and '.repeat(1) + 'words '.repeat(400).trim());
    const handle = await open(join(t.dir, 'chunked.txt'), 'w');
    for (let i = 0; i < full.length; i += 256) await handle.write(full.slice(i, i + 256));
    await handle.close();
    // The complete file's event; a half-written one, if any, would have come before it.
    await sub.events.next((e) => e.articleChanged.sourcePath === 'chunked.txt' && (e.articleChanged.article?.wordCount ?? 0) > 400, { label: 'the complete copy' });
    const forChunked = sub.events.calls.filter((e) => e.articleChanged.sourcePath === 'chunked.txt');
    expect(forChunked).toHaveLength(1);
    expect(forChunked[0]!.articleChanged.article!.wordCount).toBeGreaterThan(400);
  });

  it('should treat write-to-temp-then-rename as one update of the target', async () => {
    await writeFile(join(t.dir, 'a.txt.tmp'), story('Harbour plan saved atomically'));
    await rename(join(t.dir, 'a.txt.tmp'), join(t.dir, 'a.txt'));
    const { articleChanged: e } = await nextFor('a.txt');
    expect(e).toMatchObject({ kind: 'UPDATED', article: { title: 'Harbour plan saved atomically' } });
    await t.write('marker.txt', story('Marker'));
    await nextFor('marker.txt');
    expect(sub.events.calls.map((c) => c.articleChanged.sourcePath)).toEqual(['a.txt', 'marker.txt']);
  });
});

describe('files cut off mid-write', () => {
  const full = story('Slow copy arrives', ' once the last chunk lands');
  const cut = full.slice(0, full.indexOf('would go') + 'would'.length); // stops mid-sentence, no newline

  it('should hold back a file that stops mid-sentence until the writer finishes it', async () => {
    await setUp({ partialWriteGraceMs: 60_000 }); // longer than the test: only the writer can release it
    await t.write('slow.txt', cut);
    // Two markers on other paths: by the second, the cut-off file's quiet window has long passed.
    await t.write('marker.txt', story('Marker'));
    await nextFor('marker.txt');
    await t.write('marker2.txt', story('Marker two'));
    await nextFor('marker2.txt');
    expect(sub.events.calls.filter((e) => e.articleChanged.sourcePath === 'slow.txt')).toEqual([]);
    await appendFile(join(t.dir, 'slow.txt'), full.slice(cut.length));
    const { articleChanged: e } = await nextFor('slow.txt');
    expect(e).toMatchObject({ kind: 'CREATED', version: 1, article: { title: 'Slow copy arrives' } });
    const res = await t.query('{ article(sourcePath: "slow.txt") { body } }');
    expect(res.data.article.body).toContain('once the last chunk lands');
  });

  it('should apply a file that really ends mid-sentence once it has stayed unchanged', async () => {
    await setUp({ partialWriteGraceMs: 50 });
    await t.write('unfinished.txt', cut);
    const { articleChanged: e } = await nextFor('unfinished.txt');
    expect(e).toMatchObject({ kind: 'CREATED', article: { title: 'Slow copy arrives' } });
  });
});
