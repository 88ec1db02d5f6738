import { basename, dirname, resolve } from 'node:path';
import { createLogger } from 'graphql-yoga';
import { createApp } from './app.ts';
import { ConfigError, readConfig, type Config } from './config.ts';
import { extractArticle } from './core/extract-article.ts';
import { printSchemaSDL } from './graphql/print.ts';
import { readSeedFile } from './io/read-seed-file.ts';
import { createProgressReporter } from './progress.ts';

const USAGE = `usage:
  seedgraph serve [--seeds DIR] [--port N] [--host H] [--debounce-ms N] [--max-file-bytes N] [--no-watch] [--no-graphiql] [--log-level L]
  seedgraph parse FILE [--json]     print what extraction makes of one file
  seedgraph schema                  print the GraphQL schema (SDL)
environment: SEEDGRAPH_SEEDS, SEEDGRAPH_PORT (or PORT), SEEDGRAPH_HOST (or HOST), SEEDGRAPH_DEBOUNCE_MS,
  SEEDGRAPH_MAX_FILE_BYTES, SEEDGRAPH_WATCH=false, SEEDGRAPH_GRAPHIQL=false, SEEDGRAPH_LOG_LEVEL`;

/** Runs the CLI; resolves to the exit code (serve resolves only after a graceful shutdown). */
async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === 'help') return console.log(USAGE), 0;
  const { config, positionals, json } = readConfig(rest);
  switch (command) {
    case 'serve':
      return serve(config);
    case 'parse':
      if (positionals.length !== 1) throw new ConfigError('parse expects exactly one FILE');
      return parse(positionals[0]!, config, json);
    case 'schema':
      return process.stdout.write(printSchemaSDL()), 0;
    default:
      throw new ConfigError(`unknown command '${command}'`);
  }
}

async function serve(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  const progress = createProgressReporter(process.stderr, config.logLevel !== 'silent');
  const app = createApp(config, { logger, onProgress: progress });
  await app.start();
  console.error(`seedgraph serving ${config.seedsDir} at ${app.url}`);
  app.loaded.then(() => {
    const s = app.store.stats();
    console.error(`ready: ${s.articleCount} articles, ${s.personCount} people, ${s.topicCount} topics, ${s.problemCount} files with problems`);
  }, () => {});
  return new Promise((res) => {
    let signalled = false;
    const shutdown = (signal: string) => {
      if (signalled) return process.exit(130); // a second Ctrl-C means now
      signalled = true;
      console.error(`${signal}: shutting down`);
      app.stop().then(() => res(0), (err) => (logger.error('shutdown failed', err), res(1)));
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  });
}

async function parse(file: string, config: Config, json: boolean): Promise<number> {
  const path = resolve(file);
  const read = await readSeedFile(dirname(path), basename(path), { maxBytes: config.maxFileBytes });
  if (read.status === 'missing') throw new ConfigError(`no such file: ${file}`);
  const result = read.status === 'ok' ? extractArticle(read.text, read.sourcePath) : { article: null, diagnostics: [] };
  const diagnostics = [...read.diagnostics, ...result.diagnostics];
  if (json) return console.log(JSON.stringify({ article: result.article, diagnostics }, null, 2)), 0;
  const a = result.article;
  if (a) {
    console.log(`title:    ${a.title}\ncaption:  ${a.caption ?? '-'}\ncredit:   ${a.credit ?? '-'}\nwords:    ${a.wordCount}`);
    console.log(`sections: ${a.sections.map((s) => s.heading ?? '(lead)').join(' | ')}`);
    console.log(`people:   ${a.people.map((p) => p.name + (p.roles.length ? ` (${p.roles.join(', ')})` : '')).join('; ')}`);
    console.log(`topics:   ${a.topics.map((t) => `${t.name} [${t.kind.toLowerCase()}]`).join(', ')}`);
    for (const q of a.quotes) console.log(`quote:    "${q.text}" — ${q.speaker ?? '?'}${q.attribution ? ` (${q.attribution})` : ''}`);
  }
  for (const d of diagnostics) console.log(`${d.severity.toLowerCase()}: ${d.code}${d.line ? ` (line ${d.line})` : ''}: ${d.message}`);
  return a ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`seedgraph: ${(err as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
