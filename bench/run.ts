/**
 * npm run bench [-- --corpus DIR] [--only NAME] [--runs N]
 *
 * Each scenario measures seedgraph next to a floor measured in the same run, interleaved,
 * and prints one table of ranges and ratios. Without --corpus, a corpus is generated so the
 * suite runs anywhere; for real figures pass --corpus ../shared/corpora/bbc.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.ts';
import { benchColdLoad, benchWarmRestart } from './cold-load.ts';
import { benchFanOut } from './fan-out.ts';
import { benchThroughput } from './throughput.ts';
import { benchMemory } from './memory.ts';
import { benchGrowth } from './growth.ts';
import { benchWriteLatency } from './write-latency.ts';
import { printTable, type Row } from './table.ts';

const SCENARIOS: Record<string, (corpus: string, runs: number) => Promise<Row[]>> = {
  'cold-load': benchColdLoad,
  'warm-restart': benchWarmRestart,
  'write-latency': benchWriteLatency,
  'fan-out': benchFanOut,
  throughput: benchThroughput,
  memory: benchMemory,
  growth: benchGrowth,
};

const { values } = parseArgs({
  options: { corpus: { type: 'string' }, only: { type: 'string' }, runs: { type: 'string', default: '2' } },
});
const names = values.only ? values.only.split(',') : Object.keys(SCENARIOS);
for (const n of names) if (!SCENARIOS[n]) throw new Error(`unknown scenario '${n}'; known: ${Object.keys(SCENARIOS).join(', ')}`);

let generated: string | null = null;
const corpus = values.corpus ? resolve(values.corpus) : (generated = await mkdtemp(join(tmpdir(), 'seedgraph-bench-')));
if (generated) await generateCorpus(generated, 2000);
console.error(`corpus: ${values.corpus ? corpus : `generated, 2000 articles in ${corpus}`}`);

const rows: Row[] = [];
for (const name of names) rows.push(...(await SCENARIOS[name]!(corpus, Number(values.runs))));
printTable(rows);
if (generated) await rm(generated, { recursive: true, force: true });
