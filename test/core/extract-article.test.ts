import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract-article.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const seed = readFileSync(here('../../seeds/000_20edab047404dd92.txt'), 'utf8');

describe('the seed article', () => {
  const { article, diagnostics } = extractArticle(seed, '000_20edab047404dd92.txt');

  it('should read title, caption and credit', () => {
    expect(article?.title).toBe('Senior Russian Official to Visit Washington for Talks with Trump Administration');
    expect(article?.caption?.startsWith('The head of Russia’s sovereign wealth fund Kirill Dmitriev')).toBe(true);
    expect(article?.credit).toBe('REUTERS/Hamad I Mohammed/File photo');
    expect(article?.titleSlug).toBe('senior-russian-official-to-visit-washington-for-talks-with-trump-administration');
  });

  it('should find the five headings after the lead', () => {
    expect(article?.sections.map((s) => s.heading)).toEqual([null, 'High-Level Diplomatic Visit', 'Focus on U.S.-Russia Relations and Ukraine',
      'Context and Strategic Interests', 'Economic and Strategic Cooperation', 'Arctic Development and U.S. Interest in Greenland']);
    expect(article?.sections.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('should remove the COMMENTS trailer and say so', () => {
    expect(article?.body).not.toMatch(/COMMENTS/);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'SCRAPE_TRAILER_REMOVED', line: 45 })]);
  });

  it('should find both quotes with their speakers', () => {
    expect(article?.quotes.map((q) => [q.text.slice(0, 45), q.speaker, q.attribution])).toEqual([
      ['Maybe. The resistance to U.S.–Russia dialogue', 'Kirill Dmitriev', 'said in a social media post'],
      ['pissed off', 'Donald Trump', 'said'],
    ]);
  });

  it('should find the five people', () => {
    expect(article?.people.map((p) => p.name).sort()).toEqual(['Donald Trump', 'Hamad I Mohammed', 'Kirill Dmitriev', 'Steve Witkoff', 'Vladimir Putin']);
    expect(article?.people.find((p) => p.name === 'Steve Witkoff')?.roles).toContain('special envoy');
  });

  it('should rank Ukraine and the Arctic among the topics', () => {
    const slugs = article?.topics.map((t) => t.slug) ?? [];
    expect(slugs).toContain('ukraine');
    expect(slugs).toContain('arctic');
  });

  it('should count words of the body', () => {
    expect(article?.wordCount).toBeGreaterThan(650);
    expect(article?.wordCount).toBeLessThan(760);
  });
});

describe('fixtures', () => {
  it('should read a wire story with an AP caption and two trailers', () => {
    const { article, diagnostics } = extractArticle(readFileSync(here('../fixtures/core/wire-caption.txt'), 'utf8'), 'wire-caption.txt');
    expect(article?.credit).toBe('AP Photo/Joana Ferreira');
    expect(article?.people.map((p) => p.name)).toEqual(['Joana Ferreira', 'Rui Lopes', 'Luís Montenegro']);
    expect(diagnostics.filter((d) => d.code === 'SCRAPE_TRAILER_REMOVED')).toHaveLength(2);
    expect(article?.quotes.map((q) => q.speaker)).toEqual(['Rui Lopes', 'Rui Lopes', null, 'Luís Montenegro']);
  });

  it('should read a BBC-style story with no caption', () => {
    const { article } = extractArticle(readFileSync(here('../fixtures/core/bbc-style.txt'), 'utf8'), 'bbc-style.txt');
    expect(article?.caption).toBeNull();
    expect(article?.credit).toBeNull();
    expect(article?.title).toBe('Harbour plan wins council backing');
    expect(article?.sections).toHaveLength(1);
    expect(article?.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['We have waited ten years for this,', 'Margaret Doyle'], ['Now the work can begin.', 'Margaret Doyle'],
      ['on budget', 'Peter Vance'], ['It is the biggest job we have taken on,', 'Peter Vance']]);
  });

  it('should give the same article for CRLF and a BOM', () => {
    const crlf = extractArticle('\uFEFF' + seed.replace(/\n/g, '\r\n'), '000_20edab047404dd92.txt');
    expect(crlf.article).toEqual(extractArticle(seed, '000_20edab047404dd92.txt').article);
  });
});

describe('bad input', () => {
  it.each(['', '   ', '\n\n\n', '\uFEFF\r\n'])('should give null and EMPTY_CONTENT for %j', (text) => {
    const { article, diagnostics } = extractArticle(text, 'empty.txt');
    expect(article).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['EMPTY_CONTENT', 'ERROR']]);
  });

  it('should give null and NOT_TEXT for binary-looking content', () => {
    const binary = Array.from({ length: 400 }, (_, i) => String.fromCharCode(i % 32)).join('');
    const { article, diagnostics } = extractArticle(binary, 'x.bin');
    expect(article).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['NOT_TEXT']);
  });

  it('should never throw on odd strings', () => {
    const odd = ['"', '“', '""""', '"a', 'Mr', 'Mr.\n\nMr Mr Mr', '\u0000x', 'A\n\n"B," said', '\ud800', '”He said“', 'x'.repeat(100000),
      'T\n\n' + '"Q," he said. '.repeat(500), 'REUTERS/\n\nT', null as unknown as string, undefined as unknown as string, 42 as unknown as string];
    for (const s of odd) expect(() => extractArticle(s, 'odd.txt')).not.toThrow();
  });

  it('should never throw on random strings', () => {
    // A fixed linear congruential generator keeps the test reproducible.
    let state = 12345;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = 'aA zZ.,;:"“”‘’\'\n\r\t-—()/MrDSaid said he told REUTERS Photo: 0123456789\u0000\u00e9\ufeff';
    for (let n = 0; n < 400; n++) {
      const len = Math.floor(next() * 400);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      const run = (): unknown => extractArticle(s, `fuzz-${n}.txt`);
      expect(run).not.toThrow();
      const { article, diagnostics } = extractArticle(s, 'f.txt');
      expect(article !== null || diagnostics.some((d) => d.severity === 'ERROR')).toBe(true);
    }
  });
});
