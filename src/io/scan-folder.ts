/**
 * The initial load: which files in the seed folder are articles, and reading them all with bounded
 * concurrency so a folder of thousands of files neither runs out of file descriptors nor memory.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/types.ts';
import { describeError } from './read-seed-file.ts';

const ARTICLE_EXTENSION = /\.(txt|md|markdown)$/i;
/** Editor and download temp/backup names: vim (.swp, .swx, 4913 probe, ~), emacs (#x#, .#x), JetBrains, browsers. */
const TEMP_NAME = /(~|\.swp|\.swx|\.tmp|\.part|\.crdownload|\.___jb_tmp___|\.___jb_old___)$|^#.*#$|^4913$/i;

/** A problem with a folder (not a file) met while listing the seed folder. */
export interface FolderProblem {
  /** Relative folder path, forward slashes. */
  sourcePath: string;
  diagnostics: Diagnostic[];
}

/** True when a folder name is never descended into: dot-folders (.git) and node_modules. */
export function isSkippedFolderName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** True when a relative path (either slash) names an article file the service should read. */
export function isSeedFile(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/).filter((p) => p !== '');
  const name = parts.pop();
  if (name === undefined || !ARTICLE_EXTENSION.test(name)) return false;
  if (parts.some(isSkippedFolderName)) return false;
  // `.#name` (emacs lock) is covered by the leading-dot rule.
  return !name.startsWith('.') && !TEMP_NAME.test(name);
}

/** Lists seed files under `root`: sorted relative forward-slash paths, plus unreadable folders. */
export async function listSeedFiles(root: string): Promise<{ files: string[]; problems: FolderProblem[] }> {
  const files: string[] = [];
  const problems: FolderProblem[] = [];
  // The root itself failing is a configuration error: let it throw.
  await walk(root, '', await readdir(root, { withFileTypes: true }), files, problems);
  files.sort();
  return { files, problems };
}

async function walk(root: string, relDir: string, entries: Dirent[], files: string[], problems: FolderProblem[]): Promise<void> {
  for (const entry of entries) {
    const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (isSkippedFolderName(entry.name)) continue;
      const children = await readdirOrProblem(root, rel, problems);
      if (children !== null) await walk(root, rel, children, files, problems);
    } else if (entry.isFile()) {
      if (isSeedFile(rel)) files.push(rel);
    } else if (entry.isSymbolicLink() && isSeedFile(rel)) {
      // Symlinked files are read through; symlinked folders are never followed (cycles, escapes).
      const target = await stat(path.join(root, rel)).catch(() => null);
      if (target?.isFile()) files.push(rel);
    }
  }
}

async function readdirOrProblem(root: string, rel: string, problems: FolderProblem[]): Promise<Dirent[] | null> {
  try {
    return await readdir(path.join(root, rel), { withFileTypes: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // Removed between listing its parent and reading it: nothing to report.
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
    const message = `Cannot list folder "${rel}": ${describeError(e)}; its files were skipped.`;
    problems.push({ sourcePath: rel, diagnostics: [{ code: 'UNREADABLE', severity: 'ERROR', message, line: null }] });
    return null;
  }
}
