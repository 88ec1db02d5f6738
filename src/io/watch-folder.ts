/**
 * File events → one settled call per path. File-system events are only a hint that a path changed:
 * they come twice, out of order, or for unchanged content, so the caller re-reads the file and
 * compares hashes. This module only decides *when* to call, and never twice at once for one path.
 */
import { watch } from 'chokidar';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { isSeedFile, isSkippedFolderName, listSeedFiles } from './scan-folder.ts';

/** A running watcher: `ready` resolves once the initial crawl is done; `close` releases everything. */
export interface FolderWatcher {
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Options for `watchFolder`. */
export interface WatchFolderOptions {
  /** Quiet time per path before `onSettled` runs (trailing debounce). The app passes ~25 ms. */
  debounceMs: number;
  /** Called with a relative forward-slash path that may have changed; it reads the file to find out how. */
  onSettled: (sourcePath: string) => Promise<void>;
  /** Watcher errors and errors thrown by `onSettled`; they never stop the watcher. */
  onError?: (err: Error) => void;
}

interface PathState {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  /** An event arrived while a call was in flight: run exactly once more after it. */
  again: boolean;
}

/** Watches `root` recursively and calls `onSettled` once per path after each burst of changes. */
export function watchFolder(root: string, opts: WatchFolderOptions): FolderWatcher {
  const absRoot = path.resolve(root);
  const states = new Map<string, PathState>();
  // Seed files we know of, so a removed or renamed-away folder yields a call per file inside even if
  // chokidar lost track of them (it only reports children it had registered, and not on every platform).
  const known = new Set<string>();
  const report = (err: unknown): void => opts.onError?.(err instanceof Error ? err : new Error(String(err)));
  let closed = false;

  const toRel = (abs: string): string | null => {
    const rel = path.relative(absRoot, path.resolve(absRoot, abs));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    return rel.split(path.sep).join('/');
  };

  const run = (rel: string, state: PathState): void => {
    state.again = false;
    state.running = opts
      .onSettled(rel)
      .catch(report)
      .finally(() => {
        state.running = null;
        if (state.again && !closed) run(rel, state);
        else if (state.timer === null) states.delete(rel);
      });
  };

  const schedule = (rel: string): void => {
    if (closed) return;
    const state = states.get(rel) ?? { timer: null, running: null, again: false };
    states.set(rel, state);
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      if (closed) return;
      // Serialise per path: a call still in flight may have read the file before this change.
      if (state.running !== null) state.again = true;
      else run(rel, state);
    }, opts.debounceMs);
  };

  const onFileEvent = (kind: 'add' | 'change' | 'unlink') => (abs: string): void => {
    const rel = toRel(abs);
    if (rel === null || !isSeedFile(rel)) return;
    if (kind === 'unlink') known.delete(rel);
    else known.add(rel);
    schedule(rel);
  };

  // chokidar throttles on the leading edge (one `change` per 50 ms per path, fs.watch callbacks
  // within 5 ms dropped) and never emits a trailing event: the last writes of a burst are lost and
  // a debounce on `change` alone settles on stale content. Raw fs.watch events are unthrottled, so
  // every one of them pushes the path's quiet window forward.
  const onRaw = (_event: string, evPath: string | null | undefined, details: unknown): void => {
    const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if (typeof watched !== 'string') return;
    const watchedRel = toRel(watched);
    // A file's own watcher reports its basename; a folder's watcher reports the entry inside it.
    if (watchedRel !== null && known.has(watchedRel)) return schedule(watchedRel);
    if (typeof evPath !== 'string' || evPath === '') return;
    const rel = toRel(path.join(watched, evPath));
    if (rel !== null && isSeedFile(rel)) schedule(rel);
  };

  const onUnlinkDir = (abs: string): void => {
    const rel = toRel(abs);
    if (rel === null) return;
    const prefix = `${rel}/`;
    for (const file of [...known]) {
      if (!file.startsWith(prefix)) continue;
      known.delete(file);
      schedule(file);
    }
  };

  // A folder moved in from elsewhere (or a rename) arrives whole: list it rather than rely on
  // per-file events, which chokidar emits only for files it crawls after registering the folder.
  // A file written into a new folder before chokidar watches that folder has no event of its own, so the
  // folder is listed again a moment later too (re-reading a file already seen costs a hash comparison).
  const onAddDir = (abs: string): void => {
    const rel = toRel(abs);
    if (rel === null) return;
    const list = (): void => void listSeedFiles(abs).then(({ files }) => {
      for (const file of files) {
        known.add(`${rel}/${file}`);
        schedule(`${rel}/${file}`);
      }
    }, () => undefined /* gone again already: its unlinkDir handles it */);
    list();
    setTimeout(() => { if (!closed) list(); }, Math.max(100, opts.debounceMs * 4)).unref();
  };

  const watcher = watch(absRoot, {
    ignoreInitial: true,
    persistent: true,
    // Symlinked folders are not followed, like listSeedFiles: no cycles, no escaping the root.
    followSymlinks: false,
    // chokidar's atomic mode holds every unlink back 100 ms to pair it with an add; our debounce
    // plus the reader's hash comparison already collapse unlink+add, without the added latency.
    atomic: false,
    // No awaitWriteFinish: it polls and adds 100 ms+; the trailing debounce does that job.
    ignored: (p: string, stats?: Stats) => isIgnored(absRoot, p, stats),
  });
  watcher.on('add', onFileEvent('add'));
  watcher.on('change', onFileEvent('change'));
  watcher.on('unlink', onFileEvent('unlink'));
  watcher.on('addDir', onAddDir);
  watcher.on('unlinkDir', onUnlinkDir);
  watcher.on('raw', onRaw);
  watcher.on('error', report);

  let resolveReady = (): void => undefined;
  const ready = new Promise<void>((resolve) => {
    // Closing before the crawl finishes resolves `ready` too, so no caller waits forever.
    resolveReady = resolve;
    watcher.once('ready', () => {
      const watched = watcher.getWatched();
      for (const [dir, names] of Object.entries(watched)) {
        for (const name of names) {
          const abs = path.join(dir, name);
          const rel = toRel(abs);
          // Folders appear as names too, and as keys of their own: skip a folder named `x.txt`.
          if (rel !== null && isSeedFile(rel) && !(abs in watched)) known.add(rel);
        }
      }
      resolve();
    });
  });

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    resolveReady();
    await watcher.close();
    for (const state of states.values()) {
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
    }
    await Promise.all([...states.values()].map((s) => s.running));
    states.clear();
  };

  return { ready, close };
}

/** Ignores non-article files and skipped folders, but never other folders, so new subfolders are watched. */
function isIgnored(absRoot: string, abs: string, stats?: Stats): boolean {
  const rel = path.relative(absRoot, abs);
  if (rel === '' || rel.startsWith('..')) return false;
  const parts = rel.split(path.sep);
  if (parts.some(isSkippedFolderName)) return true;
  // Without stats chokidar is only asking about the path; we cannot tell a folder from a file yet.
  if (stats === undefined || stats.isDirectory()) return false;
  return !isSeedFile(rel.split(path.sep).join('/'));
}
