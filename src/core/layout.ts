/**
 * Text → layout: caption and credit, title, sections with headings, paragraphs.
 * Trailing page furniture left by scrapers is removed and reported, never silently dropped.
 */
import type { Diagnostic } from './types.ts';
import { extractCredit } from './credit.ts';
import { squashSpace } from './ids.ts';

export interface LayoutParagraph { text: string; line: number }
export interface LayoutSection { heading: string | null; paragraphs: LayoutParagraph[] }
export interface Layout {
  title: string;
  caption: string | null;
  credit: string | null;
  sections: LayoutSection[];
  /** Trailer lines removed from the end, as written. */
  removed: string[];
  byline: string | null;
  dateline: string | null;
  publishedAt: string | null;
  tags: string[];
}

// "By Jane Doe", "By Jane Doe and Max Roe, BBC News", "BY JANE DOE | Reuters": a short line naming the writer.
const BYLINE = /^(?:By|BY)\s+([\p{Lu}][\p{L}'’.-]*(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|and|&|de|van|von|al|bin))*(?:\s*[,|–—-]\s*[^.!?]{2,60})?)$/u;
// "LONDON (Reuters) -", "KYIV, Ukraine (AP) —", "WASHINGTON —": a capitalised place, maybe an agency, then a dash.
const DATELINE = /^((?:[\p{Lu}][\p{Lu}.'’-]+)(?:\s[\p{Lu}][\p{Lu}.'’-]+){0,3}(?:,\s[\p{L}.]+(?:\s[\p{L}.]+){0,2}(?:\s\d{1,2})?)?(?:\s\([\p{L}][\p{L} .&-]{1,25}\))?)\s+[-—–]+\s+(?=\S)/u;
// Wire copy's closing credits: "Reporting by Jane Doe; Editing by Max Roe".
const WIRE_CREDITS = /^\(?(?:(?:additional\s)?reporting|writing|editing|compiled|translated)\sby\s[^\n]{2,200}\)?$/i;

/** The writer named by a byline paragraph ("By Jane Doe, Science correspondent"), or null. */
export function readByline(paragraph: string): string | null {
  const t = paragraph.trim();
  if (t.length > 120 || t.split(/\s+/).length > 14) return null;
  const m = BYLINE.exec(t);
  return m && m[1] ? m[1].trim() : null;
}

/** Splits a dateline off the start of a lead paragraph: the dateline and the rest, or null. */
export function splitDateline(paragraph: string): { dateline: string; rest: string } | null {
  const m = DATELINE.exec(paragraph);
  if (!m || !m[1] || m[1].replace(/[^\p{Lu}]/gu, '').length < 3) return null;
  return { dateline: m[1].trim(), rest: paragraph.slice(m[0].length) };
}

const FURNITURE = /^(?:\d+\s+)?(?:comments?|advertisement|advert|sponsored(?: content)?|share(?: this)?(?: (?:article|story|page|post))?|share (?:on|via) \w+|read more|read next|more on this story|related(?: articles| stories| topics| content| coverage)?|see also|tags?|topics|sign up(?: .*)?|subscribe(?: .*)?|newsletter|follow us(?: .*)?|print|email|tweet|back to top|most (?:read|popular)|top stories|click here(?: .*)?|copyright.*|©.*|all rights reserved|view comments|show comments|load more|trending|continue reading|skip to .*)(?:\s*[(:]?\s*\d*\s*\)?)?$/i;

/** True for a short trailing line that is page furniture rather than article text. */
export function isFurniture(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 60 || t.split(/\s+/).length > 6) return false;
  if (FURNITURE.test(t)) return true;
  // A short all-caps line at the very end (ADVERTISEMENT, SHARE, MORE) is a button label, not prose.
  return /^[A-Z][A-Z &]{2,30}(?:\s*\(\d+\))?$/.test(t) && t.split(/\s+/).length <= 3;
}

/** Share of characters that are control characters or replacement marks. */
function garbageRatio(text: string): number {
  let bad = 0;
  let seen = 0;
  for (const ch of text) {
    if (ch === '\n' || ch === '\r' || ch === '\t' || ch === ' ' || ch === '\uFEFF') continue;
    seen++;
    const c = ch.codePointAt(0) ?? 0;
    if (c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return seen === 0 ? 0 : bad / seen;
}

const TERMINAL = /[.!?:;,"”’'…)\]]$/;

/** A short, title-ish line with no terminal punctuation. */
function isHeadingLike(p: string): boolean {
  if (p.length > 120 || p.length < 2 || TERMINAL.test(p) || p.includes('\n')) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(p) || /["“”]/.test(p)) return false;
  const words = p.split(/\s+/);
  if (words.length > 14) return false;
  const long = words.filter((w) => w.length > 3);
  const caps = long.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  return words.length <= 8 || caps / Math.max(1, long.length) >= 0.5;
}

/** Splits a block of non-blank lines into paragraphs: one per line unless the block is hard-wrapped prose. */
function blockParagraphs(lines: LayoutParagraph[]): LayoutParagraph[] {
  if (lines.length <= 1) return lines;
  const inner = lines.slice(0, -1);
  // A line ends a paragraph when it ends a sentence, or is a heading followed by a capitalised line.
  const ended = inner.filter((l, i) => TERMINAL.test(l.text) || (isHeadingLike(l.text) && /^[\p{Lu}"“]/u.test(lines[i + 1]?.text ?? ''))).length;
  const wrapped = lines.every((l) => l.text.length <= 100) && ended / inner.length < 0.5;
  if (!wrapped) return lines;
  return [{ text: squashSpace(lines.map((l) => l.text).join(' ')), line: lines[0]?.line ?? 1 }];
}

/** Normalises line endings, BOM and stray control characters. */
export function normalizeText(raw: string): string {
  return String(raw ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, ' ')
    .replace(/\u00a0/g, ' ');
}

/** Drops furniture lines from the end, reporting each. */
function dropTrailers(lines: string[], diagnostics: Diagnostic[]): string[] {
  const removed: string[] = [];
  let end = lines.length;
  for (let guard = 0; guard < 20 && end > 0; guard++) {
    const t = (lines[end - 1] ?? '').trim();
    if (!t) { end--; continue; }
    if (!isFurniture(t) && !WIRE_CREDITS.test(t)) break;
    removed.unshift(t);
    diagnostics.push({ code: 'SCRAPE_TRAILER_REMOVED', severity: 'INFO', line: end,
      message: `Removed trailing page furniture "${t}" at line ${end}; it is not part of the article.` });
    end--;
  }
  lines.length = end;
  return removed;
}

/** Groups lines into paragraphs (blank-line separated blocks, split per line where sensible). */
function toParagraphs(lines: string[]): LayoutParagraph[] {
  const out: LayoutParagraph[] = [];
  let block: LayoutParagraph[] = [];
  const flush = (): void => { out.push(...blockParagraphs(block)); block = []; };
  lines.forEach((raw, i) => {
    const text = squashSpace(raw);
    if (text) block.push({ text, line: i + 1 });
    else if (block.length) flush();
  });
  if (block.length) flush();
  return out;
}

/** True when a paragraph opens like a sentence: a capital, a digit or an opening quote. */
const startsSentence = (p: string): boolean => /^["“‘'(]?[\p{Lu}\p{N}]/u.test(p);

/** Builds sections: headings open a section; paragraphs before the first heading form the lead. */
function toSections(body: LayoutParagraph[]): LayoutSection[] {
  const sections: LayoutSection[] = [];
  let current: LayoutSection | null = null;
  body.forEach((p, i) => {
    const next = body[i + 1];
    // A heading has words, and what follows it starts a new sentence: a line followed by a lowercase
    // continuation ("Jamaican" + "stretched her record…") is a fragment left by scraping, not a heading.
    if (next && isHeadingLike(p.text) && /\p{L}/u.test(p.text) && startsSentence(next.text) && !isHeadingLike(next.text)) {
      current = { heading: p.text, paragraphs: [] };
      sections.push(current);
      return;
    }
    if (!current) { current = { heading: null, paragraphs: [] }; sections.push(current); }
    current.paragraphs.push(p);
  });
  return sections;
}

/** Parses normalised article text into its layout, or null (with a diagnostic) when there is no article. */
export function parseLayout(raw: string): { layout: Layout | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const original = String(raw ?? '');
  if (original.length > 0 && garbageRatio(original) > 0.2) {
    diagnostics.push({ code: 'NOT_TEXT', severity: 'ERROR', line: null, message: 'The content is mostly control characters; it does not look like text.' });
    return { layout: null, diagnostics };
  }
  const lines = normalizeText(original).split('\n').map((l) => l.replace(/\s+$/, ''));
  const removed = dropTrailers(lines, diagnostics);
  const paras = toParagraphs(lines);
  if (!paras.length || !/[\p{L}\p{N}]/u.test(paras.map((p) => p.text).join(' '))) {
    diagnostics.push({ code: 'EMPTY_CONTENT', severity: 'ERROR', line: null, message: 'The file holds no article text (no title and no paragraphs).' });
    return { layout: null, diagnostics };
  }
  let caption: string | null = null;
  let credit: string | null = null;
  // The caption comes first in scraped wire copy, but some formats put it right after the headline.
  for (const at of [0, 1]) {
    const p = paras[at];
    const c = paras.length > 1 && p ? extractCredit(p.text) : null;
    if (p && c) { caption = p.text; credit = c; paras.splice(at, 1); break; }
  }
  const first = paras.shift();
  let title = first?.text ?? '';
  if (title.length > 250 && first) {
    // No headline line: keep the paragraph as body and use its opening words as the title.
    paras.unshift(first);
    title = title.slice(0, 120).replace(/\s+\S*$/, '') + '…';
    diagnostics.push({ code: 'TITLE_GUESSED', severity: 'WARNING', line: first.line, message: 'The first line is too long to be a headline; the title was taken from its opening words.' });
  }
  // A byline among the first paragraphs, and a dateline opening the lead.
  let byline: string | null = null;
  for (let i = 0; i < Math.min(2, paras.length - 1); i++) {
    const found = readByline(paras[i]?.text ?? '');
    if (found) { byline = found; paras.splice(i, 1); break; }
  }
  let dateline: string | null = null;
  const lead = paras[0];
  const split = lead ? splitDateline(lead.text) : null;
  if (lead && split) { dateline = split.dateline; paras[0] = { ...lead, text: split.rest }; }
  return { layout: { title, caption, credit, sections: toSections(paras), removed, byline, dateline, publishedAt: null, tags: [] }, diagnostics };
}
