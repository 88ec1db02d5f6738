import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, subscribeWs, type Subscription, type TestApp } from '../helpers/app.ts';
import { pollUntil } from '../helpers/wait.ts';

interface Event { articleChanged: { kind: string; sourcePath: string; article: { title: string } | null } }

const SUB = 'subscription ($f: ArticleChangeFilter) { articleChanged(filter: $f) { kind sourcePath article { title } } }';
const story = (title: string) => `${title}\n\nThe council said on Monday that the plan would go ahead.\n`;

let t: TestApp;
const subs: Subscription<unknown>[] = [];
afterEach(async () => {
  await Promise.all(subs.splice(0).map((s) => s.dispose()));
  await t?.close();
});

describe('shared subscription executions', () => {
  it('should run one execution for clients with the same document and variables, and stop it with the last', async () => {
    t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
    const clients = await Promise.all(Array.from({ length: 5 }, () => subscribeWs<Event>(t, SUB)));
    subs.push(...(clients as Subscription<unknown>[]));
    await pollUntil(() => t.app.bus.listenerCount() === 1, 5000, 'one shared listener on the bus');
    await t.write('b.txt', story('Bridge reopens'));
    for (const c of clients) {
      const e = await c.events.next((x) => x.articleChanged.sourcePath === 'b.txt', { label: 'the shared event' });
      expect(e.articleChanged).toEqual({ kind: 'CREATED', sourcePath: 'b.txt', article: { title: 'Bridge reopens' } });
    }
    // Clients leaving one by one do not stop the others; the last one stops the execution.
    await clients[0]!.dispose();
    await t.write('c.txt', story('Ferry fares rise'));
    for (const c of clients.slice(1)) await c.events.next((x) => x.articleChanged.sourcePath === 'c.txt', { label: 'the event after one left' });
    expect(t.app.bus.listenerCount()).toBe(1);
    await Promise.all(clients.slice(1).map((c) => c.dispose()));
    await pollUntil(() => t.app.bus.listenerCount() === 0, 5000, 'the shared listener released');
  });

  it('should keep clients with different variables apart, each seeing only its own events', async () => {
    t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
    const onA = await subscribeWs<Event>(t, SUB, { f: { ids: ['a.txt'] } });
    const onB = await subscribeWs<Event>(t, SUB, { f: { ids: ['b.txt'] } });
    const onA2 = await subscribeWs<Event>(t, SUB, { f: { ids: ['a.txt'] } });
    subs.push(onA as Subscription<unknown>, onB as Subscription<unknown>, onA2 as Subscription<unknown>);
    await pollUntil(() => t.app.bus.listenerCount() === 2, 5000, 'two shared listeners (two distinct variable sets)');
    await t.write('b.txt', story('Bridge reopens'));
    await t.write('a.txt', story('Harbour plan delayed'));
    const b = await onB.events.next((x) => x.articleChanged.sourcePath === 'b.txt', { label: 'b on the b client' });
    expect(b.articleChanged.kind).toBe('CREATED');
    for (const c of [onA, onA2]) {
      const a = await c.events.next((x) => x.articleChanged.sourcePath === 'a.txt', { label: 'a on an a client' });
      expect(a.articleChanged).toEqual({ kind: 'UPDATED', sourcePath: 'a.txt', article: { title: 'Harbour plan delayed' } });
      expect(c.events.calls.some((x) => x.articleChanged.sourcePath === 'b.txt')).toBe(false);
    }
  });
});
