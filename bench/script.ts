/**
 * The node arguments that run a bench script in its own process. `npm run bench` runs the built
 * JavaScript (dist/bench), so the servers under test run built code as `npm start` does, and with the
 * node flags `npm start` passes (read from package.json, so the two cannot drift apart); from source
 * (`tsx bench/run.ts`) they run through tsx.
 */
import { readFileSync } from 'node:fs';

const BUILT = import.meta.url.endsWith('.js');
const ROOT = new URL(BUILT ? '../../' : '../', import.meta.url);

/** The `--flags` between `node` and the script in package.json's start script. */
export const SERVICE_FLAGS: string[] = (() => {
  const start = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const words = start.slice(start.lastIndexOf('node ') + 5).split(/\s+/);
  return words.slice(0, words.findIndex((w) => !w.startsWith('--')));
})();

/** `[...node flags, script]` for the script at `path` (relative to bench/, without extension). */
export function script(path: string, ...flags: string[]): string[] {
  const file = new URL(`./${path}.${BUILT ? 'js' : 'ts'}`, import.meta.url).pathname;
  return BUILT ? [...SERVICE_FLAGS, ...flags, file] : [...SERVICE_FLAGS, ...flags, '--import', 'tsx', file];
}
