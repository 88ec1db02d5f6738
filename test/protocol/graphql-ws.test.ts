import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Config } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { pollUntil, waitFor } from '../helpers/wait.ts';

/**
 * The graphql-ws (graphql-transport-ws) protocol edge cases, driven with raw `ws` frames rather than the
 * graphql-ws client (which hides them): each misbehaviour must end in its documented close code, and the
 * recoverable ones (ping, client `complete`, a validation error) must leave the socket usable.
 */

const PROTOCOL = 'graphql-transport-ws';
/** How long any single wait may take before the test fails. */
const WAIT_MS = 3000;

const SUBSCRIPTION = /* GraphQL */ `subscription { articleChanged { kind sourcePath } }`;
const COUNT_QUERY = /* GraphQL */ `{ seedStore { articleCount } }`;

const story = (title: string) => `${title}\n\nThe council said on Monday that the plan would go ahead.\n`;

/** One graphql-ws message as received (or `{ type: '<not json>' }` for a frame that is not JSON). */
interface Message {
  type: string;
  id?: string;
  payload?: any;
}

interface CloseInfo {
  code: number;
  reason: string;
}

/** A raw WebSocket that queues every message and its close, so no frame is lost between two awaits. */
class RawClient {
  readonly socket: WebSocket;
  /** Every message received, in order, including those already taken by `next()`. */
  readonly received: Message[] = [];
  /** Errors the socket emitted (a failed handshake, for instance). */
  readonly errors: Error[] = [];
  private readonly queue: Message[] = [];
  private readonly wakers = new Set<() => void>();
  private closeInfo: CloseInfo | null = null;
  private readonly closePromise: Promise<CloseInfo>;
  private readonly openPromise: Promise<void>;

  constructor(url: string, protocols: string[] = [PROTOCOL], headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, protocols, { headers });
    this.socket.on('error', (err) => this.errors.push(err));
    this.openPromise = new Promise<void>((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.openPromise.catch(() => {}); // observed through opened(); never an unhandled rejection
    this.closePromise = new Promise<CloseInfo>((resolve) => {
      this.socket.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        this.wake();
        resolve(this.closeInfo);
      });
    });
    this.socket.on('message', (data: WebSocket.RawData) => {
      let message: Message;
      try {
        message = JSON.parse(data.toString()) as Message;
      } catch {
        message = { type: '<not json>', payload: data.toString() };
      }
      this.received.push(message);
      this.queue.push(message);
      this.wake();
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }

  /** Resolves when the handshake completes; rejects when it fails or takes too long. */
  opened(): Promise<void> {
    return waitFor(this.openPromise, WAIT_MS, 'the WebSocket to open');
  }

  /** Sends an object as JSON, or a string as is. */
  send(message: object | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message not yet taken; rejects when the socket closes first or nothing comes in time. */
  next(label = 'a message'): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(check);
      };
      const check = () => {
        const message = this.queue.shift();
        if (message) return done(), resolve(message);
        if (this.closeInfo) {
          done();
          reject(new Error(`socket closed (${this.closeInfo.code} ${this.closeInfo.reason}) while waiting for ${label}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${label}`));
      }, WAIT_MS);
      this.wakers.add(check);
      check();
    });
  }

  /** Takes messages until one matches, and returns it together with those skipped on the way. */
  async nextMatching(match: (m: Message) => boolean, label: string): Promise<{ message: Message; skipped: Message[] }> {
    const skipped: Message[] = [];
    for (;;) {
      const message = await this.next(label);
      if (match(message)) return { message, skipped };
      skipped.push(message);
    }
  }

  /** Resolves with the close code and reason once the socket has closed. */
  closed(timeoutMs = WAIT_MS): Promise<CloseInfo> {
    return waitFor(this.closePromise, timeoutMs, 'the socket to close');
  }

  /** Opens, sends `connection_init` and waits for `connection_ack`. */
  async init(): Promise<void> {
    await this.opened();
    this.send({ type: 'connection_init' });
    expect(await this.next('connection_ack')).toEqual({ type: 'connection_ack' });
  }
}

