import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract-article.ts';
import { SeedStore } from '../../src/store/seed-store.ts';

// Invented stories in three clearly different fields, two or three per field.
const STORIES: Record<string, string> = {
  'rates-1.txt': 'Central bank holds interest rates\n\nThe central bank kept interest rates at 4% as inflation slowed. Economists expect the bank to cut rates once inflation falls further, and mortgage lenders welcomed the decision.',
  'rates-2.txt': 'Mortgage lenders cut rates\n\nMortgage lenders cut their rates after the central bank signalled that interest rates had peaked. Inflation data next week will guide the bank.',
  'football-1.txt': 'Harbour City win the derby\n\nHarbour City beat Eastbrook 2-0 in the derby. Striker Tomas Lindqvist scored both goals and the manager praised the defence after a clean sheet.',
  'football-2.txt': 'Lindqvist double sinks rivals\n\nTomas Lindqvist scored twice as Harbour City won again. The striker now has ten goals in the league and the defence kept another clean sheet.',
  'football-3.txt': 'Eastbrook sack their manager\n\nEastbrook sacked their manager after the derby defeat to Harbour City. The club want a new manager before the next league game.',
  'chips-1.txt': 'Chip maker unveils faster processor\n\nThe chip maker unveiled a faster processor for laptops. The processor uses less power, and laptop makers expect longer battery life.',
};

function loaded(): SeedStore {
  const store = new SeedStore();
  for (const [path, text] of Object.entries(STORIES)) {
    const { article } = extractArticle(text, path);
    store.upsert({ sourcePath: path, contentHash: path, article: article!, diagnostics: [] });
  }
  return store;
}

const related = (store: SeedStore, id: string, n = 5) => store.related(id, n).map((r) => r.article.sourcePath);

describe('related articles', () => {
  it('should rank stories of the same field first, never the article itself', () => {
    const store = loaded();
    expect(related(store, 'football-1.txt', 2).sort()).toEqual(['football-2.txt', 'football-3.txt']);
    expect(related(store, 'rates-1.txt', 1)).toEqual(['rates-2.txt']);
    expect(related(store, 'rates-1.txt')).not.toContain('rates-1.txt');
  });

  it('should give scores between 0 and 1, best first, and honour the limit', () => {
    const hits = loaded().related('football-2.txt', 3);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('should forget a removed article and pick up an edited one', () => {
    const store = loaded();
    store.remove('football-2.txt');
    expect(related(store, 'football-1.txt')).not.toContain('football-2.txt');
    // The chip story turns into a football story: it now relates to the football stories.
    const { article } = extractArticle(STORIES['football-2.txt']!, 'chips-1.txt');
    store.upsert({ sourcePath: 'chips-1.txt', contentHash: 'edited', article: article!, diagnostics: [] });
    expect(related(store, 'football-1.txt', 1)).toEqual(['chips-1.txt']);
  });

  it('should return nothing for an unknown article or a limit of 0', () => {
    const store = loaded();
    expect(store.related('missing.txt', 5)).toEqual([]);
    expect(store.related('rates-1.txt', 0)).toEqual([]);
  });
});
