import { describe, expect, it } from 'vitest';
import { extractTopics } from '../../src/core/topics.ts';

describe('topics', () => {
  const texts = [
    "Talks in Kenya's capital focused on drought relief. Officials in Kenya said the drought relief fund was empty.",
    'The president of the region said more drought relief was needed. Kenya has asked donors for help.',
  ];
  const topics = extractTopics('Drought relief talks open in Kenya', texts, ['Amina Odhiambo']);

  it('should merge forms of one place and drop possessives', () => {
    expect(topics.filter((t) => t.slug === 'kenya')).toEqual([expect.objectContaining({ name: 'Kenya', kind: 'PLACE' })]);
    expect(topics.some((t) => /kenyas/.test(t.slug))).toBe(false);
  });

  it('should keep repeated noun phrases and skip generic words', () => {
    const slugs = topics.map((t) => t.slug);
    expect(slugs).toContain('drought-relief');
    expect(slugs).not.toContain('president');
    expect(slugs).not.toContain('region');
  });

  it('should rank with scores in 0..1, highest first, at most eight', () => {
    const many = extractTopics('Markets', Array.from({ length: 20 }, (_, i) => `Topic${String.fromCharCode(65 + i)}x Corp grew. Topic${String.fromCharCode(65 + i)}x Corp grew.`), []);
    expect(many.length).toBe(8);
    expect(topics[0]?.score).toBe(1);
    for (let i = 1; i < topics.length; i++) expect(topics[i]!.score).toBeLessThanOrEqual(topics[i - 1]!.score);
    expect(topics.every((t) => t.score > 0 && t.score <= 1)).toBe(true);
  });

  it('should not make topics of people', () => {
    const t = extractTopics('Talks', ['Amina Odhiambo met donors. Amina Odhiambo left.'], ['Amina Odhiambo']);
    expect(t.some((x) => x.slug.includes('odhiambo'))).toBe(false);
  });

  it('should not make topics of capitalised function words such as "I"', () => {
    const texts = ['The coach said I think we can win, and I know the players agree. Our squad is ready.', 'I expect a hard game, he added, and I mean it.'];
    const t = extractTopics('Coach upbeat before final', texts, []);
    expect(t.map((x) => x.slug)).not.toContain('i');
    expect(t.map((x) => x.slug)).not.toContain('our');
    const acronym = extractTopics('Trade talks', ['Officials from the US met the EU team. The US side left early, and the US may return.'], []);
    expect(acronym.map((x) => x.slug)).toContain('us');
  });

  it('should merge singular and plural forms of a subject', () => {
    const t = extractTopics('Tariff row deepens', ['New tariffs hit steel, and the tariff on steel doubled. Those tariffs hurt.', 'More tariffs on cars follow, and a tariff on grain is planned. The tariff talks failed.'], []);
    expect(t.filter((x) => /^tariff/.test(x.slug)).map((x) => x.slug)).toEqual(['tariff']);
  });

  it('should not make topics of nationality adjectives or months', () => {
    const t = extractTopics('Talks resume', ['British and French officials met in March. British ministers said the French side agreed.', 'The British team returns in March.'], []);
    const slugs = t.map((x) => x.slug);
    expect(slugs).not.toContain('british');
    expect(slugs).not.toContain('french');
    expect(slugs).not.toContain('march');
  });

  it('should make a place a topic only when the story returns to it', () => {
    const passing = extractTopics('Chip sales rise', ['Chip sales rose, the firm said in London. Chip sales in Asia were strong.', 'Chip makers expect more growth.'], []);
    expect(passing.map((x) => x.slug)).not.toContain('london');
    const central = extractTopics('Floods hit Valencia', ['Valencia was flooded on Monday. Roads in Valencia closed.', 'Valencia asked for help.'], []);
    expect(central.map((x) => x.slug)).toContain('valencia');
  });

  it('should prefer a specific phrase to the vague word inside it', () => {
    const t = extractTopics('Computer games industry grows', ['The computer games industry grew again. Computer games industry bosses said games sell well.', 'Games now outsell films, the computer games industry says.'], []);
    const slugs = t.map((x) => x.slug);
    expect(slugs).toContain('computer-games-industry');
    expect(slugs).not.toContain('game');
  });

  it('should not take a capitalised word the article also writes in lower case for a name', () => {
    const t = extractTopics('Film chart', ['Over the New Year holiday the film stayed top. It was a good year for the studio.', 'Box office takings rose this year. Year on year sales climbed.'], []);
    expect(t.map((x) => x.slug)).not.toContain('year');
  });
});
