/**
 * Direct quotes with their speakers: the cue next to the quote (`X said`, `said X`, `X told Y`,
 * `according to X`, a colon), pronouns and roles resolved back to a person, groups kept as
 * attribution with no speaker.
 */
import type { ArticlePerson, Quote } from './types.ts';
import type { PersonMention, TextUnit } from './people.ts';
import { SPEECH_VERBS } from './names.ts';
import { isSpeech, joinPieces, scanPieces, type QuoteSpan } from './quote-marks.ts';

interface Cue { attribution: string; speaker: number | null; confidence: number; subject: 'named' | 'pronoun' | 'relative' | 'group' }

const V = SPEECH_VERBS;
const SUBJECT = String.raw`((?:[\p{Lu}][\p{L}'’.-]*\s?){1,4}|he|she|they|we|it|who|(?:the|an?|its|his|her|their)\s[\p{L}'’-]+(?:\s[\p{L}'’-]+){0,3}?)`;
const AFTER_SV = new RegExp(String.raw`^[\s,—–-]*${SUBJECT}\s+(?:has\s|had\s|also\s|later\s|then\s)?(${V})\b`, 'u');
const AFTER_VS = new RegExp(String.raw`^[\s,—–-]*(${V})\s+((?:the\s|an?\s)?[^,.;:!?"“”]{1,60}?)(?=[,.;:!?"“”]|$)`, 'u');
const VERB_G = new RegExp(String.raw`\b(${V}|stating|according to)\b`, 'gu');
const TAIL = /^\s+((?:in|on|at|during|via|through|from|after|before|while|to)\s[^,:;"“”.!?]{1,50})/;
const PRONOUN = /^(?:he|she|He|She)$/;
const PREP_BEFORE = /\b(?:by|to|with|of|from|for|about|against|on|at|and|than)\s+(?:[\p{Lu}][\p{L}'’.-]*\s){0,3}$/u;

interface Ctx { units: TextUnit[]; people: ArticlePerson[]; mentions: PersonMention[]; inQuote: (m: PersonMention) => boolean }

/** The person mentioned inside [a, b) of a unit, nearest to b. */
function mentionIn(ctx: Ctx, unit: number, a: number, b: number): number | null {
  const ms = ctx.mentions.filter((m) => m.unit === unit && m.start >= a && m.end <= b);
  return ms.length ? ms[ms.length - 1]?.person ?? null : null;
}

/** Most recent person mentioned as a clause subject (not possessive, not after a preposition) before a point. */
function recentSubject(ctx: Ctx, unit: number, at: number, from = -1): number | null {
  for (let i = ctx.mentions.length - 1; i >= 0; i--) {
    const m = ctx.mentions[i];
    if (!m || m.unit > unit || (m.unit === unit && m.start >= at) || m.unit < from || ctx.inQuote(m)) continue;
    const text = ctx.units[m.unit]?.text ?? '';
    if (/^['’]s?\b/.test(text.slice(m.end, m.end + 2)) || PREP_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start))) continue;
    return m.person;
  }
  return null;
}

/** A role subject ("the minister") resolved to the latest person holding that role, or null. */
function byRole(ctx: Ctx, subject: string, unit: number, at: number): number | null {
  if (/^an?\s/i.test(subject)) return null; // "an REM spokesman" introduces someone new
  const head = subject.split(/\s+/).pop()?.toLowerCase() ?? '';
  const holders = ctx.people.map((p, i) => (p.roles.some((r) => r.toLowerCase().split(/\W+/).includes(head)) ? i : -1)).filter((i) => i >= 0);
  if (!holders.length) return null;
  const recent = ctx.mentions.filter((m) => (m.unit < unit || (m.unit === unit && m.start < at)) && holders.includes(m.person));
  return recent.length ? recent[recent.length - 1]?.person ?? null : holders[0] ?? null;
}

/** Resolves a cue's subject words to a person, or to none for groups. */
function resolveSubject(ctx: Ctx, subject: string, unit: number, a: number, b: number, at: number): Omit<Cue, 'attribution'> {
  const named = mentionIn(ctx, unit, a, b);
  if (named !== null) return { speaker: named, confidence: 0.9, subject: 'named' };
  if (PRONOUN.test(subject.trim())) return { speaker: recentSubject(ctx, unit, at), confidence: 0.7, subject: 'pronoun' };
  if (/^who$/i.test(subject.trim())) return { speaker: null, confidence: 0, subject: 'relative' };
  const role = /^(?:the|its|his|her|their)\s/i.test(subject) ? byRole(ctx, subject, unit, at) : null;
  return role !== null ? { speaker: role, confidence: 0.6, subject: 'named' } : { speaker: null, confidence: 0.5, subject: 'group' };
}

/** The cue right after a quote's closing mark ("," he said. / , said Jan Visser,), or null. */
function cueAfter(ctx: Ctx, unit: number, close: number): Cue | null {
  const text = ctx.units[unit]?.text ?? '';
  const tail = text.slice(close + 1, close + 160);
  const sv = AFTER_SV.exec(tail);
  if (sv && sv[1] && sv[2]) {
    const s0 = close + 1 + tail.indexOf(sv[1]);
    const r = resolveSubject(ctx, sv[1], unit, s0, s0 + sv[1].length, close);
    const verbAt = close + 1 + (sv.index + sv[0].length);
    const extra = TAIL.exec(text.slice(verbAt, verbAt + 60))?.[1] ?? (/^(?:told|tells)$/.test(sv[2]) ? /^\s+([^,:;"“”.!?]{1,40})/.exec(text.slice(verbAt))?.[1] ?? '' : '');
    const verb = [sv[2], extra].filter(Boolean).join(' ');
    return { ...r, attribution: r.subject === 'named' && r.confidence >= 0.9 ? verb : `${sv[1].trim()} ${verb}` };
  }
  const vs = AFTER_VS.exec(tail);
  if (vs && vs[1] && vs[2]) {
    const s0 = close + 1 + tail.indexOf(vs[2], tail.indexOf(vs[1]) + vs[1].length);
    const r = resolveSubject(ctx, vs[2], unit, s0, s0 + vs[2].length, close);
    return { ...r, attribution: r.subject === 'named' && r.confidence >= 0.9 ? vs[1] : `${vs[1]} ${vs[2].trim()}` };
  }
  return null;
}

/** The cue in the same sentence before a quote's opening mark ("X said:", "according to X,"), or null. */
function cueBefore(ctx: Ctx, unit: number, open: number, floor: number): Cue | null {
  const text = ctx.units[unit]?.text ?? '';
  const starts = [...text.slice(0, open).matchAll(/[.!?]["”’]?\s+/g)].map((m) => (m.index ?? 0) + m[0].length);
  const from = Math.max(floor, starts.length ? starts[starts.length - 1] ?? 0 : 0);
  const clause = text.slice(from, open);
  const verbs = [...clause.matchAll(VERB_G)];
  const v = verbs[verbs.length - 1];
  if (!v || v.index === undefined) return null;
  const verbAt = from + v.index;
  if (clause.slice(v.index).split(/\s+/).length > 14) return null;
  const verb = v[1] ?? '';
  if (verb === 'according to') {
    const r = resolveSubject(ctx, clause.slice(v.index + 12).replace(/[,:]\s*$/, '').trim(), unit, verbAt, open, verbAt);
    return { ...r, attribution: squash(clause.slice(v.index).replace(/[,:]\s*$/, '')) };
  }
  // Subject: the words before the verb in this clause ("Trump", "union general secretary Mary Jones", "the company").
  // A participle cue ("..., adding:") shares the subject that opens the sentence.
  const participle = /ing$/.test(verb);
  const pre = participle ? clause.slice(0, v.index).split(/\s+(?:said|says|told|added|would|will|has|had|was|is)\b/)[0] ?? '' : clause.slice(0, v.index).replace(/,\s*$/, '').split(/,\s+/).pop() ?? '';
  const after = clause.slice(v.index + verb.length);
  const subjAfter = /^\s+((?:Mr|Mrs|Ms|Dr)\.?\s)?[\p{Lu}][^,:]{0,40}[:,]\s*$/u.test(after);
  const subject = subjAfter ? after.replace(/[:,]\s*$/, '').trim() : pre.trim().split(/\s+/).slice(-5).join(' ');
  const s0 = subjAfter ? verbAt + verb.length : from + Math.max(0, clause.lastIndexOf(pre, v.index));
  const np = participle ? subject : lastNP(subject);
  const r = resolveSubject(ctx, subject.split(/\s+/).pop() === subject ? subject : np, unit, s0, subjAfter ? open : verbAt, verbAt);
  const rest = text.slice(verbAt + verb.length, open);
  const extra = /^\s+((?:it|him|her|them|this|that|the\s\w+)\s+as)\b/.exec(rest)?.[1] ?? TAIL.exec(rest)?.[1] ?? (/^(?:told|tells)$/.test(verb) ? /^\s+([^,:;"“”.!?]{1,40})/.exec(text.slice(verbAt + verb.length, open))?.[1] ?? '' : '');
  const cue = squash([verb, extra].join(' '));
  return { ...r, attribution: r.subject === 'named' && r.confidence >= 0.9 || subjAfter || participle ? cue : squash(`${np} ${cue}`) };
}

/** The last noun phrase of a subject string ("The band's spokesman", "he"). */
function lastNP(s: string): string {
  const m = /((?:(?:the|an?|its|his|her|their)\s)?(?:[\p{L}'’-]+\s?){1,3})$/iu.exec(s.trim());
  return (m?.[1] ?? s).trim();
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Finds the direct quotes of an article's body units and attributes each to a person or a group. */
export function extractQuotes(units: TextUnit[], people: ArticlePerson[], mentions: PersonMention[]): Quote[] {
  const body = units.map((u, i) => ({ u, i })).filter((x) => x.u.sectionIndex >= 0);
  const pieces = body.flatMap(({ u, i }) => scanPieces(u.text, i));
  const spans = joinPieces(units.map((u) => u.text), pieces);
  const inQuote = (m: PersonMention): boolean => pieces.some((p) => p.unit === m.unit && m.start > p.open && m.end <= p.close);
  const ctx: Ctx = { units, people, mentions, inQuote };
  const quotes: Quote[] = [];
  let prev: { span: QuoteSpan; cue: Cue } | null = null;
  for (const span of spans) {
    const first = span.pieces[0];
    const last = span.pieces[span.pieces.length - 1];
    if (!first || !last) continue;
    // A speech split around its cue carries the cue after its first piece.
    const after = span.pieces.map((p) => (p.closed ? cueAfter(ctx, p.unit, p.close) : null)).find((c) => c !== null) ?? null;
    if (!isSpeech(units[first.unit]?.text ?? '', span, after !== null)) continue;
    const floor: number = prev && prev.span.pieces[prev.span.pieces.length - 1]?.unit === first.unit ? (prev.span.pieces[prev.span.pieces.length - 1]?.close ?? 0) + 1 : 0;
    let cue: Cue | null = after ?? cueBefore(ctx, first.unit, first.open, floor);
    const prevUnit = prev?.span.pieces[prev.span.pieces.length - 1]?.unit ?? -9;
    const near = prev !== null && first.unit - prevUnit <= 1;
    if (prev && near && (!cue || cue.subject === 'relative' || (cue.subject === 'pronoun' && sameTalk(ctx, prev.span, first.unit, first.open)))) {
      cue = { ...prev.cue, attribution: cue?.attribution ?? prev.cue.attribution, confidence: Math.min(prev.cue.confidence, 0.8) };
    }
    const c: Cue = cue ?? { attribution: '', speaker: null, confidence: 0, subject: 'group' };
    quotes.push({ index: quotes.length, text: span.text, speaker: c.speaker === null ? null : people[c.speaker]?.name ?? null,
      attribution: c.attribution || null, confidence: c.speaker === null ? 0 : c.confidence, sectionIndex: units[first.unit]?.sectionIndex ?? 0, paragraphIndex: units[first.unit]?.paragraphIndex ?? 0 });
    prev = { span, cue: c };
  }
  return quotes;
}

/** True when no other person is named as a subject between the previous quote and this one. */
function sameTalk(ctx: Ctx, prev: QuoteSpan, unit: number, open: number): boolean {
  const p = prev.pieces[prev.pieces.length - 1];
  if (!p) return false;
  return !ctx.mentions.some((m) => !ctx.inQuote(m) && (m.unit > p.unit || (m.unit === p.unit && m.start > p.close)) && (m.unit < unit || (m.unit === unit && m.start < open))
    && !PREP_BEFORE.test((ctx.units[m.unit]?.text ?? '').slice(Math.max(0, m.start - 40), m.start)));
}
