import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSeedFile, readSeedFileSync, type ReadSeedFileOptions, type SeedFileRead } from '../../src/io/read-seed-file.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'seedgraph-read-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

type Reader = (root: string, sourcePath: string, opts: ReadSeedFileOptions) => Promise<SeedFileRead>;
const readers: [string, Reader][] = [
  ['readSeedFile', readSeedFile],
  // The reader thread's blocking twin: every case below must come out exactly the same.
  ['readSeedFileSync', async (...args) => readSeedFileSync(...args)],
];

describe.each(readers)('%s', (_name, read) => {
  describe('readable files', () => {
    it('should read text with a stable sha256 hash of the raw bytes', async () => {
      await mkdir(path.join(root, 'world'));
      await writeFile(path.join(root, 'world/a.txt'), 'Title\n\nBody £');
      await writeFile(path.join(root, 'b.md'), 'Title\n\nBody £');
      const a = await read(root, 'world/a.txt', { maxBytes: 1000 });
      const again = await read(root, 'world/a.txt', { maxBytes: 1000 });
      const b = await read(root, 'b.md', { maxBytes: 1000 });
      expect(a).toMatchObject({ status: 'ok', sourcePath: 'world/a.txt', text: 'Title\n\nBody £', byteLength: 14, encoding: 'utf-8', diagnostics: [] });
      expect(a.status === 'ok' && a.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(again).toEqual(a);
      expect(b.status === 'ok' && b.contentHash).toBe(a.status === 'ok' && a.contentHash);
    });

    it('should report the file\'s modification time', async () => {
      await writeFile(path.join(root, 'dated.txt'), 'Title\n\nBody.');
      const when = new Date('2005-03-01T12:00:00Z');
      await utimes(path.join(root, 'dated.txt'), when, when);
      expect(await read(root, 'dated.txt', { maxBytes: 1000 })).toMatchObject({ status: 'ok', modifiedAt: when });
    });

    it('should change the hash when the bytes change', async () => {
      await writeFile(path.join(root, 'a.txt'), 'one');
      const first = await read(root, 'a.txt', { maxBytes: 1000 });
      await writeFile(path.join(root, 'a.txt'), 'two');
      const second = await read(root, 'a.txt', { maxBytes: 1000 });
      expect(first.status === 'ok' && second.status === 'ok' && first.contentHash !== second.contentHash).toBe(true);
    });

    it('should keep the NOT_UTF8 warning on an ok read', async () => {
      await writeFile(path.join(root, 'legacy.txt'), Buffer.from([0x43, 0x6f, 0x73, 0x74, 0x20, 0xa3, 0x35]));
      const r = await read(root, 'legacy.txt', { maxBytes: 1000 });
      expect(r).toMatchObject({ status: 'ok', text: 'Cost £5', encoding: 'windows-1252', diagnostics: [{ code: 'NOT_UTF8' }] });
    });
  });

  describe('failures', () => {
    it('should fail a file over maxBytes with FILE_TOO_LARGE naming size and limit', async () => {
      await writeFile(path.join(root, 'big.txt'), 'x'.repeat(2048));
      const r = await read(root, 'big.txt', { maxBytes: 1024 });
      expect(r).toMatchObject({ status: 'failed', sourcePath: 'big.txt', contentHash: null, diagnostics: [{ code: 'FILE_TOO_LARGE', severity: 'ERROR' }] });
      const message = r.status === 'failed' ? r.diagnostics[0]!.message : '';
      expect(message).toContain('2048');
      expect(message).toContain('1024');
    });

    it('should fail a directory named x.txt with UNREADABLE (EISDIR)', async () => {
      await mkdir(path.join(root, 'x.txt'));
      const r = await read(root, 'x.txt', { maxBytes: 1024 });
      expect(r).toMatchObject({ status: 'failed', diagnostics: [{ code: 'UNREADABLE', severity: 'ERROR' }] });
      expect(r.status === 'failed' && r.diagnostics[0]!.message).toContain('EISDIR');
    });

    it('should refuse a FIFO as not a regular file, without waiting for a writer', async () => {
      execFileSync('mkfifo', [path.join(root, 'pipe.txt')]);
      const r = await read(root, 'pipe.txt', { maxBytes: 1024 });
      expect(r).toMatchObject({ status: 'failed', diagnostics: [{ code: 'UNREADABLE', severity: 'ERROR' }] });
      expect(r.status === 'failed' && r.diagnostics[0]!.message).toContain('not a regular file');
    });

    it('should fail an empty file with a hash and EMPTY_FILE', async () => {
      await writeFile(path.join(root, 'empty.txt'), '');
      const r = await read(root, 'empty.txt', { maxBytes: 1024 });
      expect(r).toMatchObject({ status: 'failed', diagnostics: [{ code: 'EMPTY_FILE' }] });
      expect(r.status === 'failed' && r.contentHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('should fail a binary file with BINARY_FILE', async () => {
      await writeFile(path.join(root, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
      const r = await read(root, 'image.txt', { maxBytes: 1024 });
      expect(r).toMatchObject({ status: 'failed', diagnostics: [{ code: 'BINARY_FILE' }] });
    });

    it('should reject paths escaping the root without touching them', async () => {
      for (const p of ['../outside.txt', 'a/../../outside.txt', '/etc/passwd', '..']) {
        const r = await read(root, p, { maxBytes: 1024 });
        expect(r).toMatchObject({ status: 'failed', contentHash: null, diagnostics: [{ code: 'PATH_OUTSIDE_ROOT' }] });
      }
    });
  });

  describe('missing files', () => {
    it('should report a file that does not exist as missing', async () => {
      expect(await read(root, 'gone.txt', { maxBytes: 1024 })).toEqual({ status: 'missing', sourcePath: 'gone.txt' });
    });

    it('should report a dangling symlink as missing', async () => {
      await symlink(path.join(root, 'nowhere.txt'), path.join(root, 'link.txt'));
      expect(await read(root, 'link.txt', { maxBytes: 1024 })).toEqual({ status: 'missing', sourcePath: 'link.txt' });
    });

    it('should report a path under a file (ENOTDIR) as missing', async () => {
      await writeFile(path.join(root, 'file'), 'x');
      expect(await read(root, 'file/a.txt', { maxBytes: 1024 })).toEqual({ status: 'missing', sourcePath: 'file/a.txt' });
    });

    it('should read through a symlink to a file', async () => {
      await writeFile(path.join(root, 'real.txt'), 'Hello');
      await symlink(path.join(root, 'real.txt'), path.join(root, 'alias.txt'));
      expect(await read(root, 'alias.txt', { maxBytes: 1024 })).toMatchObject({ status: 'ok', text: 'Hello' });
    });
  });
});
