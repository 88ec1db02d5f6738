/**
 * Person mentions → canonical people: the fullest name form, aliases (surname, title + surname),
 * stated roles and mention counts, in order of first mention.
 */
import type { ArticlePerson } from './types.ts';
import { slugify } from './ids.ts';
import { isPlace } from './lexicon.ts';
import { findNameSpans, isFirstName, looksNonPerson, nextToSpeechVerb, roleAfter, roleBefore, type NameSpan } from './names.ts';

/** One paragraph-like piece of the article; sectionIndex -1 marks caption and title. */
export interface TextUnit { text: string; sectionIndex: number; paragraphIndex: number }
export interface PersonMention { unit: number; start: number; end: number; person: number }
export interface PeopleResult { people: ArticlePerson[]; mentions: PersonMention[] }

interface Candidate { tokens: string[]; aliases: Set<string>; roles: string[]; mentions: PersonMention[] }

const COURTESY = /^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Rev|Reverend|Mx)\.?$/;

/** True when local context says a multi-word span names a person. */
function hasEvidence(text: string, s: NameSpan, courtesySurnames: Set<string>, photographer: string | null): boolean {
  if (photographer && s.tokens.join(' ') === photographer) return true;
  // "Prime Minister Luís Montenegro": an office in front outweighs a surname that is also a place.
  if (s.titles.some((t) => !COURTESY.test(t)) && s.tokens.length > 1 && s.tokens.length < 4 && !isPlace(s.tokens.join(' '))) return true;
  if (looksNonPerson(s.tokens)) return false;
  return isFirstName((s.tokens[0] ?? '').toLowerCase()) || s.titles.length > 0 || courtesySurnames.has(s.tokens[s.tokens.length - 1] ?? '')
    || roleBefore(text, s.start - (s.titles.length ? s.titles.join(' ').length + 1 : 0)) !== null
    || roleAfter(text, s.end) !== null || nextToSpeechVerb(text, s.start, s.end);
}

/** Adds a candidate, merging with one that shares surname and first name (keeping the fullest form). */
function addCandidate(list: Candidate[], tokens: string[]): void {
  const last = tokens[tokens.length - 1];
  const same = list.find((c) => c.tokens[c.tokens.length - 1] === last && (c.tokens.length === 1 || tokens.length === 1 || c.tokens[0] === tokens[0]));
  if (!same) { list.push({ tokens, aliases: new Set(), roles: [], mentions: [] }); return; }
  if (tokens.length > same.tokens.length) same.tokens = tokens;
}

/** The person a span refers to: its full form, or its surname / given name alone. */
function resolve(list: Candidate[], s: NameSpan, recent: number[]): number | null {
  const full = s.tokens.join(' ');
  const exact = list.findIndex((c) => c.tokens.join(' ') === full);
  if (exact >= 0) return exact;
  const last = s.tokens[s.tokens.length - 1] ?? '';
  const first = s.tokens[0] ?? '';
  const pick = (ids: number[]): number | null => (ids.length === 1 ? ids[0] ?? null : ids.length ? [...recent].reverse().find((r) => ids.includes(r)) ?? ids[0] ?? null : null);
  const bySurname = list.map((c, i) => (c.tokens.length > 1 && c.tokens[c.tokens.length - 1] === last && (s.tokens.length === 1 || c.tokens[0] === first) ? i : -1)).filter((i) => i >= 0);
  if (bySurname.length) return pick(bySurname);
  if (s.tokens.length !== 1) return null;
  const byGiven = list.map((c, i) => (c.tokens.length > 1 && c.tokens[0] === first && isFirstName(first.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (byGiven.length === 1) return byGiven[0] ?? null;
  const single = list.findIndex((c) => c.tokens.length === 1 && c.tokens[0] === first);
  return single >= 0 && s.honorific ? single : null;
}

/** Records one mention with its aliases and roles. */
function recordMention(c: Candidate, s: NameSpan, text: string, m: PersonMention): void {
  c.mentions.push(m);
  const surface = [...s.titles, ...s.tokens].join(' ');
  c.aliases.add(surface);
  if (s.tokens.join(' ') !== surface) c.aliases.add(s.tokens.join(' '));
  const stated = s.titles.filter((t) => !COURTESY.test(t)).join(' ');
  const before = roleBefore(text, s.start - (s.titles.length ? s.titles.join(' ').length + 1 : 0));
  for (const r of [stated, before, roleAfter(text, s.end)]) {
    if (r && !c.roles.some((x) => x.toLowerCase() === r.toLowerCase())) c.roles.push(r);
  }
}

/** Finds the article's people and every mention of them, in order of first mention. */
export function extractPeople(units: TextUnit[], photographer: string | null): PeopleResult {
  const spans = units.map((u) => findNameSpans(u.text));
  const courtesySurnames = new Set(spans.flat().filter((s) => s.honorific).map((s) => s.tokens[s.tokens.length - 1] ?? ''));
  const list: Candidate[] = [];
  if (photographer) addCandidate(list, photographer.split(/\s+/));
  spans.forEach((ss, u) => ss.forEach((s) => {
    if (s.tokens.length > 1 && hasEvidence(units[u]?.text ?? '', s, courtesySurnames, photographer)) addCandidate(list, s.tokens);
  }));
  // "Mr Herron" with no fuller form anywhere is still a person, known by surname.
  spans.flat().forEach((s) => { if (s.honorific && s.tokens.length === 1 && !looksNonPerson(s.tokens)) addCandidate(list, s.tokens); });
  const recent: number[] = [];
  spans.forEach((ss, u) => ss.forEach((s) => {
    const text = units[u]?.text ?? '';
    const parts = resolve(list, s, recent) !== null ? [s] : s.tokens.length > 1 ? splitTokens(s) : [];
    for (const part of parts) {
      const id = resolve(list, part, recent);
      const c = id === null ? undefined : list[id];
      if (id === null || !c) continue;
      recordMention(c, part, text, { unit: u, start: part.start, end: part.end, person: id });
      recent.push(id);
    }
  }));
  return finish(list);
}

/** Single-token pieces of a span that did not resolve as a whole ("Trump administration"). */
function splitTokens(s: NameSpan): NameSpan[] {
  let at = s.start;
  return s.tokens.map((t) => { const p = { tokens: [t], start: at, end: at + t.length, titles: [], honorific: false }; at += t.length + 1; return p; });
}

/** Orders people by first mention and renumbers mentions to match. */
function finish(list: Candidate[]): PeopleResult {
  const used = list.map((c, i) => ({ c, i })).filter((x) => x.c.mentions.length > 0);
  const firstAt = (c: Candidate): number => Math.min(...c.mentions.map((m) => m.unit * 1e6 + m.start));
  used.sort((a, b) => firstAt(a.c) - firstAt(b.c));
  const renumber = new Map(used.map((x, n) => [x.i, n]));
  const people: ArticlePerson[] = used.map(({ c }) => {
    const name = c.tokens.join(' ');
    return { name, slug: slugify(name), aliases: [...c.aliases].filter((a) => a !== name), roles: c.roles, mentionCount: c.mentions.length };
  });
  const mentions = used.flatMap(({ c }) => c.mentions.map((m) => ({ ...m, person: renumber.get(m.person) ?? 0 })))
    .sort((a, b) => a.unit - b.unit || a.start - b.start);
  return { people, mentions };
}
