import { describe, expect, it } from 'vitest';
import { isFurniture, parseLayout, readByline, splitDateline } from '../../src/core/layout.ts';
import { extractCredit } from '../../src/core/credit.ts';
import { extractPhotographer } from '../../src/core/credit.ts';

describe('credits', () => {
  it.each([
    ['Workers clear snow in Oslo, January 3, 2025. REUTERS/Lena Berg/File photo', 'REUTERS/Lena Berg/File photo', 'Lena Berg'],
    ['A rally in Lima. AP Photo/Carlos Ruiz', 'AP Photo/Carlos Ruiz', 'Carlos Ruiz'],
    ['Fans celebrate in Milan. Photo: Anna Conti/AFP', 'Photo: Anna Conti/AFP', 'Anna Conti'],
    ['Traders at work in Frankfurt. (Reuters)', '(Reuters)', null],
    ['A view of the harbour. Mark Doyle/Getty Images', 'Mark Doyle/Getty Images', 'Mark Doyle'],
    ['Police at the scene. EPA-EFE/SERGEI ILNITSKY', 'EPA-EFE/SERGEI ILNITSKY', 'Sergei Ilnitsky'],
  ])('should split the credit off %j', (caption, credit, photographer) => {
    expect(extractCredit(caption)).toBe(credit);
    expect(extractPhotographer(credit)).toBe(photographer);
  });

  it.each(['The minister said the talks had ended.', 'Hart brands Rovers favourites', 'Prices rose 5% in the U.S./Canada market'])('should find no credit in %j', (text) => {
    expect(extractCredit(text)).toBeNull();
  });
});

describe('furniture', () => {
  it.each(['COMMENTS', 'Advertisement', 'Share this article', 'Read more', 'Comments (12)', '12 comments', 'ADVERTISEMENT'])('should treat %j as furniture', (line) => {
    expect(isFurniture(line)).toBe(true);
  });
  it.each(['He said the comments were unfair.', 'The talks will resume on Monday.', 'Share prices fell sharply in early trading today'])('should keep %j', (line) => {
    expect(isFurniture(line)).toBe(false);
  });
});

describe('parseLayout', () => {
  it('should read a caption, title, headings and remove trailers', () => {
    const text = 'Dockers at work in Rotterdam, May 2, 2024. REUTERS/Piet de Vries\n\nPort Strike Ends After Pay Deal\n\nThe strike at the port ended on Friday.\n\nWhat Comes Next\n\nUnions will vote next week.\n\nRead more\nComments (3)\n';
    const { layout, diagnostics } = parseLayout(text);
    expect(layout?.caption).toBe('Dockers at work in Rotterdam, May 2, 2024. REUTERS/Piet de Vries');
    expect(layout?.credit).toBe('REUTERS/Piet de Vries');
    expect(layout?.title).toBe('Port Strike Ends After Pay Deal');
    expect(layout?.sections.map((s) => s.heading)).toEqual([null, 'What Comes Next']);
    expect(layout?.sections[1]?.paragraphs.map((p) => p.text)).toEqual(['Unions will vote next week.']);
    expect(layout?.removed).toEqual(['Read more', 'Comments (3)']);
    expect(diagnostics.filter((d) => d.code === 'SCRAPE_TRAILER_REMOVED').map((d) => d.line).sort()).toEqual([11, 12]);
  });

  it.each([
    ['a fragment continued in lowercase', 'Record run\n\nShe won the final.\n\nJamaican\n\nstretched her unbeaten record to 25 races.\n'],
    ['a bare number', 'Cup final report\n\nThe match went to extra time.\n\n78,000\n\nReferee: S Bennett (Kent).\n'],
  ])('should not take %s for a heading', (_name, text) => {
    const layout = parseLayout(text).layout;
    expect(layout?.sections.map((s) => s.heading)).toEqual([null]);
  });

  it('should treat CRLF, CR and a BOM like plain newlines', () => {
    const unix = parseLayout('Title here\n\nFirst paragraph.\n\nSecond paragraph.\n').layout;
    expect(parseLayout('\uFEFFTitle here\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n').layout).toEqual(unix);
    expect(parseLayout('Title here\r\rFirst paragraph.\r\rSecond paragraph.  \t\r').layout).toEqual(unix);
  });

  it('should read single-newline paragraphs one per line', () => {
    const layout = parseLayout('Title line\nFirst paragraph ends here.\nSecond one ends too.').layout;
    expect(layout?.title).toBe('Title line');
    expect(layout?.sections[0]?.paragraphs.map((p) => p.text)).toEqual(['First paragraph ends here.', 'Second one ends too.']);
  });

  it('should join hard-wrapped prose lines into one paragraph', () => {
    const layout = parseLayout('Title line\n\nThis paragraph was wrapped by\nan old mail client at a fixed\nwidth of thirty characters.').layout;
    expect(layout?.sections[0]?.paragraphs.map((p) => p.text)).toEqual(['This paragraph was wrapped by an old mail client at a fixed width of thirty characters.']);
  });

  it.each(['', '   \n\n\t  ', '\uFEFF', '\r\n\r\n', '...'])('should give no layout and EMPTY_CONTENT for %j', (text) => {
    const { layout, diagnostics } = parseLayout(text);
    expect(layout).toBeNull();
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'EMPTY_CONTENT', severity: 'ERROR' }));
  });

  it('should report control-character soup as NOT_TEXT', () => {
    const { layout, diagnostics } = parseLayout('\u0000\u0001\u0002\u0003ab\u0004\u0005\u0006\u0007\u0008\u000e\u000f');
    expect(layout).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['NOT_TEXT']);
  });
});

