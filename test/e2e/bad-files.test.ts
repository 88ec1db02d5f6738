import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient as createSseClient } from 'graphql-sse';
import { startTestApp, subscribeWs, type TestApp } from '../helpers/app.ts';
import { pollUntil, waitFor } from '../helpers/wait.ts';

const GOOD = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n';
const PROBLEMS = `{ seedStore { phase articleCount problems { sourcePath servingLastGood diagnostics { code severity message } } } }`;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('bad files', () => {
  it('should report each bad file with a reason and keep serving the good ones', async () => {
    const latin1 = Buffer.concat([Buffer.from('Prices rise\n\nA ticket now costs '), Buffer.from([0xa3]), Buffer.from('5 in the city.\n')]);
    t = await startTestApp({
      'good.txt': GOOD,
      'empty.txt': '',
      'blank.txt': ' \n\n \n',
      'binary.txt': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]),
      'huge.txt': 'Big\n\n' + 'word '.repeat(4000),
      'latin1.txt': latin1,
    }, { maxFileBytes: 10_000 });
    const res = await t.query(PROBLEMS);
    expect(res.errors).toBeUndefined();
    const codes = Object.fromEntries(res.data.seedStore.problems.map((p: any) => [p.sourcePath, p.diagnostics.map((d: any) => d.code)]));
    expect(codes).toMatchObject({ 'empty.txt': ['EMPTY_FILE'], 'blank.txt': ['EMPTY_FILE'], 'binary.txt': ['BINARY_FILE'], 'huge.txt': ['FILE_TOO_LARGE'] });
    for (const p of res.data.seedStore.problems) for (const d of p.diagnostics) expect(d.message.length).toBeGreaterThan(10);

    const latin = await t.query('{ article(sourcePath: "latin1.txt") { body diagnostics { code } } }');
    expect(latin.data.article.body).toContain('£5');
    expect(latin.data.article.diagnostics.map((d: any) => d.code)).toContain('NOT_UTF8');
    const good = await t.query('{ article(sourcePath: "good.txt") { title } }');
    expect(good.data.article.title).toBe('Harbour plan approved');
  });

  it('should keep the last good article when its file turns bad, and report it', async () => {
    t = await startTestApp({ 'a.txt': GOOD });
    await t.write('a.txt', '');
    await pollUntil(() => t!.app.store.listProblems().length > 0, 5000, 'the problem to be recorded');
    const res = await t.query(PROBLEMS);
    expect(res.data.seedStore.problems).toMatchObject([{ sourcePath: 'a.txt', servingLastGood: true, diagnostics: [{ code: 'EMPTY_FILE' }] }]);
    const served = await t.query('{ article(sourcePath: "a.txt") { title } }');
    expect(served.data.article.title).toBe('Harbour plan approved');
  });
});

describe('shutdown', () => {
  it('should close sockets with 1001, release the port and every listener', async () => {
    t = await startTestApp({ 'a.txt': GOOD });
    const sub = await subscribeWs(t, 'subscription { articleChanged { kind } }');
    const raw = new WebSocket(t.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((res) => raw.on('close', (code) => res(code)));
    await new Promise((res) => raw.on('open', res));
    const port = Number(new URL(t.url).port);
    await t.app.stop();
    expect(await closed).toBe(1001);
    expect(t.app.bus.listenerCount()).toBe(0);
    const refused = await new Promise<boolean>((res) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => (socket.destroy(), res(false)));
      socket.on('error', () => res(true));
    });
    expect(refused).toBe(true);
    await sub.dispose();
  });

  it('should complete SSE streams cleanly rather than cut them', async () => {
    t = await startTestApp({ 'a.txt': GOOD });
    const client = createSseClient({ url: t.url, retryAttempts: 0 });
    // graphql-sse calls `complete` for a stream the server ended, `error` for a cut connection.
    const ended = new Promise<'complete' | 'error'>((res) => {
      client.subscribe({ query: 'subscription { articleChanged { kind } }' }, { next: () => {}, error: () => res('error'), complete: () => res('complete') });
    });
    await pollUntil(() => t!.app.bus.listenerCount() === 1, 5000, 'the SSE subscription on the bus');
    const started = Date.now();
    await t.app.stop();
    expect(await waitFor(ended, 5000, 'the SSE stream to end')).toBe('complete');
    expect(Date.now() - started).toBeLessThan(1500); // completed, not cut at the grace deadline
    client.dispose();
  });
});
