/**
 * The node arguments that run a bench script in its own process. `npm run bench` runs the built
 * JavaScript (dist/bench), so the servers under test run built code as `npm start` does; from source
 * (`tsx bench/run.ts`) they run through tsx.
 */
const BUILT = import.meta.url.endsWith('.js');

/** `[...node flags, script]` for the script at `path` (relative to bench/, without extension). */
export function script(path: string, ...flags: string[]): string[] {
  const file = new URL(`./${path}.${BUILT ? 'js' : 'ts'}`, import.meta.url).pathname;
  return BUILT ? [...flags, file] : [...flags, '--import', 'tsx', file];
}
