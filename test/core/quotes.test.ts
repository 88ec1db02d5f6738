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
    ['X, stating:', 'Maria Lopez posted a message online, stating: "We are ready to talk."',
      [{ text: 'We are ready to talk.', speaker: 'Maria Lopez', attribution: 'stating' }]],
    ['a subject with an appositive before the verb', 'But Karl Mendes, chief economist at Halvorsen, said: "Growth will slow next year."',
      [{ text: 'Growth will slow next year.', speaker: 'Karl Mendes', attribution: 'said' }]],
    ['a role and name before the verb after the quote', '"Buyers have more power now," housing spokesman Ian Pardoe said.',
      [{ text: 'Buyers have more power now,', speaker: 'Ian Pardoe', attribution: 'said' }]],
    ['an aside between quote and verb', '"It is too expensive," Birgit Kuhne, from a Frankfurt bank, told Reuters.',
      [{ text: 'It is too expensive,', speaker: 'Birgit Kuhne', attribution: 'told Reuters' }]],
    ['a relative who', 'Labour\'s Mr Dorland, who says he is "standing firm" on the plan, refused to resign.',
      [{ text: 'standing firm', speaker: 'Dorland', attribution: 'says' }]],
    ['a listener after told', 'Mr Solano told the Jon Brightman programme: "The system works."',
      [{ text: 'The system works.', speaker: 'Solano', attribution: 'told the Jon Brightman programme' }]],
    ['an inverted cue closing the sentence', 'Mr Hale "should have resigned at once" when the facts were known, said Ms Quinn.',
      [{ text: 'should have resigned at once', speaker: 'Quinn', attribution: 'said' }]],
    ['a closing subject-verb clause', '"Classic market research", such as a poll, is not marketing, Phil Jarvis said.',
      [{ text: 'Classic market research', speaker: 'Phil Jarvis', attribution: 'said' }]],
    ['quoted as saying', '"We must cut costs," the newspaper quoted chief executive Gary Dent as saying.',
      [{ text: 'We must cut costs,', speaker: 'Gary Dent', attribution: 'quoted chief executive Gary Dent as saying' }]],
    ['a participle sharing the subject', 'Jonas Hale introduced Percy Stone, citing his hit as "one of the best records I have heard".',
      [{ text: 'one of the best records I have heard', speaker: 'Jonas Hale', attribution: 'citing his hit as' }]],
    ['a coordinated verb after a named cue', 'Police said Mr Grey led the group, but his lawyer, Anton Tarrow, told the BBC it was absurd and added: "He had no computer."',
      [{ text: 'He had no computer.', speaker: 'Anton Tarrow', attribution: 'added' }]],
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

  it('should resolve he and she by gender and by the latest subject', () => {
    const q = quotesOf('Anna Berg met Tomas Lind in Oslo on Monday. "We agreed on the price," she said. "The deal is done," he said.');
    expect(q.map((x) => x.speaker)).toEqual(['Anna Berg', 'Tomas Lind']);
  });

  it('should resolve a description to the person just named', () => {
    const q = quotesOf('Former captain Marcel Dutronc now plays in Qatar.\n\n"They are much stronger now," the 36-year-old said.');
    expect(q).toEqual([{ text: 'They are much stronger now,', speaker: 'Marcel Dutronc', attribution: 'the 36-year-old said' }]);
  });

  it('should not take the subject of a reported clause for the pronoun of its cue', () => {
    const q = quotesOf('Michael Harwood opened the campaign on Monday. "The choice is clear," he said.\n\nMr Blake has failed, he claimed, saying he has the "wrong answer" to it.');
    expect(q.map((x) => x.speaker)).toEqual(['Michael Harwood', 'Michael Harwood']);
  });

  it('should give each part of a speech flattened onto one line (a new opening mark per part) its speaker', () => {
    const q = quotesOf('Steve Radford, chief economist at the EEF, said: "These figures are at odds with reality. "Firms may be finding it tougher this year." The statistics office said a fall in mining was to blame.');
    expect(q.map((x) => [x.text, x.speaker])).toEqual([
      ['These figures are at odds with reality.', 'Steve Radford'],
      ['Firms may be finding it tougher this year.', 'Steve Radford'],
    ]);
  });
});
