import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.ts';
import { SearchIndex } from '../../src/store/search.ts';

/** The fields the index reads, the rest left out. */
function article(fields: { title?: string; body?: string; people?: string[]; topics?: string[] }): Article {
  return {
    title: fields.title ?? '',
    body: fields.body ?? '',
    people: (fields.people ?? []).map((name) => ({ name, aliases: [name.split(' ').at(-1)!] })),
    topics: (fields.topics ?? []).map((name) => ({ name })),
  } as unknown as Article;
}

function indexOf(docs: Record<string, Parameters<typeof article>[0]>): SearchIndex {
  const index = new SearchIndex();
  for (const [id, fields] of Object.entries(docs)) index.put(id, article(fields));
  return index;
}

const ids = (index: SearchIndex, query: string) => index.search(query).map((h) => h.id);

describe('SearchIndex', () => {
  it('should rank a title match above a body match, best first with higher scores', () => {
    const index = indexOf({
      body: { title: 'Weekly roundup', body: 'The council discussed harbour dredging at length.' },
      title: { title: 'Harbour dredging approved', body: 'The council voted at length on Monday.' },
      none: { title: 'Weather', body: 'Rain at length.' },
    });
    const hits = index.search('harbour');
    expect(hits.map((h) => h.id)).toEqual(['title', 'body']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('should order equal matches by id, not by when each was indexed', () => {
    const same = { title: 'Harbour plan', body: 'The council approved the harbour plan.' };
    // Indexed in reverse path order, as a load whose later files finish first would.
    expect(ids(indexOf({ 'c.txt': same, 'b.txt': same, 'a.txt': same }), 'harbour')).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('should find people and topics as well as title and body', () => {
    const index = indexOf({
      a: { title: 'Talks resume', people: ['Ada Lovelace'] },
      b: { title: 'Talks resume', topics: ['Shipbuilding'] },
    });
    expect(ids(index, 'lovelace')).toEqual(['a']);
    expect(ids(index, 'shipbuilding')).toEqual(['b']);
  });

  it('should need every term to match', () => {
    const index = indexOf({
      both: { title: 'Interest rates rise', body: 'The bank moved.' },
      one: { title: 'Interest in gardening', body: 'Roses everywhere.' },
    });
    expect(ids(index, 'interest rates')).toEqual(['both']);
    expect(ids(index, 'interest').sort()).toEqual(['both', 'one']);
    expect(ids(index, 'interest penguins')).toEqual([]);
  });

  it('should match terms longer than three characters by prefix, shorter ones whole', () => {
    const index = indexOf({
      a: { title: 'Broadband rollout', body: 'An ant crossed.' },
      b: { title: 'Antelope herds', body: 'Grazing.' },
    });
    expect(ids(index, 'broadb')).toEqual(['a']);
    expect(ids(index, 'ante')).toEqual(['b']);
    expect(ids(index, 'ant')).toEqual(['a']);
  });

  it('should find the singular of a plural, but never a different word', () => {
    const index = indexOf({
      pension: { body: 'The pension age rises.' },
      company: { body: 'One company bid.' },
      tax: { body: 'A new tax.' },
      jon: { body: 'Jon spoke.' },
    });
    expect(ids(index, 'pensions')).toEqual(['pension']);
    expect(ids(index, 'companies')).toEqual(['company']);
    expect(ids(index, 'taxes')).toEqual(['tax']);
    // `Jones` is not the plural of `Jon`.
    expect(ids(index, 'jones')).toEqual([]);
  });

  it('should forgive one typo in a long term when nothing matches exactly', () => {
    const index = indexOf({
      p: { title: 'Pensions reform', body: 'The minister spoke.' },
      q: { title: 'Football results', body: 'The minister watched.' },
    });
    expect(ids(index, 'pensoins')).toEqual(['p']); // transposition
    expect(ids(index, 'pensins')).toEqual(['p']); // deletion
    expect(ids(index, 'penzions minister')).toEqual(['p']); // substitution, with another term
    expect(ids(index, 'footbaall')).toEqual(['q']); // insertion
    // Short terms stay exact, and two typos are too many.
    expect(ids(index, 'refrm')).toEqual([]);
    expect(ids(index, 'pnesoins')).toEqual([]);
  });

  it('should take a term the index knows as typed, even when the whole query finds nothing', () => {
    const index = indexOf({ one: { title: 'Sterling minister' }, other: { title: 'Starling reform' } });
    expect(ids(index, 'sterling minister')).toEqual(['one']);
    // `starling` is a word of the index: it is not widened to `sterling`, so nothing has both terms.
    expect(ids(index, 'starling minister')).toEqual([]);
  });

  it('should forget the old words of a replaced article', () => {
    const index = indexOf({ a: { title: 'Steam engines', body: 'Boilers and pistons.' } });
    expect(ids(index, 'boilers')).toEqual(['a']);
    index.put('a', article({ title: 'Steam engines', body: 'Now about ferries.' }));
    expect(ids(index, 'boilers')).toEqual([]);
    expect(ids(index, 'pistons')).toEqual([]);
    expect(ids(index, 'ferries')).toEqual(['a']);
    expect(ids(index, 'steam')).toEqual(['a']); // once, not twice
    // Replaced again before the index caught up: only the last text counts.
    index.put('a', article({ title: 'Canals', body: 'Locks.' }));
    index.put('a', article({ title: 'Railways', body: 'Sleepers.' }));
    expect(ids(index, 'ferries')).toEqual([]);
    expect(ids(index, 'locks')).toEqual([]);
    expect(ids(index, 'sleepers')).toEqual(['a']);
  });

  it('should drop the old words of a replaced article from the vocabulary typos are matched against', () => {
    const index = indexOf({ a: { title: 'Harbor (American spelling)' }, b: { title: 'Harboor misprint' } });
    expect(ids(index, 'harboor')).toEqual(['b']);
    index.put('b', article({ title: 'Misprint corrected' }));
    // `harboor` is no longer a word of the index, so it is a typo again, one edit from `harbor`.
    expect(ids(index, 'harboor')).toEqual(['a']);
  });

  it('should forget a removed article, even one removed before it was indexed', () => {
    const index = indexOf({ a: { title: 'Harbour news' }, b: { title: 'Harbour works' } });
    expect(ids(index, 'harbour').sort()).toEqual(['a', 'b']);
    index.remove('a');
    expect(ids(index, 'harbour')).toEqual(['b']);
    index.put('c', article({ title: 'Harbour lights' }));
    index.remove('c');
    expect(ids(index, 'harbour')).toEqual(['b']);
    index.remove('b');
    expect(ids(index, 'harbour')).toEqual([]);
    // A removed article's words leave the vocabulary too: `harboor` is a typo again once its article is gone.
    index.put('d', article({ title: 'Harbor (American spelling)' }));
    index.put('e', article({ title: 'Harboor misprint' }));
    expect(ids(index, 'harboor')).toEqual(['e']);
    index.remove('e');
    expect(ids(index, 'harboor')).toEqual(['d']);
  });

  it('should count pending changes and index them in slices, and catch up in full before a search', () => {
    const index = new SearchIndex();
    expect(index.pendingCount).toBe(0);
    for (let i = 0; i < 50; i++) index.put(`n${i}`, article({ title: `Note ${i}`, body: `Harbour report number ${i}.` }));
    index.put('n0', article({ title: 'Note 0', body: 'Harbour report again.' }));
    expect(index.pendingCount).toBe(50);
    const left = index.catchUp(0);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(50);
    expect(index.pendingCount).toBe(left);
    expect(index.catchUp(0)).toBeLessThan(left);
    expect(index.search('harbour')).toHaveLength(50);
    expect(index.pendingCount).toBe(0);
    expect(index.catchUp(0)).toBe(0);
    index.remove('n3');
    expect(index.pendingCount).toBe(1);
    expect(index.catchUp()).toBe(0);
    expect(index.search('harbour')).toHaveLength(49);
  });

  it('should return without throwing for hostile or empty queries', () => {
    const index = indexOf({
      a: { title: 'Markets and politics', body: 'Shares fell; foo bar near the column.' },
      b: { title: 'Or else', body: 'And then x.' },
    });
    const hostile = ['"', '""', 'AND', 'OR', 'NOT', 'NEAR(', 'NEAR(a b, 2)', '*', '^', 'col:foo', 'title:markets', '-x',
      '+', '(', ')', '{title body}: foo', "'; DROP TABLE docs; --", 'a OR b', 'markets"', '\u0301', '😀',
      'x'.repeat(5000), 'markets '.repeat(5000), 'marketz '.repeat(100)];
    for (const q of hostile) expect(() => index.search(q), q.slice(0, 40)).not.toThrow();
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('"*()-:^')).toEqual([]);
    // Operators and column filters are plain words: `title:markets` needs both "title" and "markets".
    expect(ids(index, 'title:markets')).toEqual([]);
    expect(ids(index, 'markets -politics')).toEqual(['a']);
    expect(ids(index, 'OR else')).toEqual(['b']);
    expect(ids(index, 'foo NEAR(bar')).toEqual(['a']);
  });

  it('should fold case and diacritics', () => {
    const index = indexOf({
      plain: { title: 'Cafe society' },
      accented: { title: 'Naïve art', body: 'Crème brûlée.' },
      cv: { title: 'Resume writing' },
    });
    expect(ids(index, 'café')).toEqual(['plain']);
    expect(ids(index, 'CAFÉ SOCIETY')).toEqual(['plain']);
    expect(ids(index, 'naive creme brulee')).toEqual(['accented']);
    expect(ids(index, 'cafe\u0301')).toEqual(['plain']); // decomposed é
    expect(ids(index, 'RÉSUMÉÉ')).toEqual(['cv']); // folded, then one typo away from `resume`
  });
});