describe('bylines, datelines and wire credits', () => {
  it.each([
    ['By Jane Marsh', 'Jane Marsh'],
    ['By Jane Marsh and Tom Hale, BBC News', 'Jane Marsh and Tom Hale, BBC News'],
    ['BY JANE MARSH | Reuters', 'JANE MARSH | Reuters'],
  ])('should read the byline %j', (line, want) => {
    expect(readByline(line)).toBe(want);
  });

  it.each([
    ['By the end of the year prices had doubled.'],
    ['by train'],
    ['By and large, the plan worked, officials said on Monday in a long statement to the press.'],
  ])('should not take %j for a byline', (line) => {
    expect(readByline(line)).toBeNull();
  });

  it.each([
    ['LONDON (Reuters) - Ships collided.', 'LONDON (Reuters)', 'Ships collided.'],
    ['KYIV, Ukraine (AP) — Power returned.', 'KYIV, Ukraine (AP)', 'Power returned.'],
    ['WASHINGTON — The vote passed.', 'WASHINGTON', 'The vote passed.'],
  ])('should split the dateline off %j', (text, dateline, rest) => {
    expect(splitDateline(text)).toEqual({ dateline, rest });
  });

  it.each([
    ['UK - based firms grew.'],
    ['The vote - a close one - passed.'],
    ['Mr Smith - the mayor - agreed.'],
  ])('should find no dateline in %j', (text) => {
    expect(splitDateline(text)).toBeNull();
  });

  it('should take byline and dateline out of the body and drop wire credits with a diagnostic', () => {
    const { layout, diagnostics } = parseLayout('Ships collide off Dover\n\nBy Jane Marsh\n\nLONDON (Reuters) - Two ships collided on Monday.\n\nNo one was hurt.\n\nReporting by Jane Marsh; Editing by Tom Hale\n');
    expect(layout).toMatchObject({ title: 'Ships collide off Dover', byline: 'Jane Marsh', dateline: 'LONDON (Reuters)' });
    expect(layout?.sections.flatMap((s) => s.paragraphs.map((p) => p.text))).toEqual(['Two ships collided on Monday.', 'No one was hurt.']);
    expect(diagnostics.map((d) => d.code)).toEqual(['SCRAPE_TRAILER_REMOVED']);
  });
});
