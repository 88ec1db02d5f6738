import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract-article.ts';

/** People of an article made from a headline and the given body. */
function peopleOf(body: string, title = 'Test headline for people') {
  return extractArticle(`${title}\n\n${body}`, 't.txt').article?.people ?? [];
}

describe('people', () => {
  it.each([
    ['a given name from the lexicon', 'The report was written by Robert Hale last year.', ['Robert Hale']],
    ['a role before an unknown given name', 'Bass player Arvo Tamm was taken to hospital.', ['Arvo Tamm']],
    ['a speech verb next to an unknown name', '"It is over," said Ilkka Vaara, a trader at Kestrel.', ['Ilkka Vaara']],
    ['titles stripped', 'Prime Minister Luís Montenegro met President Emmanuel Macron.', ['Luís Montenegro', 'Emmanuel Macron']],
    ['a possessive organisation in front', "Leeds's Tom Hartley was pleased. Hartley's side won.", ['Tom Hartley']],
    ['a given name from the non-English name lists', 'The goal came from Didier Lemaire in the second half.', ['Didier Lemaire']],
    ['an office inside the span', 'Former Culture Secretary Chris Bellamy spoke first.', ['Chris Bellamy']],
    ['a surname that is also a word, with a role in front', 'Rap star Kanye Westlake and former champion Dwain Chambers attended.', ['Kanye Westlake', 'Dwain Chambers']],
    ['an age after the name', 'Teodor Brankovic, 31, won the 200m title.', ['Teodor Brankovic']],
    ['a speech verb after an appositive', '"It costs too much," Birgit Kuhlmann, from a Frankfurt bank, told reporters.', ['Birgit Kuhlmann']],
    ['a name listed next to a person', 'The released men, Richard Belmont and Moazzam Beghi, flew home.', ['Richard Belmont', 'Moazzam Beghi']],
    ['an unknown given name before a known surname', 'She lost the final to Lleyton Madsen on Sunday.', ['Lleyton Madsen']],
    ['a given name that is also a word, opening a sentence', 'Bill Ganton has opened the show. Mr Ganton spoke for an hour.', ['Bill Ganton']],
    ['a describing noun before a full name', 'Dutchman Arnoud Okkema won, and New Yorker Dan Morrell agreed.', ['Arnoud Okkema', 'Dan Morrell']],
    ['a surname that speaks alone elsewhere', 'Songsmith Guy Chalmers backed the plan. Chalmers said: "It matters."', ['Guy Chalmers']],
  ])('should find %s', (_name, body, want) => {
    expect(peopleOf(body).map((p) => p.name)).toEqual(want);
  });

  it.each([
    ['places and organisations', 'Goldman Sachs opened an office in Saudi Arabia and New York.'],
    ['sentence-initial words', 'Obviously the plan failed. However prices rose. Rest assured nothing changed.'],
    ['days and months', 'The vote is on Monday. Officials met in February and March.'],
    ['titles of works', 'The band played Losing My Religion and The One I Love at Sheffield Arena.'],
    ['a product named after a firm', 'Storage specialists BridgeHead Software joined the venture.'],
    ['the tail of a longer name', 'The Life of David Gale was his last film. The Council of Mortgage Lenders agreed.'],
    ['a name that labels a thing', 'Analysts at the Sal Oppenheim bank and the Jonathan Dimbleby programme were sceptical.'],
    ['a party nickname and a firm with a corporate suffix', 'The Lib Dems gained seats. General Motors Acceptance Corp cut its rating.'],
  ])('should not take %s for people', (_name, body) => {
    expect(peopleOf(body)).toEqual([]);
  });

  it('should merge surname and title mentions as aliases, with roles and counts', () => {
    const people = peopleOf('Belgian co-chairman Pieter Vandamme will step down. "It is time," Mr Vandamme said. Vandamme joined in 1970.');
    expect(people).toEqual([{ name: 'Pieter Vandamme', slug: 'pieter-vandamme', aliases: ['Mr Vandamme', 'Vandamme'], roles: ['co-chairman'], mentionCount: 3 }]);
  });

  it('should read an appositive role', () => {
    const [p] = peopleOf('Kirsi Lehto, chief of the national wealth fund, will travel to Oslo.');
    expect(p?.roles).toEqual(['chief of the national wealth fund']);
  });

  it('should list people in order of first mention, caption first', () => {
    const text = 'Ships in the port of Gdansk, May 1, 2024. REUTERS/Kacper Pempel\n\nPort Traffic Rises\n\nHarbour master Jan Nowak said traffic was up. Mayor Ewa Zielinska agreed.';
    expect(extractArticle(text, 'p.txt').article?.people.map((p) => p.name)).toEqual(['Kacper Pempel', 'Jan Nowak', 'Ewa Zielinska']);
  });

  it('should not let a headline introduce a person', () => {
    expect(peopleOf('Traffic at the harbour grew again.', 'Port Traffic Rises Again').map((p) => p.name)).toEqual([]);
  });

  it('should resolve a courtesy title with a given name to the person already named', () => {
    const people = peopleOf('Alex Fenwick led the club for years. Sir Alex said he was proud.');
    expect(people.map((p) => [p.name, p.mentionCount])).toEqual([['Alex Fenwick', 2]]);
  });

  it('should read a team sheet, merging initials with names given in full', () => {
    const body = 'Aurel Ronsard scored twice.\n\nFrance: A Ronsard, B Dufay, C Marot (capt); D Villon, E Scève, J-P Rabel.';
    expect(peopleOf(body).map((p) => p.name)).toEqual(['Aurel Ronsard', 'B Dufay', 'C Marot', 'D Villon', 'E Scève', 'J-P Rabel']);
  });

  it('should keep initials in prose that is not a team sheet out of people', () => {
    expect(peopleOf('Plan B and Option C were both rejected by the board.').map((p) => p.name)).toEqual([]);
  });

  it('should key a person known only by surname to the article, and a full name across articles', () => {
    const inA = extractArticle('Vote delayed\n\nMr Okafor said the vote was delayed. Dana Whitlock agreed.', 'a.txt').article?.people ?? [];
    const inB = extractArticle('Bridge reopens\n\nMr Okafor opened the bridge. Dana Whitlock cut the ribbon.', 'b.txt').article?.people ?? [];
    const slug = (people: typeof inA, name: string) => people.find((p) => p.name === name)?.slug;
    expect(slug(inA, 'Okafor')).toMatch(/^okafor-[0-9a-z]+$/);
    expect(slug(inA, 'Okafor')).not.toBe(slug(inB, 'Okafor'));
    expect(slug(inA, 'Dana Whitlock')).toBe('dana-whitlock');
    expect(slug(inB, 'Dana Whitlock')).toBe('dana-whitlock');
  });

  it('should resolve a later role mention to the one person given that role, as an alias', () => {
    const people = peopleOf('Special envoy Marta Kovac arrived on Monday. The envoy met officials. Shadow chancellor Ian Reed objected, but the chancellor was silent.');
    const marta = people.find((p) => p.name === 'Marta Kovac');
    expect(marta?.aliases).toContain('the envoy');
    expect(marta?.mentionCount).toBe(2);
    // "the chancellor" is not the shadow chancellor.
    expect(people.find((p) => p.name === 'Ian Reed')?.aliases ?? []).not.toContain('the chancellor');
  });

  it('should read result lists with clubs in brackets and bullet markers', () => {
    const body = 'Jason Garner won the 60m.\n\n60m: J Garner (Bath Harriers), T Abeyo (Woodford Green with Essex Ladies).\n\nD Garlan (Channel Islands AC).\n\n- M Bleyer (Edinburgh), M Di Rollo (Glasgow, capt)';
    expect(peopleOf(body).map((p) => p.name)).toEqual(['Jason Garner', 'T Abeyo', 'D Garlan', 'M Bleyer', 'M Di Rollo']);
  });
});
