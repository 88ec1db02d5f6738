import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSeedFile } from '../../src/io/read-seed-file.ts';
import type { SeedFileRead } from '../../src/io/read-seed-file.ts';
import { watchFolder } from '../../src/io/watch-folder.ts';
import type { FolderWatcher } from '../../src/io/watch-folder.ts';
import { CallRecorder, notifyWaiters, waitFor } from '../helpers/wait.ts';

interface Call {
  path: string;
  read: SeedFileRead;
}

let root: string;
let watcher: FolderWatcher | null;
let calls: CallRecorder<Call>;
let errors: CallRecorder<Error>;
let sentinels: number;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'seedgraph-watch-'));
  watcher = null;
  calls = new CallRecorder<Call>();
  errors = new CallRecorder<Error>();
  sentinels = 0;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await watcher?.close();
  await rm(root, { recursive: true, force: true });
});

/** The app's wiring in miniature: every settled path is re-read, and the read recorded. */
async function start(opts: { debounceMs?: number; before?: (p: string) => Promise<void> } = {}): Promise<FolderWatcher> {
  watcher = watchFolder(root, {
    debounceMs: opts.debounceMs ?? 25,
    onSettled: async (p) => {
      await opts.before?.(p);
      calls.record({ path: p, read: await readSeedFile(root, p, { maxBytes: 100_000 }) });
    },
    onError: (err) => errors.record(err),
  });
  await watcher.ready;
  return watcher;
}

async function put(rel: string, text = `Title of ${rel}\n\nBody.`): Promise<void> {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), text);
}

const textOf = (c: Call): string | null => (c.read.status === 'ok' ? c.read.text : null);
const callsFor = (p: string): Call[] => calls.calls.filter((c) => c.path === p);
const nextCall = (p: string, match: (c: Call) => boolean = () => true): Promise<Call> =>
  calls.next((c) => c.path === p && match(c), { label: `a call for ${p}` });

/**
 * Proves that no more calls are coming for earlier events without sleeping: a later write on
 * another path is debounced after them, so once its call arrives, theirs would have too.
 */
async function settle(): Promise<void> {
  const name = `zz-sentinel-${(sentinels += 1)}.txt`;
  await put(name, 'sentinel');
  await nextCall(name);
}

