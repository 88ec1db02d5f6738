import { describe, expect, it } from 'vitest';
import { countWords, slugify, stripPossessive } from '../../src/core/ids.ts';

describe('slugify', () => {
  it.each([
    ['Ukraine', 'ukraine'],
    ['  São Paulo: Crise!  ', 'sao-paulo-crise'],
    ["Russia's Fund", 'russias-fund'],
    ['Straße & Łódź', 'strasse-and-lodz'],
    ['', 'untitled'],
    ['!!!', 'untitled'],
  ])('should slugify %j as %j', (input, want) => {
    expect(slugify(input)).toBe(want);
  });

  it('should cap long slugs at a word boundary', () => {
    const slug = slugify('word '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.endsWith('word')).toBe(true);
  });
});

describe('helpers', () => {
  it.each([["Putin's", 'Putin'], ['Putin’s', 'Putin'], ["Jones'", 'Jones'], ['Trump', 'Trump']])('should strip the possessive of %j', (a, b) => {
    expect(stripPossessive(a)).toBe(b);
  });
  it('should count words with inner hyphens and apostrophes as one', () => {
    expect(countWords("It's a well-known fact, 2025.")).toBe(5);
  });
});
