import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract-article.ts';

/** Quotes of a one-paragraph (or more) article body. */
function quotesOf(body: string): { text: string; speaker: string | null; attribution: string | null }[] {
  const article = extractArticle(`Test headline for quotes\n\n${body}`, 't.txt').article;
  return (article?.quotes ?? []).map((q) => ({ text: q.text, speaker: q.speaker, attribution: q.attribution }));
}

describe('quote finding', () => {
  it.each([
    ['straight marks, X said', 'Anna Kowalska, the mayor, spoke on Monday. "We will rebuild the bridge," Ms Kowalska said.',
      [{ text: 'We will rebuild the bridge,', speaker: 'Anna Kowalska', attribution: 'said' }]],
    ['curly marks, said X with appositive', '“Prices will keep rising,” said Tom Reeve, an economist at Halden Bank.',
      [{ text: 'Prices will keep rising,', speaker: 'Tom Reeve', attribution: 'said' }]],
    ['colon after the cue', 'Coach Sarah Lund added: “The team played with real heart tonight.”',
      [{ text: 'The team played with real heart tonight.', speaker: 'Sarah Lund', attribution: 'added' }]],
    ['told Y', 'Minister Pavel Novak spoke briefly. "There is no deal yet," he told reporters.',
      [{ text: 'There is no deal yet,', speaker: 'Pavel Novak', attribution: 'he told reporters' }]],
    ['cue with a phrase', 'Chief executive Omar Haddad said in a statement: "Our results speak for themselves."',
      [{ text: 'Our results speak for themselves.', speaker: 'Omar Haddad', attribution: 'said in a statement' }]],
    ['split around the cue, joined', '"The plan," said Maria Lopez, "is to open in June."',
      [{ text: 'The plan, is to open in June.', speaker: 'Maria Lopez', attribution: 'said' }]],
    ['fragment with a speech verb', 'Senator Jane Holt said she was "deeply disappointed" by the vote.',
      [{ text: 'deeply disappointed', speaker: 'Jane Holt', attribution: 'said' }]],
    ['described it as', 'Analyst Ben Carter described it as "a disaster for savers".',
      [{ text: 'a disaster for savers', speaker: 'Ben Carter', attribution: 'described it as' }]],
    ['group speaker', 'Sales fell in Europe, Nordwell said. "Demand has weakened in every market," the company said.',
      [{ text: 'Demand has weakened in every market,', speaker: null, attribution: 'the company said' }]],
    ['according to', 'The ship will dock on Friday, according to port official Lars Berg, "if the weather holds up for us".',
      [{ text: 'if the weather holds up for us', speaker: 'Lars Berg', attribution: 'according to port official Lars Berg' }]],
  ])('should handle %s', (_name, body, want) => {
    expect(quotesOf(body)).toEqual(want);
  });

  it('should keep a multi-paragraph speech as one quote', () => {
    const q = quotesOf('Union leader Mary Quinn said: "We have asked for talks many times.\n\n"Nobody has answered our letters."\n\nThe company did not respond.');
    expect(q).toEqual([{ text: 'We have asked for talks many times. Nobody has answered our letters.', speaker: 'Mary Quinn', attribution: 'said' }]);
  });

  it('should keep single quotes nested inside a quote', () => {
    const q = quotesOf('"He told me \'wait here\' and left," said Dan Price.');
    expect(q.map((x) => x.text)).toEqual(["He told me 'wait here' and left,"]);
  });

  it('should carry the speaker to an uncued quote that follows', () => {
    const q = quotesOf('"We won," said Kate Moss. "It was hard." "Next year will be harder."');
    expect(q.map((x) => x.speaker)).toEqual(['Kate Moss', 'Kate Moss', 'Kate Moss']);
  });

  it('should resolve a role back to the person holding it', () => {
    const q = quotesOf('Finance minister Elena Varga met bankers on Tuesday.\n\n"Rates must fall," the minister said.');
    expect(q).toEqual([{ text: 'Rates must fall,', speaker: 'Elena Varga', attribution: 'the minister said' }]);
  });
});

describe('not quotes', () => {
  it.each([
    ['so-called scare quotes', 'Critics attacked the so-called "war on terror" again.'],
    ['a film title', 'She starred in the film "Gone With The Wind" years ago.'],
    ['a song title', 'The band played "Losing My Way" as an encore.'],
    ['a lone scare word', 'Shares came under "attack" from rivals in Asia.'],
    ['a fragment with no speaker nearby', 'The singer was taken to hospital with "severe flu-like symptoms" on Monday.'],
  ])('should ignore %s', (_name, body) => {
    expect(quotesOf(body)).toEqual([]);
  });
});
