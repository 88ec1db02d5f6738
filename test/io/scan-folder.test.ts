import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Root (as CI runs) reads a mode-000 folder anyway; there the folder's EACCES is raised at the fs
// boundary instead, so the same assertions run everywhere.
const asRoot = process.getuid?.() === 0;
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (dir: string, ...rest: unknown[]) => {
    if (process.getuid?.() === 0 && String(dir).endsWith(`${path.sep}locked`)) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES' });
    }
    return (real.readdir as (...a: unknown[]) => unknown)(dir, ...rest);
  }) as typeof real.readdir;
  return { ...real, readdir, default: { ...real, readdir } };
});
import { isSeedFile, listSeedFiles } from '../../src/io/scan-folder.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'seedgraph-scan-'));
});
afterEach(async () => {
  await chmod(path.join(root, 'locked'), 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

async function put(rel: string, text = `Title of ${rel}\n\nBody.`): Promise<void> {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), text);
}

describe('isSeedFile', () => {
  it('should accept .txt and .md in any case and any folder', () => {
    for (const p of ['a.txt', 'b.MD', 'world/2024/c.Txt', 'world\\d.md']) expect(isSeedFile(p), p).toBe(true);
  });

  it('should reject other extensions, dotfiles, dot-folders, node_modules and editor temp files', () => {
    const rejected = [
      'a.json', 'README', 'a.txt.bak', '.hidden.txt', '.git/x.txt', 'a/.cache/b.md', 'node_modules/x/readme.md',
      'a.txt~', 'a.txt.swp', 'a.txt.swx', 'a.txt.tmp', 'a.txt.part', 'a.txt.crdownload', '#a.txt#', '4913',
      'a.txt.___jb_tmp___', '.#a.txt', 'folder/.#b.md', '',
    ];
    for (const p of rejected) expect(isSeedFile(p), p).toBe(false);
  });
});

describe('listSeedFiles', () => {
  it('should list nested seed files sorted with forward slashes, skipping ignored names', async () => {
    await put('z.txt');
    await put('a/b/c.md');
    await put('a/a.txt');
    await put('a/notes.json');
    await put('.git/HEAD.txt');
    await put('node_modules/pkg/readme.md');
    await put('a/.a.txt.swp');
    await put('a/b/c.md~');
    await put('.hidden.txt');
    const { files, problems } = await listSeedFiles(root);
    expect(files).toEqual(['a/a.txt', 'a/b/c.md', 'z.txt']);
    expect(problems).toEqual([]);
  });

  it('should include symlinked files but not follow symlinked folders', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'seedgraph-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.txt'), 'x');
      await put('real.txt');
      await symlink(path.join(root, 'real.txt'), path.join(root, 'alias.txt'));
      await symlink(outside, path.join(root, 'escape'));
      await symlink(path.join(root, 'missing.txt'), path.join(root, 'dangling.txt'));
      expect((await listSeedFiles(root)).files).toEqual(['alias.txt', 'real.txt']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it(`should report an unreadable folder as a problem and keep going${asRoot ? ' (EACCES injected: root)' : ''}`, async () => {
    await put('ok.txt');
    await put('locked/hidden.txt');
    await chmod(path.join(root, 'locked'), 0o000);
    const { files, problems } = await listSeedFiles(root);
    expect(files).toEqual(['ok.txt']);
    expect(problems).toEqual([{ sourcePath: 'locked', diagnostics: [expect.objectContaining({ code: 'UNREADABLE', severity: 'ERROR' })] }]);
  });
});