let apps: TestApp[] = [];
let clients: RawClient[] = [];
const rawSockets: Duplex[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  for (const socket of rawSockets.splice(0)) socket.destroy();
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** Starts an app with one article; closed after the test. */
async function start(over: Partial<Config> = {}): Promise<TestApp> {
  const t = await startTestApp({ 'a.txt': story('Harbour plan approved') }, over);
  apps.push(t);
  return t;
}

/** A raw client on the app's graphql-ws endpoint; terminated after the test. */
function connect(t: TestApp, protocols?: string[], headers?: Record<string, string>): RawClient {
  const client = new RawClient(t.wsUrl, protocols, headers);
  clients.push(client);
  return client;
}

/** Resolves once the server holds more bus listeners than `before`: the subscription is live. */
const untilSubscribed = (t: TestApp, before: number) =>
  pollUntil(() => t.app.bus.listenerCount() > before, WAIT_MS, 'the subscription to reach the bus');

/** Resolves once the server's bus listeners are back to `count`. */
const untilListeners = (t: TestApp, count: number) =>
  pollUntil(() => t.app.bus.listenerCount() === count, WAIT_MS, `the bus listener count to be ${count}`);

/**
 * A WebSocket upgrade done by hand over HTTP, for what the `ws` client will not show: it aborts a handshake
 * whose response lacks the requested subprotocol before reading any frame. Resolves with the response's
 * status and subprotocol header and the server's first frame, which must be a close frame.
 */
function rawUpgrade(t: TestApp, protocol: string): Promise<{ status: number; protocol: string | undefined; close: CloseInfo }> {
  const url = new URL(t.wsUrl);
  const result = new Promise<{ status: number; protocol: string | undefined; close: CloseInfo }>((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': protocol,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)));
    req.on('upgrade', (res, socket, head) => {
      rawSockets.push(socket);
      let buffer = Buffer.from(head);
      const parse = () => {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        const length = buffer[1]! & 0x7f; // server frames are unmasked; a close payload is at most 125 bytes
        if (opcode !== 0x8) return reject(new Error(`expected a close frame, got opcode ${opcode}`));
        if (buffer.length < 2 + length) return;
        const header = res.headers['sec-websocket-protocol'];
        resolve({
          status: res.statusCode ?? 0,
          protocol: Array.isArray(header) ? header.join(',') : header,
          close: { code: length >= 2 ? buffer.readUInt16BE(2) : 1005, reason: buffer.subarray(4, 2 + length).toString() },
        });
        socket.destroy();
      };
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        parse();
      });
      socket.on('error', reject);
      parse();
    });
    req.end();
  });
  return waitFor(result, WAIT_MS, `a raw upgrade with subprotocol ${protocol}`);
}

