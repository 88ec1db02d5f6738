/**
 * Reads one seed file into text, a content hash and diagnostics. Never throws: every file-system
 * outcome becomes a status, because the watcher calls this for paths that may have just vanished.
 */
import { createHash } from 'node:crypto';
import { close, closeSync, constants as fsConstants, fstat, fstatSync, open, openSync, read, readSync, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Diagnostic } from '../core/types.ts';
import { decodeText } from './decode.ts';

/** The outcome of reading one seed file. */
export type SeedFileRead =
  | {
      status: 'ok';
      sourcePath: string;
      text: string;
      /** sha256 hex of the raw bytes: equal hashes mean nothing changed. */
      contentHash: string;
      byteLength: number;
      encoding: string;
      /** The file's modification time when it was read. */
      modifiedAt: Date;
      /** Warnings such as NOT_UTF8; never an ERROR. */
      diagnostics: Diagnostic[];
    }
  /** The file is gone (deleted, renamed away, dangling symlink, or deleted while being read). */
  | { status: 'missing'; sourcePath: string }
  /** The file exists but holds no article: too large, unreadable, empty, binary. */
  | { status: 'failed'; sourcePath: string; contentHash: string | null; diagnostics: Diagnostic[] };

/** Options for `readSeedFile`. */
export interface ReadSeedFileOptions {
  /** Files larger than this are not read (FILE_TOO_LARGE). */
  maxBytes: number;
}

/** Reads `sourcePath` (relative to `root`, forward slashes) and decodes it; never throws. */
export async function readSeedFile(root: string, sourcePath: string, opts: ReadSeedFileOptions): Promise<SeedFileRead> {
  const where = locate(root, sourcePath);
  if ('status' in where) return where;
  const { rel, absolute } = where;
  let fd: number | undefined;
  try {
    // Opened first and checked through the descriptor, so what is checked is what is read. O_NONBLOCK:
    // opening a FIFO must not hang the service (it is then refused as not a regular file). Plain
    // descriptors, not FileHandles: a load opens thousands of files, and a FileHandle's close alone cost
    // more than the read.
    fd = await openAsync(absolute, OPEN_FLAGS);
    const before = await fstatAsync(fd);
    const refused = refuse(rel, before, opts.maxBytes);
    if (refused) return refused;
    const bytes = await readCapped(fd, opts.maxBytes, before.size);
    // The file can grow between stat and read (a writer still appending): the cap keeps memory bounded.
    if (bytes === null) return tooLarge(rel, Math.max(before.size, opts.maxBytes + 1), opts.maxBytes);
    // POSIX lets us finish reading a file that was unlinked meanwhile; report it as gone instead of
    // resurrecting a deleted article (race: delete lands between the watcher's event and our read).
    if (!(await stillExists(absolute))) return { status: 'missing', sourcePath: rel };
    return decoded(rel, bytes, before.mtime);
  } catch (err) {
    return fromError(rel, err);
  } finally {
    if (fd !== undefined) await closeAsync(fd).catch(() => undefined);
  }
}

/**
 * `readSeedFile` with blocking calls, step for step the same checks and outcomes. For a thread that does
 * nothing else (the load's reader thread): a file in the page cache takes a few system calls in a row,
 * where the asynchronous path pays a thread-pool round trip and a promise for each of them.
 */
export function readSeedFileSync(root: string, sourcePath: string, opts: ReadSeedFileOptions): SeedFileRead {
  const where = locate(root, sourcePath);
  if ('status' in where) return where;
  const { rel, absolute } = where;
  let fd: number | undefined;
  try {
    fd = openSync(absolute, OPEN_FLAGS);
    const before = fstatSync(fd);
    const refused = refuse(rel, before, opts.maxBytes);
    if (refused) return refused;
    const bytes = readCappedSync(fd, opts.maxBytes, before.size);
    if (bytes === null) return tooLarge(rel, Math.max(before.size, opts.maxBytes + 1), opts.maxBytes);
    if (!stillExistsSync(absolute)) return { status: 'missing', sourcePath: rel };
    return decoded(rel, bytes, before.mtime);
  } catch (err) {
    return fromError(rel, err);
  } finally {
    if (fd !== undefined) try { closeSync(fd); } catch { /* nothing to release */ }
  }
}

const OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NONBLOCK;