describe('watchFolder', () => {
  describe('files appearing', () => {
    it('should call for a file created in the root', async () => {
      await start();
      await put('a.txt', 'Hello\n\nWorld');
      const call = await nextCall('a.txt');
      expect(call.read).toMatchObject({ status: 'ok', text: 'Hello\n\nWorld' });
    });

    it('should call for a file created in a new nested folder', async () => {
      await start();
      await put('world/2024/deep.md', 'Deep');
      expect(textOf(await nextCall('world/2024/deep.md'))).toBe('Deep');
      await put('world/2024/second.md', 'Second');
      expect(textOf(await nextCall('world/2024/second.md'))).toBe('Second');
    });

    it('should call for every file of a folder moved in from outside', async () => {
      const outside = await mkdtemp(path.join(os.tmpdir(), 'seedgraph-outside-'));
      await start();
      await mkdir(path.join(outside, 'batch/sub'), { recursive: true });
      await writeFile(path.join(outside, 'batch/a.txt'), 'A');
      await writeFile(path.join(outside, 'batch/sub/b.md'), 'B');
      await rename(path.join(outside, 'batch'), path.join(root, 'batch'));
      await rm(outside, { recursive: true, force: true });
      expect(textOf(await nextCall('batch/a.txt'))).toBe('A');
      expect(textOf(await nextCall('batch/sub/b.md'))).toBe('B');
    });
  });

  describe('files changing', () => {
    it('should call for an edit of a file that existed before the watcher started', async () => {
      await put('a.txt', 'before');
      await start();
      await put('a.txt', 'after');
      expect(textOf(await nextCall('a.txt'))).toBe('after');
    });

    it('should collapse a burst of 20 rapid writes into at most two calls, the last seeing the final content', async () => {
      // A burst means gaps shorter than the quiet window; a roomy window keeps that true on a loaded CI box.
      await start({ debounceMs: 200 });
      for (let i = 0; i < 20; i += 1) await put('burst.txt', `version ${i}`);
      await nextCall('burst.txt', (c) => textOf(c) === 'version 19');
      await settle();
      const burst = callsFor('burst.txt');
      expect(burst.length).toBeLessThanOrEqual(2);
      expect(textOf(burst.at(-1)!)).toBe('version 19');
    });

    it("should see a write that lands inside chokidar's 50 ms change throttle", async () => {
      // chokidar emits one `change` per 50 ms per path and no trailing one: 'v3' below gets no
      // `change` event of its own. Only the raw fs.watch events reveal it.
      await put('edited.txt', 'v1');
      await start();
      await put('edited.txt', 'v2');
      await nextCall('edited.txt', (c) => textOf(c) === 'v2');
      await put('edited.txt', 'v3');
      expect(textOf(await nextCall('edited.txt', (c) => textOf(c) === 'v3'))).toBe('v3');
    });

    it('should end an atomic save (write temp, rename over target) as a call for the target only', async () => {
      await put('story.txt', 'old');
      await start({ debounceMs: 200 }); // roomier than the rename's event spread, even on a loaded box
      await put('story.txt.tmp', 'new');
      await rename(path.join(root, 'story.txt.tmp'), path.join(root, 'story.txt'));
      await nextCall('story.txt', (c) => textOf(c) === 'new');
      await settle();
      expect(callsFor('story.txt').map(textOf)).toEqual(['new']);
      expect(calls.calls.map((c) => c.path).filter((p) => p.includes('.tmp'))).toEqual([]);
    });

    it('should make no call for temp, backup, hidden or non-article files', async () => {
      await start();
      for (const name of ['a.txt.swp', 'a.txt~', '.#a.txt', '4913', '#a.txt#', 'a.txt.part', '.hidden.txt', 'notes.json', '.git/x.txt']) {
        await put(name, 'x');
      }
      await settle();
      expect(calls.calls.map((c) => c.path).filter((p) => !p.startsWith('zz-sentinel'))).toEqual([]);
    });
  });

  describe('files disappearing', () => {
    it('should call for a deleted file, which reads as missing', async () => {
      await put('a.txt');
      await start();
      await rm(path.join(root, 'a.txt'));
      expect((await nextCall('a.txt')).read).toEqual({ status: 'missing', sourcePath: 'a.txt' });
    });

    it('should call for the old path (missing) and the new path (ok) on rename', async () => {
      await put('old.txt', 'moved');
      await start();
      await rename(path.join(root, 'old.txt'), path.join(root, 'new.txt'));
      expect((await nextCall('old.txt')).read.status).toBe('missing');
      expect(textOf(await nextCall('new.txt'))).toBe('moved');
    });

    it('should call for every file inside a removed folder', async () => {
      await put('gone/a.txt');
      await put('gone/b.md');
      await put('gone/sub/c.txt');
      await start();
      await put('gone/late.txt');
      await nextCall('gone/late.txt');
      await rm(path.join(root, 'gone'), { recursive: true });
      for (const p of ['gone/a.txt', 'gone/b.md', 'gone/sub/c.txt', 'gone/late.txt']) {
        expect((await nextCall(p, (c) => c.read.status === 'missing')).read.status).toBe('missing');
      }
    });

    it('should call for every file of a renamed folder under old (missing) and new (ok) paths', async () => {
      await put('before/a.txt', 'A');
      await put('before/sub/b.md', 'B');
      await start();
      await rename(path.join(root, 'before'), path.join(root, 'after'));
      expect((await nextCall('before/a.txt')).read.status).toBe('missing');
      expect((await nextCall('before/sub/b.md')).read.status).toBe('missing');
      expect(textOf(await nextCall('after/a.txt'))).toBe('A');
      expect(textOf(await nextCall('after/sub/b.md'))).toBe('B');
    });
  });

  describe('serialisation', () => {
    it('should never overlap calls for one path and run exactly one more after events during a call', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const starts = new CallRecorder<string>();
      const inFlight = new Map<string, number>();
      let overlapped = false;
      await start({
        before: async (p) => {
          const n = (inFlight.get(p) ?? 0) + 1;
          inFlight.set(p, n);
          overlapped ||= n > 1;
          starts.record(p);
          if (p === 'slow.txt' && starts.calls.filter((s) => s === p).length === 1) await gate;
          inFlight.set(p, n - 1);
        },
      });
      await put('slow.txt', 'v1');
      await starts.next((s) => s === 'slow.txt');
      await put('slow.txt', 'v2');
      await put('slow.txt', 'v3');
      await settle(); // slow.txt's debounce has fired while its first call is still in flight
      expect(starts.calls.filter((s) => s === 'slow.txt')).toHaveLength(1);
      release();
      await waitFor(() => callsFor('slow.txt').length === 2, 5000, 'two calls for slow.txt');
      await settle();
      expect(callsFor('slow.txt').map(textOf)).toEqual(['v3', 'v3']);
      expect(overlapped).toBe(false);
      expect(errors.calls).toEqual([]);
    });

    it('should report an error thrown by onSettled and keep watching', async () => {
      await start({ before: async (p) => { if (p === 'bad.txt') throw new Error('store rejected'); } });
      await put('bad.txt');
      expect((await errors.next(() => true)).message).toBe('store rejected');
      await put('good.txt');
      await nextCall('good.txt');
      await settle();
      // Each settled call for bad.txt fails the same way (one normally; two if its events straddle the window).
      expect(new Set(errors.calls.map((e) => e.message))).toEqual(new Set(['store rejected']));
    });
  });

  describe('close', () => {
    it('should wait for calls in flight and start none after', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const order: string[] = [];
      const started = new CallRecorder<string>();
      await start({
        before: async (p) => {
          started.record(p);
          if (p === 'a.txt') await gate;
        },
      });
      await put('a.txt', 'one');
      await started.next((s) => s === 'a.txt');
      await put('a.txt', 'two');
      await settle(); // a.txt now owes one more call
      const closing = watcher!.close().then(() => order.push('closed'));
      release();
      await nextCall('a.txt').then(() => order.push('a done'));
      await closing;
      expect(order).toEqual(['a done', 'closed']);
      expect(started.calls.filter((s) => s === 'a.txt')).toHaveLength(1);
    });

    it('should cancel pending debounce timers', async () => {
      const debounceMs = 4321; // unique, to pick the watcher's timers out of chokidar's
      const timers = new Set<unknown>();
      const realSet = globalThis.setTimeout;
      vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...rest: unknown[]) => {
        const handle = realSet(fn, ms, ...rest);
        if (ms === debounceMs) {
          timers.add(handle);
          notifyWaiters();
        }
        return handle;
      }) as typeof setTimeout);
      const cleared = vi.spyOn(globalThis, 'clearTimeout');
      await start({ debounceMs });
      await put('a.txt');
      await waitFor(() => timers.size > 0, 5000, 'a debounce timer');
      await watcher!.close();
      const clearedHandles = new Set(cleared.mock.calls.map((c) => c[0]));
      expect([...timers].every((t) => clearedHandles.has(t as NodeJS.Timeout))).toBe(true);
      expect(calls.calls).toEqual([]);
    });

    it('should resolve ready and close when closed before the crawl ends, and tolerate a second close', async () => {
      const w = watchFolder(root, { debounceMs: 25, onSettled: async () => undefined });
      await w.close();
      await w.ready;
      await w.close();
    });
  });
});