describe('graphql-ws connection initialisation', () => {
  it('should close with 4408 a client that sends no connection_init in time, and only that client', async () => {
    const t = await start({ wsInitTimeoutMs: 300 });
    const polite = connect(t);
    await polite.init();
    const silent = connect(t);
    await silent.opened();
    const openedAt = Date.now();
    const { code } = await silent.closed(2000); // well before the 3000 ms default: the configured 300 ms applies
    expect(code).toBe(4408);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(200);
    expect(silent.received).toEqual([]);
    // The client that did initialise in time is still connected after the other's timeout fired.
    expect(polite.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('should close with 4429 on a second connection_init', async () => {
    const t = await start();
    const client = connect(t);
    await client.init();
    client.send({ type: 'connection_init' });
    expect((await client.closed()).code).toBe(4429);
    expect(client.received).toEqual([{ type: 'connection_ack' }]);
  });

  it('should close with 4401 a subscribe sent before connection_ack', async () => {
    const t = await start();
    const client = connect(t);
    await client.opened();
    client.send({ id: '1', type: 'subscribe', payload: { query: COUNT_QUERY } });
    expect((await client.closed()).code).toBe(4401);
    expect(client.received).toEqual([]);
  });

  it('should close with 4403 a browser page from another site, but acknowledge localhost', async () => {
    const t = await start();
    const evil = connect(t, [PROTOCOL], { Origin: 'https://evil.example' });
    await evil.opened();
    evil.send({ type: 'connection_init' });
    expect((await evil.closed()).code).toBe(4403);
    expect(evil.received).toEqual([]);

    // The control: the same request from a localhost page is accepted, so the Origin is what was refused.
    const local = connect(t, [PROTOCOL], { Origin: 'http://localhost:5173' });
    await local.init();
    expect(local.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('graphql-ws malformed messages', () => {
  it('should close with 4400 on a frame that is not JSON', async () => {
    const t = await start();
    const client = connect(t);
    await client.init();
    client.send('{"type": "ping"'); // cut off
    expect((await client.closed()).code).toBe(4400);
  });

  it('should close with 4400 on an unknown message type', async () => {
    const t = await start();
    const client = connect(t);
    await client.init();
    client.send({ type: 'start', id: '1', payload: { query: COUNT_QUERY } }); // subscriptions-transport-ws's verb
    expect((await client.closed()).code).toBe(4400);
    expect(client.received).toEqual([{ type: 'connection_ack' }]);
  });
});

describe('graphql-ws subprotocols', () => {
  it('should close with 4406 a client that asks for no subprotocol', async () => {
    const t = await start();
    const client = connect(t, []);
    await client.opened(); // ws accepts the upgrade; graphql-ws then refuses the connection
    expect(client.socket.protocol).toBe('');
    expect((await client.closed()).code).toBe(4406);
    expect(client.received).toEqual([]);
  });

  it('should not accept the legacy graphql-ws subprotocol, and close with 4406 after the upgrade', async () => {
    const t = await start();
    // The ws client sees a 101 without the subprotocol it asked for and aborts the handshake itself (1006).
    const client = connect(t, ['graphql-ws']);
    await expect(client.opened()).rejects.toThrow('Server sent no subprotocol');
    expect((await client.closed()).code).toBe(1006);

    // On the wire: the server completes the upgrade without choosing a subprotocol, then sends close 4406.
    const raw = await rawUpgrade(t, 'graphql-ws');
    expect(raw.status).toBe(101);
    expect(raw.protocol).toBeUndefined();
    expect(raw.close.code).toBe(4406);
  });
});

describe('graphql-ws ping and pong', () => {
  it('should answer ping with pong, echoing the payload, before and after the acknowledgement', async () => {
    const t = await start();
    const client = connect(t);
    await client.opened();
    client.send({ type: 'ping' });
    expect(await client.next('a pong')).toEqual({ type: 'pong' });
    client.send({ type: 'connection_init' });
    expect(await client.next('connection_ack')).toEqual({ type: 'connection_ack' });
    client.send({ type: 'ping', payload: { seq: 7, note: 'hello' } });
    expect(await client.next('a pong with the payload')).toEqual({ type: 'pong', payload: { seq: 7, note: 'hello' } });
    // An unsolicited pong is a one-way heartbeat: no answer, no close. The next ping's pong proves it.
    client.send({ type: 'pong', payload: { seq: 8 } });
    client.send({ type: 'ping', payload: { seq: 9 } });
    expect(await client.next('the pong after a pong')).toEqual({ type: 'pong', payload: { seq: 9 } });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('graphql-ws operations', () => {
  it('should close with 4409 a subscribe that reuses the id of a running subscription, and release it', async () => {
    const t = await start();
    const client = connect(t);
    await client.init();
    const before = t.app.bus.listenerCount();
    client.send({ id: 'dup', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    await untilSubscribed(t, before);
    client.send({ id: 'dup', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    const { code, reason } = await client.closed();
    expect(code).toBe(4409);
    expect(reason).toContain('dup');
    // Closing ends the running subscription too.
    await untilListeners(t, before);
  });

  it('should stop a stream on the client\'s complete and let the id be used again', async () => {
    const t = await start();
    const client = connect(t);
    await client.init();
    const before = t.app.bus.listenerCount();

    // Two subscriptions on one socket: 'sub' is the one under test, 'marker' shows what 'sub' would have seen.
    // Their documents differ, so they do not share one execution (and one bus listener).
    client.send({ id: 'marker', type: 'subscribe', payload: { query: SUBSCRIPTION.replace('sourcePath', 'sourcePath __typename') } });
    await untilSubscribed(t, before);
    client.send({ id: 'sub', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    await untilSubscribed(t, before + 1);

    await t.write('b.txt', story('Bridge reopens'));
    const seen = await client.nextMatching((m) => m.id === 'sub' && m.type === 'next', 'the first event on sub');
    expect(seen.message.payload).toEqual({ data: { articleChanged: { kind: 'CREATED', sourcePath: 'b.txt' } } });

    client.send({ id: 'sub', type: 'complete' });
    await untilListeners(t, before + 1); // the server released sub's listener; marker's remains

    await t.write('c.txt', story('Ferry timetable changes'));
    const marker = await client.nextMatching(
      (m) => m.id === 'marker' && m.type === 'next' && m.payload?.data?.articleChanged?.sourcePath === 'c.txt',
      'the marker event for c.txt',
    );
    // Nothing more for 'sub': no event for c.txt, and no server complete for an id the client completed.
    expect(marker.skipped.filter((m) => m.id === 'sub')).toEqual([]);

    // The id is free again: a new subscription under it receives events.
    client.send({ id: 'sub', type: 'subscribe', payload: { query: SUBSCRIPTION } });
    await untilSubscribed(t, before + 1);
    await t.write('d.txt', story('Library extension opens'));
    const again = await client.nextMatching((m) => m.id === 'sub', 'an event on the reused id');
    expect(again.message).toEqual({ id: 'sub', type: 'next', payload: { data: { articleChanged: { kind: 'CREATED', sourcePath: 'd.txt' } } } });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('should answer an invalid operation with an error message and keep the socket open', async () => {
    const t = await start();
    const client = connect(t);
    await client.init();

    client.send({ id: 'bad', type: 'subscribe', payload: { query: '{ seedStore { noSuchField } }' } });
    const invalid = await client.next('the validation error');
    expect(invalid).toMatchObject({ id: 'bad', type: 'error' });
    expect(invalid.payload).toEqual([expect.objectContaining({ message: expect.stringContaining('noSuchField') })]);

    client.send({ id: 'syntax', type: 'subscribe', payload: { query: '{ seedStore { ' } });
    const syntax = await client.next('the syntax error');
    expect(syntax).toMatchObject({ id: 'syntax', type: 'error' });
    expect(syntax.payload).toEqual([expect.objectContaining({ message: expect.stringContaining('Syntax Error') })]);

    // Same socket, same id as the failed operation (an error ends it): a valid query now succeeds.
    client.send({ id: 'bad', type: 'subscribe', payload: { query: COUNT_QUERY } });
    expect(await client.next('the query result')).toEqual({ id: 'bad', type: 'next', payload: { data: { seedStore: { articleCount: 1 } } } });
    expect(await client.next('the query completion')).toEqual({ id: 'bad', type: 'complete' });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });
});