/** The absolute path of a relative seed path, or the failure of one that points outside the folder. */
function locate(root: string, sourcePath: string): { rel: string; absolute: string } | SeedFileRead {
  const rel = sourcePath.replace(/\\/g, '/');
  const normalised = path.posix.normalize(rel);
  if (rel === '' || rel.includes('\0') || path.posix.isAbsolute(rel) || normalised === '..' || normalised.startsWith('../')) {
    return failed(rel, null, 'PATH_OUTSIDE_ROOT', `The path "${rel}" is not inside the seed folder; it was not read.`);
  }
  return { rel, absolute: path.join(root, ...normalised.split('/')) };
}

/** Why an opened file is not read at all (not a regular file, or over the size limit); null when it is. */
function refuse(rel: string, before: Stats, maxBytes: number): SeedFileRead | null {
  if (!before.isFile()) {
    const why = before.isDirectory() ? 'EISDIR: it is a directory' : 'it is not a regular file';
    return failed(rel, null, 'UNREADABLE', `Cannot read "${rel}": ${why}.`);
  }
  return before.size > maxBytes ? tooLarge(rel, before.size, maxBytes) : null;
}

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);
const closeAsync = promisify(close);

/**
 * Reads at most `maxBytes`; returns null when the file holds more than that. The first read asks for one
 * byte more than the `expected` size: a short read is the end of a regular file, so a file that did not
 * grow takes one read, not two.
 */
async function readCapped(fd: number, maxBytes: number, expected: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let first = true; ; first = false) {
    const buffer = Buffer.allocUnsafe(chunkSize(first, expected, maxBytes, total));
    const { bytesRead } = await readAsync(fd, buffer, 0, buffer.length, null);
    total += bytesRead;
    if (takeChunk(chunks, buffer, bytesRead, first)) break;
    if (total > maxBytes) return null;
  }
  return total > maxBytes ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function readCappedSync(fd: number, maxBytes: number, expected: number): Buffer | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let first = true; ; first = false) {
    const buffer = Buffer.allocUnsafe(chunkSize(first, expected, maxBytes, total));
    const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
    total += bytesRead;
    if (takeChunk(chunks, buffer, bytesRead, first)) break;
    if (total > maxBytes) return null;
  }
  return total > maxBytes ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** The first read asks for one byte more than the expected size; later ones for 64 KiB; none past the cap. */
function chunkSize(first: boolean, expected: number, maxBytes: number, total: number): number {
  return Math.min(first ? expected + 1 : 64 * 1024, maxBytes + 1 - total);
}

/** Keeps what a read returned; true when the file has ended (nothing read, or a short first read). */
function takeChunk(chunks: Buffer[], buffer: Buffer, bytesRead: number, first: boolean): boolean {
  if (bytesRead === 0) return true;
  chunks.push(buffer.subarray(0, bytesRead));
  return first && bytesRead < buffer.length;
}

async function stillExists(absolute: string): Promise<boolean> {
  try {
    await stat(absolute);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

function stillExistsSync(absolute: string): boolean {
  try {
    return statSync(absolute, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true; // as stillExists: only ENOENT means gone
  }
}

function decoded(rel: string, bytes: Buffer, modifiedAt: Date): SeedFileRead {
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const { text, encoding, diagnostics } = decodeText(bytes);
  if (text === null) return { status: 'failed', sourcePath: rel, contentHash, diagnostics };
  return { status: 'ok', sourcePath: rel, text, contentHash, byteLength: bytes.length, encoding, modifiedAt, diagnostics };
}

function fromError(rel: string, err: unknown): SeedFileRead {
  const e = err as NodeJS.ErrnoException;
  // ENOTDIR: a parent folder was replaced by a file; for this path that is the same as gone.
  if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return { status: 'missing', sourcePath: rel };
  return failed(rel, null, 'UNREADABLE', `Cannot read "${rel}": ${describeError(e)}`);
}

/** `CODE: message`, without repeating the code Node already puts at the front of the message. */
export function describeError(err: NodeJS.ErrnoException): string {
  const code = err.code ?? 'UNKNOWN';
  const message = err.message ?? String(err);
  return message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
}

function tooLarge(rel: string, size: number, maxBytes: number): SeedFileRead {
  return failed(rel, null, 'FILE_TOO_LARGE', `The file is ${size} bytes, over the limit of ${maxBytes} bytes; it was not read.`);
}

function failed(rel: string, contentHash: string | null, code: string, message: string): SeedFileRead {
  return { status: 'failed', sourcePath: rel, contentHash, diagnostics: [{ code, severity: 'ERROR', message, line: null }] };
}
