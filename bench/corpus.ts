import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FIRST = ['Anna', 'James', 'Maria', 'David', 'Sophie', 'Peter', 'Laura', 'Tom', 'Helen', 'Mark', 'Ruth', 'Omar'];
const LAST = ['Hughes', 'Patel', 'Morgan', 'Fischer', 'Okafor', 'Novak', 'Reyes', 'Lindqvist', 'Byrne', 'Tanaka'];
const PLACES = ['London', 'Brussels', 'Madrid', 'Tokyo', 'Lagos', 'Chicago', 'Mumbai', 'Sydney'];
const SUBJECTS = ['interest rates', 'the budget', 'broadband', 'the election', 'the merger', 'the league', 'the tour', 'pensions'];
const VERBS = ['said', 'told reporters', 'added', 'insisted'];

/** A deterministic pseudo-random generator, so every run benchmarks the same corpus. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** Writes `count` BBC-shaped articles (~380 words each: headline, paragraphs, attributed quotes) under `dir`. */
export async function generateCorpus(dir: string, count: number): Promise<void> {
  const r = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `section-${i % 5}`);
    if (i < 5) await mkdir(folder, { recursive: true });
    const [first, last, place, subject] = [pick(FIRST), pick(LAST), pick(PLACES), pick(SUBJECTS)];
    const paragraphs = [`${place} debate over ${subject} deepens`];
    for (let p = 0; p < 12; p++) {
      paragraphs.push(p % 3 === 1
        ? `"The figures on ${subject} show a clear change in ${place} this year," ${p === 1 ? `${first} ${last}` : last} ${pick(VERBS)}. "We expect more of the same."`
        : `Officials in ${place} met on ${pick(['Monday', 'Tuesday', 'Friday'])} to discuss ${subject}, which has dominated debate for months. ` +
          `Analysts said the outcome would shape spending plans, and several groups called for a review of the rules before the end of the year.`);
    }
    await writeFile(join(folder, `${String(i).padStart(5, '0')}.txt`), paragraphs.join('\n\n') + '\n');
  }
}
