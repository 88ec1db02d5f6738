import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Everything the app can be told; every default lives in `DEFAULTS`. */
export interface Config {
  /** Seed folder (absolute). */
  seedsDir: string;
  port: number;
  /** Interface to bind. 127.0.0.1 keeps a development server off the network; use 0.0.0.0 in containers. */
  host: string;
  /** Quiet time after the last file event before a file is re-read: coalesces editor saves and chunked copies. */
  debounceMs: number;
  /**
   * A watched file whose bytes stop mid-sentence (no final newline or closing mark) is held back until it
   * has stayed unchanged this long: a slow copy must not publish half an article. Complete files skip it.
   */
  partialWriteGraceMs: number;
  /** Files larger than this are reported, not read: a stray video in the folder must not exhaust memory. */
  maxFileBytes: number;
  /** Watch the folder for changes after the initial load. */
  watch: boolean;
  /** Serve GraphiQL on GET /graphql from a browser. */
  graphiql: boolean;
  /** Files read at once during the initial load. */
  loadConcurrency: number;
  /**
   * A start whose extraction cache holds at least this many extractions reads its files on a thread of its
   * own (blocking reads, hashing and cache lookups, ahead of the main thread, which only applies them). A
   * cold start spends its time extracting, and reads on the main thread: a thread more would only add to
   * its memory.
   */
  readerThreadMinFiles: number;
  /** Keep extractions in an on-disk cache (SQLite), so a restart re-extracts only changed files. */
  cache: boolean;
  /** Where the cache lives; null: ~/.cache/seedgraph/extractions-<hash of the seed folder>.sqlite. */
  cacheFile: string | null;
  /** Worker threads extracting articles (0: on the main thread). Started on demand, stopped when idle. */
  extractWorkers: number;
  /** A graphql-ws client must send `connection_init` within this time, or is closed with 4408. */
  wsInitTimeoutMs: number;
  /**
   * Browser origins allowed to open WebSockets. Non-browser clients (no Origin header), the service's own
   * host and localhost are always allowed; another site's page is refused with 4403 (cross-site WebSocket
   * hijacking). `*` allows every origin.
   */
  allowedOrigins: string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const DEFAULTS: Config = {
  seedsDir: resolve('seeds'),
  port: 4000,
  host: '127.0.0.1',
  debounceMs: 15,
  partialWriteGraceMs: 400,
  maxFileBytes: 5 * 1024 * 1024,
  watch: true,
  graphiql: true,
  loadConcurrency: 64,
  readerThreadMinFiles: 256,
  cache: true,
  cacheFile: null,
  extractWorkers: Math.max(1, Math.min(4, availableParallelism() - 1)),
  wsInitTimeoutMs: 3000,
  allowedOrigins: [],
  logLevel: 'info',
};

/** A configuration mistake: main prints the message and exits 2. */
export class ConfigError extends Error {}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/**
 * Reads flags, then environment (SEEDGRAPH_* first, then the conventional PORT/HOST), then defaults.
 * Returns the config, the positional arguments left over, and `--json` (for `parse`).
 */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): { config: Config; positionals: string[]; json: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      seeds: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'debounce-ms': { type: 'string' },
      'max-file-bytes': { type: 'string' },
      'no-watch': { type: 'boolean' },
      'no-graphiql': { type: 'boolean' },
      'log-level': { type: 'string' },
      'allowed-origins': { type: 'string' },
      'extract-workers': { type: 'string' },
      'no-cache': { type: 'boolean' },
      'cache-file': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const pick = (flag: string | undefined, ...names: string[]) => flag ?? names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
  const seeds = pick(values.seeds, 'SEEDGRAPH_SEEDS');
  const logLevel = pick(values['log-level'], 'SEEDGRAPH_LOG_LEVEL') ?? DEFAULTS.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`log level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);
  const config: Config = {
    seedsDir: seeds ? resolve(seeds) : DEFAULTS.seedsDir,
    port: toInt('port', pick(values.port, 'SEEDGRAPH_PORT', 'PORT'), DEFAULTS.port, 0, 65535),
    host: pick(values.host, 'SEEDGRAPH_HOST', 'HOST') ?? DEFAULTS.host,
    debounceMs: toInt('debounce-ms', pick(values['debounce-ms'], 'SEEDGRAPH_DEBOUNCE_MS'), DEFAULTS.debounceMs, 0, 60_000),
    partialWriteGraceMs: DEFAULTS.partialWriteGraceMs,
    maxFileBytes: toInt('max-file-bytes', pick(values['max-file-bytes'], 'SEEDGRAPH_MAX_FILE_BYTES'), DEFAULTS.maxFileBytes, 1, 2 ** 31),
    watch: values['no-watch'] ? false : env.SEEDGRAPH_WATCH !== 'false',
    graphiql: values['no-graphiql'] ? false : env.SEEDGRAPH_GRAPHIQL !== 'false',
    loadConcurrency: DEFAULTS.loadConcurrency,
    readerThreadMinFiles: DEFAULTS.readerThreadMinFiles,
    cache: values['no-cache'] ? false : env.SEEDGRAPH_CACHE !== 'false',
    cacheFile: ((f) => (f ? resolve(f) : null))(pick(values['cache-file'], 'SEEDGRAPH_CACHE_FILE')),
    extractWorkers: toInt('extract-workers', pick(values['extract-workers'], 'SEEDGRAPH_EXTRACT_WORKERS'), DEFAULTS.extractWorkers, 0, 64),
    wsInitTimeoutMs: DEFAULTS.wsInitTimeoutMs,
    allowedOrigins: (pick(values['allowed-origins'], 'SEEDGRAPH_ALLOWED_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    logLevel: logLevel as Config['logLevel'],
  };
  return { config, positionals, json: values.json ?? false };
}

function toInt(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`--${name} expects a whole number from ${min} to ${max}, got '${raw}'`);
  return n;
}
