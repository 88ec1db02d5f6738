/**
 * GraphiQL in a real browser (Debian's chromium driven by playwright-core; no browser is ever downloaded):
 * the page renders offline, runs its default query, and runs a subscription over WebSocket that shows a
 * file written to the seed folder. Skipped when /usr/bin/chromium is missing (.ci/run installs it).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { CallRecorder, pollUntil } from '../helpers/wait.ts';

const CHROMIUM = '/usr/bin/chromium';
const SUBSCRIPTION = 'subscription { articleChanged { kind sourcePath } }';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A small article whose first line is its title. */
const story = (title: string) =>
  `${title}\n\nThe council said on Monday that the harbour plan would go ahead.\n\n"We are delighted with the result," said Jane Smith, the council leader.\n`;

/** Matches exactly `text`, whatever the whitespace (Monaco renders spaces as non-breaking ones). */
const exactly = (text: string) =>
  new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+')}\\s*$`);

/** The host a URL reaches: blob: URLs belong to the page's origin; data: URLs reach nothing. */
function hostOf(url: string): string | null {
  const u = new URL(url);
  if (u.protocol === 'data:') return null;
  if (u.protocol === 'blob:') return new URL(u.pathname).hostname;
  return u.hostname;
}

describe.skipIf(!existsSync(CHROMIUM))('GraphiQL in a browser', () => {
  let t: TestApp;
  let browser: Browser | undefined;
  let page: Page;
  /** Every URL the page asked for: HTTP requests (its workers' included) and WebSocket connections. */
  const urls: string[] = [];
  const pageErrors: string[] = [];
  /** graphql-ws frames, parsed; waiters wake on each one. */
  const wsSent = new CallRecorder<{ type: string; payload?: unknown }>();
  const wsReceived = new CallRecorder<{ type: string; payload?: unknown }>();

  beforeAll(async () => {
    t = await startTestApp({ 'a.txt': story('Harbour plan approved') });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    page.on('request', (req) => urls.push(req.url()));
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('websocket', (ws) => {
      urls.push(ws.url());
      ws.on('framesent', (f) => wsSent.record(JSON.parse(String(f.payload))));
      ws.on('framereceived', (f) => wsReceived.record(JSON.parse(String(f.payload))));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('should run the default query and a live subscription, with every request staying on localhost', async () => {
    // A browser navigation (Accept: text/html) gets GraphiQL. Its ~9 MB inlined bundle takes 5-10 s to parse
    // and start, so wait for the response only, then for the editor with its own timeout.
    const res = await page.goto(t.url, { waitUntil: 'commit' });
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toMatch(/^text\/html/);

    // GraphiQL 5 renders its editors with Monaco.
    const queryEditor = page.locator('section.graphiql-query-editor .monaco-editor');
    // Its text, without the line-number gutter.
    const queryText = queryEditor.locator('.view-lines').first();
    await queryEditor.waitFor({ timeout: 25_000 });
    await queryText.filter({ hasText: 'articles(first: 5)' }).waitFor({ timeout: 5000 });

    // Run the default query: the result pane shows the seed article.
    const execute = page.locator('button.graphiql-execute-button');
    const result = page.locator('section.result-window');
    await execute.click();
    await result.filter({ hasText: '"title": "Harbour plan approved"' }).waitFor({ timeout: 10_000 });

    // Replace the query with a subscription. insertText types it in one go (no Monaco auto-closed brackets).
    await queryEditor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(SUBSCRIPTION);
    await queryText.filter({ hasText: exactly(SUBSCRIPTION) }).waitFor({ timeout: 5000 });

    // Run it over WebSocket, and wait until the server holds it (acked, subscribed, listening on the bus).
    const listeners = t.app.bus.listenerCount();
    const socket = page.waitForEvent('websocket', { timeout: 10_000 });
    await execute.click();
    const ws = await socket;
    expect(new URL(ws.url()).pathname).toBe('/graphql');
    await wsReceived.next((f) => f.type === 'connection_ack', { timeoutMs: 10_000, label: 'connection_ack' });
    await wsSent.next((f) => f.type === 'subscribe' && JSON.stringify(f.payload).includes('articleChanged'), { timeoutMs: 10_000, label: 'the subscribe frame' });
    // The server registers its bus listener without telling anyone: wait on that condition itself.
    await pollUntil(() => t.app.bus.listenerCount() > listeners, 10_000, 'the subscription to reach the bus');

    // A new seed file shows up in the result pane.
    await t.write('news/bridge.txt', story('Bridge reopens'));
    await result.filter({ hasText: '"kind": "CREATED"' }).filter({ hasText: '"sourcePath": "news/bridge.txt"' }).waitFor({ timeout: 10_000 });
    expect(wsReceived.calls).toContainEqual(expect.objectContaining({
      type: 'next', payload: { data: { articleChanged: { kind: 'CREATED', sourcePath: 'news/bridge.txt' } } },
    }));

    // Offline: nothing left localhost (no CDN, no fonts, no telemetry); the page threw nothing.
    expect(urls.length).toBeGreaterThan(0);
    const remote = urls.filter((url) => {
      const host = hostOf(url);
      return host !== null && !LOCAL_HOSTS.has(host);
    });
    expect(remote).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 45_000);
});
