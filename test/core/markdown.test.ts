import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/core/extract-article.ts';

const FRONT = `---
title: Harbour council approves the new ferry terminal
date: 2024-05-02
author: Jane Marsh
tags: [ferries, Harbour Council]
---

The council voted on Monday to build a new ferry terminal, its leader Omar Haddad said.

## Costs

"We will pay for it without new taxes," Mr Haddad said. The terminal will cost **£40m**, according to [the council](https://example.org).

- Work starts in June.
- It should open in 2026.

> The old terminal closes next year.

![A ferry at dawn](ferry.jpg)

\`\`\`
not prose
\`\`\`
`;

describe('Markdown articles', () => {
  const { article, diagnostics } = extractArticle(FRONT, 'news/ferry.md');

  it('should read title, date, author and tags from the front matter', () => {
    expect(diagnostics).toEqual([]);
    expect(article).toMatchObject({
      format: 'MARKDOWN', title: 'Harbour council approves the new ferry terminal', byline: 'Jane Marsh',
      publishedAt: '2024-05-02T00:00:00.000Z', tags: ['ferries', 'Harbour Council'],
    });
  });

  it('should make headings sections and keep only prose, without Markdown syntax', () => {
    expect(article?.sections.map((s) => s.heading)).toEqual([null, 'Costs']);
    expect(article?.sections[1]?.paragraphs).toEqual([
      '"We will pay for it without new taxes," Mr Haddad said. The terminal will cost £40m, according to the council.',
      'Work starts in June.',
      'It should open in 2026.',
      'The old terminal closes next year.',
    ]);
    expect(article?.body).not.toMatch(/not prose|\*\*|\]\(|ferry\.jpg/);
  });

  it('should find people and quotes as in plain text, and lead the topics with the tags', () => {
    expect(article?.people.map((p) => p.name)).toEqual(['Omar Haddad']);
    expect(article?.quotes.map((q) => [q.text, q.speaker])).toEqual([['We will pay for it without new taxes,', 'Omar Haddad']]);
    expect(article?.topics.slice(0, 2).map((t) => [t.slug, t.score])).toEqual([['ferries', 1], ['harbour-council', 1]]);
  });

  it('should take the title from the first top-level heading when there is no front matter', () => {
    const { article: a } = extractArticle('# Storm closes the port\r\n\r\nThe port closed on Friday.\r\n', 'storm.markdown');
    expect(a).toMatchObject({ format: 'MARKDOWN', title: 'Storm closes the port', byline: null, publishedAt: null, tags: [] });
    expect(a?.sections).toEqual([{ index: 0, heading: null, paragraphs: ['The port closed on Friday.'] }]);
  });

  it('should report bad front matter and still serve the article', () => {
    const bad = extractArticle('---\ntitle: [unclosed\n---\n\n# Storm closes the port\n\nThe port closed.\n', 'bad.md');
    expect(bad.article?.title).toBe('Storm closes the port');
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['FRONT_MATTER_INVALID']);
    const date = extractArticle('---\ntitle: Storm\ndate: next tuesday-ish\n---\n\nThe port closed.\n', 'date.md');
    expect(date.article?.publishedAt).toBeNull();
    expect(date.diagnostics.map((d) => d.code)).toEqual(['FRONT_MATTER_DATE_INVALID']);
  });

  it('should guess the title from the first paragraph when there is none, and say so', () => {
    const { article: a, diagnostics: d } = extractArticle('The port closed on Friday after the storm.\n', 'untitled.md');
    expect(a?.title).toBe('The port closed on Friday after the storm.');
    expect(d.map((x) => x.code)).toEqual(['TITLE_GUESSED']);
  });

  it('should give null and EMPTY_CONTENT for front matter alone', () => {
    const { article: a, diagnostics: d } = extractArticle('---\ntags: [x]\n---\n', 'empty.md');
    expect(a).toBeNull();
    expect(d.map((x) => x.code)).toEqual(['EMPTY_CONTENT']);
  });
});
