import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, readConfig } from '../src/config.ts';
import { waitFor } from './helpers/wait.ts';

const ARTICLE = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n\nCOMMENTS\n';

/** Runs the CLI from source through tsx (`npm run dev`); resolves with exit code and output. */
function run(args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void, entry = ['--import', 'tsx', 'src/main.ts']) {
  // No extraction cache: a test leaves nothing behind outside its temp folder.
  const child = spawn(process.execPath, [...entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SEEDGRAPH_CACHE: 'false' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    onStderr?.(stderr, child);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => child.on('exit', (code) => res({ code, stdout, stderr })));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seedgraph-cli-'));
  await writeFile(join(dir, 'a.txt'), ARTICLE);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('config', () => {
  it('should take flags over SEEDGRAPH_* over PORT/HOST over defaults', () => {
    expect(readConfig([], {}).config).toEqual(DEFAULTS);
    expect(readConfig([], { PORT: '5000', SEEDGRAPH_PORT: '5001' }).config.port).toBe(5001);
    expect(readConfig(['--port', '5002'], { SEEDGRAPH_PORT: '5001' }).config.port).toBe(5002);
    expect(readConfig([], { HOST: '0.0.0.0' }).config.host).toBe('0.0.0.0');
    expect(readConfig(['--seeds', '/tmp/x', '--no-watch'], {}).config).toMatchObject({ seedsDir: '/tmp/x', watch: false });
    expect(readConfig([], { SEEDGRAPH_ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(readConfig(['--allowed-origins', '*'], { SEEDGRAPH_ALLOWED_ORIGINS: 'https://a.example' }).config.allowedOrigins).toEqual(['*']);
  });

  it('should reject a bad value with a precise message', () => {
    expect(() => readConfig(['--port', '70000'], {})).toThrow(new ConfigError("--port expects a whole number from 0 to 65535, got '70000'"));
    expect(() => readConfig(['--log-level', 'loud'], {})).toThrow(ConfigError);
    expect(() => readConfig(['--bogus'], {})).toThrow(/bogus/);
  });
});

/** Serves `dir`, sends `query` once ready, then stops the server with SIGTERM; resolves with what happened. */
async function serveAndAsk(query: string, args: string[] = [], entry?: string[]) {
  let url = '';
  let answered: Promise<unknown> | undefined;
  const done = run(['serve', '--seeds', dir, '--port', '0', '--log-level', 'warn', ...args], (err, child) => {
    const m = /at (http:\S+)/.exec(err);
    if (m && !url) url = m[1]!;
    if (url && /ready:/.test(err) && !answered) {
      answered = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
        .then((r) => r.json())
        .finally(() => child.kill('SIGTERM'));
    }
  }, entry);
  const { code, stderr } = await waitFor(done, 30_000, 'the server to exit');
  return { code, stderr, answer: await answered };
}

describe('seedgraph CLI', () => {
  it('should serve from the build, as npm start does, extracting in a worker thread', async () => {
    // `npm start` builds, then runs dist/ with plain node: the worker must load from dist/ too.
    await waitFor(new Promise<void>((res, rej) => spawn(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' }).on('exit', (c) => (c === 0 ? res() : rej(new Error(`tsc exited ${c}`))))), 60_000, 'the build');
    // The node command of package.json's start script, flags and entry as they are there.
    const start = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
    const [command, ...nodeArgs] = start.slice(start.lastIndexOf('node ') + 5).split(/\s+/).reverse();
    expect(command).toBe('serve');
    const query = '{ seedStore { articleCount } articles(first: 1) { nodes { title quotes { speaker { name } } } } }';
    const { code, stderr, answer } = await serveAndAsk(query, ['--extract-workers', '1'], nodeArgs.reverse());
    expect(answer).toEqual({ data: { seedStore: { articleCount: 1 }, articles: { nodes: [{ title: 'Harbour plan approved', quotes: [] }] } } });
    // A worker that failed to start would have been covered for by the main thread, with an error logged.
    expect(stderr).not.toMatch(/worker/i);
    expect(code).toBe(0);
  }, 90_000);

  it('should serve a folder, answer, and exit 0 on SIGTERM', async () => {
    const { code, stderr, answer } = await serveAndAsk('{ seedStore { articleCount } }');
    expect(answer).toEqual({ data: { seedStore: { articleCount: 1 } } });
    expect(stderr).toContain('SIGTERM: shutting down');
    expect(code).toBe(0);
  });

  it('should parse one file to JSON', async () => {
    const { code, stdout } = await run(['parse', join(dir, 'a.txt'), '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.article.title).toBe('Harbour plan approved');
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toContain('SCRAPE_TRAILER_REMOVED');
  });

  it('should print the schema', async () => {
    const { code, stdout } = await run(['schema']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/type Article implements Node/);
  });

  it('should exit 2 with a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const { port } = blocker.address() as AddressInfo;
    const { code, stderr } = await run(['serve', '--seeds', dir, '--port', String(port)]);
    blocker.close();
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
  });

  it('should exit 2 with usage on a configuration error', async () => {
    const { code, stderr } = await run(['serve', '--seeds', join(dir, 'missing')]);
    expect(code).toBe(2);
    expect(stderr).toContain('does not exist');
  });
});
