import { afterEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract-article.ts';
import { bodyOf, compact } from '../../src/core/body.ts';
import { articleTerms, packTerms } from '../../src/core/terms.ts';
import { createExtractor, type Extractor } from '../../src/extract-pool.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { pollUntil } from '../helpers/wait.ts';

const STORY = 'Harbour plan approved\n\nThe council said on Monday that the plan would go ahead.\n\n"We are delighted," said Jane Smith, the council leader.\n';

let pool: Extractor | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await pool?.close();
  await t?.close();
  pool = undefined;
  t = undefined;
});

describe('extraction worker pool', () => {
  it('should give exactly what the main thread gives, with the vocabulary counted in the worker', async () => {
    pool = createExtractor({ workers: 2 });
    const texts = Array.from({ length: 6 }, (_, i) => STORY.replace('Harbour', `Harbour ${i}`));
    const results = await Promise.all(texts.map((text, i) => pool!.extract(text, `s${i}.txt`)));
    expect(pool.workerCount()).toBe(2);
    results.forEach((r, i) => {
      const inline = extractArticle(texts[i]!, `s${i}.txt`);
      // The body travels left out (the store derives it from the sections): everything else is identical.
      expect({ article: r.article, diagnostics: r.diagnostics }).toEqual(compact(inline));
      expect(r.article).not.toHaveProperty('body');
      expect(bodyOf(r.article!.sections)).toBe(inline.article!.body);
      expect(r.terms).toEqual(packTerms(articleTerms(inline.article!)));
    });
  });

  it('should hand over the lexicon a worker loaded, as JSON; none without workers', async () => {
    pool = createExtractor({ workers: 1 });
    const json = await pool.lexicon();
    expect(pool.workerCount()).toBe(1);
    const { lexiconJson } = await import('../../src/core/lexicon.ts');
    expect(json).toBe(lexiconJson());
    const none = createExtractor({ workers: 0 });
    expect(await none.lexicon()).toBeNull();
    await none.close();
  });

  it('should stop its workers when idle and start them again on demand', async () => {
    pool = createExtractor({ workers: 1, idleMs: 50 });
    await pool.extract(STORY, 'a.txt');
    expect(pool.workerCount()).toBe(1);
    await pollUntil(() => pool!.workerCount() === 0, 5000, 'the idle worker stopping');
    const again = await pool.extract(STORY, 'b.txt');
    expect(again.article?.title).toBe('Harbour plan approved');
    expect(pool.workerCount()).toBe(1);
  });

  it('should extract a single live edit on the main thread without waking a worker', async () => {
    pool = createExtractor({ workers: 2 });
    const r = await pool.extract(STORY, 'live.txt', { inline: true });
    expect(r.article?.title).toBe('Harbour plan approved');
    expect(pool.workerCount()).toBe(0);
  });

  it('should extract on the main thread when closed, or when asked for no workers', async () => {
    pool = createExtractor({ workers: 0 });
    expect((await pool.extract(STORY, 'a.txt')).article?.title).toBe('Harbour plan approved');
    expect(pool.workerCount()).toBe(0);
    const closed = createExtractor({ workers: 1 });
    await closed.close();
    expect((await closed.extract(STORY, 'a.txt')).article?.people.map((p) => p.name)).toEqual(['Jane Smith']);
    expect(closed.workerCount()).toBe(0);
  });

  it('should finish the files a dying worker had in hand on the main thread', async () => {
    const errors: string[] = [];
    pool = createExtractor({ workers: 1, onError: (message) => errors.push(message) });
    await pool.extract(STORY, 'warm.txt');
    const pending = Array.from({ length: 20 }, (_, i) => pool!.extract(STORY, `p${i}.txt`));
    // Kill the worker under load: every promise must still resolve with a proper extraction.
    await (pool as unknown as { close(): Promise<void> }).close();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.article?.title === 'Harbour plan approved')).toBe(true);
    expect(errors.join(' ')).toMatch(/extracting them on the main thread/);
  });

  it('should load a folder through worker threads in the running app', async () => {
    t = await startTestApp({ 'a.txt': STORY, 'b.txt': STORY.replace('Harbour', 'Bridge') }, { extractWorkers: 1 });
    const res = await t.query('{ articles(first: 5) { nodes { title people { name } } } }');
    expect(res.data.articles.nodes).toEqual([
      { title: 'Harbour plan approved', people: [{ name: 'Jane Smith' }] },
      { title: 'Bridge plan approved', people: [{ name: 'Jane Smith' }] },
    ]);
    const related = await t.query('{ article(sourcePath: "a.txt") { related(first: 1) { sourcePath } } }');
    expect(related.data.article.related).toEqual([{ sourcePath: 'b.txt' }]);
  });
});
