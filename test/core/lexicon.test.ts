import { describe, expect, it, vi } from 'vitest';

/** A fresh copy of the lexicon module, with nothing loaded: as another thread has it. */
async function freshLexicon() {
  vi.resetModules();
  return import('../../src/core/lexicon.ts');
}

describe('lexicon handed over as JSON', () => {
  it('should answer exactly as the lexicon it was made from', async () => {
    const source = await freshLexicon();
    const json = source.lexiconJson();
    const copy = await freshLexicon();
    expect(copy.hasLexicon()).toBe(false);
    expect(copy.useLexiconJson(json)).toBe(true);
    expect(copy.hasLexicon()).toBe(true);
    for (const word of ['london', 'jane', 'smith', 'minister', 'the', 'monday', 'bank', 'street', 'microsoft', 'zzyzx', 'São Paulo']) {
      expect(copy.lexTags(word), word).toEqual(source.lexTags(word));
      expect(copy.isOrgWord(word), word).toBe(source.isOrgWord(word));
      expect(copy.isPlaceWord(word), word).toBe(source.isPlaceWord(word));
    }
    expect(copy.isPlace('London')).toBe(true);
    expect(copy.isOrgWord('Bank')).toBe(true);
    // Once a lexicon is in use, another is refused.
    expect(copy.useLexiconJson(JSON.stringify({ lex: {}, org: [], place: [] }))).toBe(false);
    expect(copy.isPlace('London')).toBe(true);
  });

  it('should refuse malformed JSON and leave the lexicon to load as usual', async () => {
    const copy = await freshLexicon();
    for (const bad of ['', 'not json', '[]', '{"lex":[],"org":[],"place":[]}', '{"lex":{},"org":"bank","place":[]}', '{"lex":{}}']) {
      expect(copy.useLexiconJson(bad), bad).toBe(false);
    }
    expect(copy.hasLexicon()).toBe(false);
    expect(copy.isPlace('London')).toBe(true);
  });
});
