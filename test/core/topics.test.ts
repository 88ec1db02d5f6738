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
});
