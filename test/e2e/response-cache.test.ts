import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, subscribeWs, type Subscription, type TestApp } from '../helpers/app.ts';
import { pollUntil } from '../helpers/wait.ts';

const story = (title: string) => `${title}\n\nThe council said on Monday that the plan would go ahead.\n`;
const LIST = '{ articles(first: 10) { totalCount nodes { title } } }';

let t: TestApp;
let sub: Subscription<{ articleChanged: { sourcePath: string; version: number } }> | undefined;
afterEach(async () => {
  await sub?.dispose();
  sub = undefined;
  await t?.close();
});

describe('response cache', () => {
  it('should answer a repeated query from memory, and never serve it stale after a change', async () => {
    t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
    sub = await subscribeWs(t, 'subscription { articleChanged { sourcePath version } }');
    const spy = vi.spyOn(t.app.store, 'queryArticles');
    expect((await t.query(LIST)).data.articles).toEqual({ totalCount: 1, nodes: [{ title: 'Harbour plan approved' }] });
    // Asked for once, an answer is not kept; asked for again, it is.
    expect((await t.query(LIST)).data.articles.totalCount).toBe(1);
    expect(spy).toHaveBeenCalledTimes(2);
    expect((await t.query(LIST)).data.articles.totalCount).toBe(1);
    expect(spy).toHaveBeenCalledTimes(2); // the third answer came from the cache

    // An edit: the next answer is fresh.
    await t.write('a.txt', story('Harbour plan delayed'));
    await sub.events.next((e) => e.articleChanged.sourcePath === 'a.txt' && e.articleChanged.version === 2, { label: 'the edit event' });
    expect((await t.query(LIST)).data.articles.nodes).toEqual([{ title: 'Harbour plan delayed' }]);
    // A new file changes the list it was never in.
    await t.write('b.txt', story('Bridge reopens'));
    await sub.events.next((e) => e.articleChanged.sourcePath === 'b.txt', { label: 'the create event' });
    expect((await t.query(LIST)).data.articles.totalCount).toBe(2);
    spy.mockRestore();
  });

  it('should not cache the load status, and see a new file problem at once', async () => {
    t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
    const Q = '{ seedStore { articleCount problems { sourcePath } } }';
    expect((await t.query(Q)).data.seedStore).toEqual({ articleCount: 1, problems: [] });
    const before = t.app.store.revision;
    await t.write('empty.txt', '');
    // The problem has no change event: wait for the store to record it.
    await pollUntil(() => t.app.store.revision > before, 5000, 'the problem being recorded');
    expect((await t.query(Q)).data.seedStore.problems).toEqual([{ sourcePath: 'empty.txt' }]);
  });
});

describe('health checks in front of yoga', () => {
  it('should answer GET and HEAD /health as yoga answers them, and leave other forms to yoga', async () => {
    t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
    const origin = t.url.replace(/\/graphql$/, '');
    const summary = async (res: Response) => ({ status: res.status, id: res.headers.get('x-yoga-id'), body: await res.text() });
    // With an Origin the request goes to yoga (which adds CORS headers): the reference answer.
    const fromYoga = await fetch(`${origin}/health`, { headers: { origin: 'http://example.com' } });
    expect(fromYoga.headers.get('access-control-allow-origin')).toBe('http://example.com');
    const reference = await summary(fromYoga);
    expect(reference).toEqual({ status: 200, id: 'yoga', body: '' });
    expect(await summary(await fetch(`${origin}/health`))).toEqual(reference);
    expect(await summary(await fetch(`${origin}/health`, { method: 'HEAD' }))).toEqual(reference);
    // Other paths and methods are yoga's to answer, as before.
    expect((await fetch(`${origin}/health?probe=1`)).status).toBe(404);
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
  });
});
