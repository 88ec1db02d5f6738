/**
 * Finding direct speech by its quote marks: straight and curly double quotes, speeches that run
 * over several paragraphs, speeches split around their cue, and the fragments that are not speech
 * (scare quotes, titles).
 */
import { SPEECH_VERBS } from './names.ts';

/** One stretch of quoted text inside one paragraph. */
export interface QuotePiece {
  unit: number;
  /** Offset of the opening mark, and of the closing mark (or end of text when unclosed). */
  open: number;
  close: number;
  text: string;
  closed: boolean;
}

/** A candidate quote: one or more pieces of the same speech. */
export interface QuoteSpan { pieces: QuotePiece[]; text: string }

const OPEN_CONTEXT = /[\s([{—–\-/]/;

/** Finds the quoted stretches of one paragraph. */
export function scanPieces(text: string, unit: number): QuotePiece[] {
  const out: QuotePiece[] = [];
  let openAt = -1;
  const push = (close: number, closed: boolean): void => {
    const body = text.slice(openAt + 1, close).trim();
    if (body) out.push({ unit, open: openAt, close, text: body, closed });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '"' && ch !== '“' && ch !== '”' && ch !== '„') continue;
    const prev = i > 0 ? text[i - 1] ?? ' ' : ' ';
    const next = text[i + 1] ?? ' ';
    const opening = ch === '“' || ch === '„' || (ch === '"' && OPEN_CONTEXT.test(prev) && !/\s/.test(next));
    if (opening) {
      // A new opening mark inside an open quote: the earlier piece ran on without a closing mark.
      if (openAt >= 0) push(i, false);
      openAt = i;
    } else if (openAt >= 0) {
      push(i, true);
      openAt = -1;
    }
  }
  if (openAt >= 0) push(text.length, false);
  return out;
}

/** Joins pieces of one speech: across paragraphs, and around a mid-sentence cue ("A," he said, "b"). */
export function joinPieces(units: string[], pieces: QuotePiece[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const p of pieces) {
    const last = spans[spans.length - 1];
    const prev = last?.pieces[last.pieces.length - 1];
    if (last && prev && continues(units, prev, p)) { last.pieces.push(p); last.text += ' ' + p.text; continue; }
    spans.push({ pieces: [p], text: p.text });
  }
  return spans;
}

const MID_CUE = new RegExp(String.raw`^\s*,?\s*[^"“”.!?]{0,60}\b(?:${SPEECH_VERBS})\b[^"“”.!?]{0,40},\s*$`, 'u');

/** True when piece `b` carries on the speech of piece `a`. */
function continues(units: string[], a: QuotePiece, b: QuotePiece): boolean {
  // Multi-paragraph speech: no closing mark at the end of a paragraph, an opening mark at the start of the next.
  if (!a.closed && a.close >= (units[a.unit]?.length ?? 0) && b.unit === a.unit + 1 && b.open === 0) return true;
  if (a.unit !== b.unit || !a.closed) return false;
  // "The thing is," he said, "that we ..." — the second piece goes on mid-sentence.
  const between = (units[a.unit] ?? '').slice(a.close + 1, b.open);
  return /^[\p{Ll}]/u.test(b.text) && /[,—–-]$/.test(a.text) && MID_CUE.test(between);
}

const SPEECH_NEAR = new RegExp(String.raw`\b(?:${SPEECH_VERBS}|according to|stating|described (?:it|him|her|them|the \w+) as|called (?:it|him|her|them))\b`, 'u');
const NOT_SPEECH_BEFORE = /(?:so-called|dubbed|titled|entitled|named|nicknamed|known as|the words?|the term|the phrase|labelled|labeled|branded|album|single|song|film|movie|book|novel|show|series|programme|program|play|musical|track|hit|called)\s*$/i;
const SMALL_WORDS = /^(?:a|an|the|of|and|or|in|on|at|to|for|with|from|by|my|your|is|be|i)$/i;

/** True when a short quoted fragment is speech someone said, not a scare quote or a title. */
export function isSpeech(unitText: string, span: QuoteSpan, hasCueAfter: boolean): boolean {
  const first = span.pieces[0];
  if (!first) return false;
  const words = span.text.split(/\s+/).filter(Boolean);
  const sentence = /[.!?…]["'’]?$/.test(span.text) || (/[,;]$/.test(span.text) && hasCueAfter);
  if (span.pieces.length > 1 || (words.length >= 6 && sentence)) return true;
  if (words.length > 12 && /[a-z]/.test(span.text)) return true;
  const before = unitText.slice(Math.max(0, first.open - 80), first.open);
  if (NOT_SPEECH_BEFORE.test(before)) return false;
  // Title case with no cue is a film, song, programme or book title.
  const titleCase = words.filter((w) => !SMALL_WORDS.test(w)).every((w) => /^[\p{Lu}\d]/u.test(w)) && words.length > 1;
  if (titleCase && !hasCueAfter && !/:\s*$/.test(before)) return false;
  // A whole sentence in quotes ("We cannot promise anything.") is speech even when its cue is elsewhere.
  if (sentence && words.length >= 3 && /^[\p{Lu}]/u.test(span.text)) return true;
  if (hasCueAfter) return true;
  // A fragment needs a speech verb shortly before it in the same sentence.
  const clause = before.split(/[.!?]["”’]?\s+|["“”]/).pop() ?? '';
  const window = clause.split(/\s+/).slice(-13).join(' ');
  return SPEECH_NEAR.test(window);
}
