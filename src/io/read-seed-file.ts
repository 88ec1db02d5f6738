/**
 * Reads one seed file into text, a content hash and diagnostics. Never throws: every file-system
 * outcome becomes a status, because the watcher calls this for paths that may have just vanished.
 */
import { createHash } from 'node:crypto';
import { close, constants as fsConstants, fstat, open, read } from 'node:fs';
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
  const rel = sourcePath.replace(/\\/g, '/');
  const normalised = path.posix.normalize(rel);
  if (rel === '' || rel.includes('\0') || path.posix.isAbsolute(rel) || normalised === '..' || normalised.startsWith('../')) {
    return failed(rel, null, 'PATH_OUTSIDE_ROOT', `The path "${rel}" is not inside the seed folder; it was not read.`);
  }
  const absolute = path.join(root, ...normalised.split('/'));
  let fd: number | undefined;
  try {
    // Opened first and checked through the descriptor, so what is checked is what is read. O_NONBLOCK:
    // opening a FIFO must not hang the service (it is then refused as not a regular file). Plain
    // descriptors, not FileHandles: a load opens thousands of files, and a FileHandle's close alone cost
    // more than the read.
    fd = await openAsync(absolute, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    const before = await fstatAsync(fd);
    if (!before.isFile()) {
      const why = before.isDirectory() ? 'EISDIR: it is a directory' : 'it is not a regular file';
      return failed(rel, null, 'UNREADABLE', `Cannot read "${rel}": ${why}.`);
    }
    if (before.size > opts.maxBytes) return tooLarge(rel, before.size, opts.maxBytes);
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
  const limit = maxBytes + 1;
  for (let first = true; ; first = false) {
    const buffer = Buffer.allocUnsafe(Math.min(first ? expected + 1 : 64 * 1024, limit - total));
    const { bytesRead } = await readAsync(fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) return null;
    if (first && bytesRead < buffer.length) break; // short: the end of the file
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

async function stillExists(absolute: string): Promise<boolean> {
  try {
    await stat(absolute);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
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
