/**
 * Person mentions → canonical people: the fullest name form, aliases (surname, title + surname),
 * stated roles and mention counts, in order of first mention.
 */
import type { ArticlePerson } from './types.ts';
import { shortKey, slugify } from './ids.ts';
import { isCommonWord, isFrequentWord, isGivenName, isLastName, isPlace, lexTags } from './lexicon.ts';
import { SPEECH_VERBS, findNameSpans, isRoleWord, isFirstName, isSentenceStart, looksNonPerson, nextToSpeechVerb, nonPersonStrength, roleAfter, roleBefore, type NameSpan } from './names.ts';

/** One paragraph-like piece of the article; sectionIndex -1 marks caption and title. */
export interface TextUnit {
  text: string;
  sectionIndex: number;
  paragraphIndex: number;
  /** Headlines name people the body names in full, and capitalise every word, so they never introduce one. */
  isTitle?: boolean;
}
export interface PersonMention { unit: number; start: number; end: number; person: number }
export interface PeopleResult { people: ArticlePerson[]; mentions: PersonMention[] }

interface Candidate { tokens: string[]; aliases: Set<string>; roles: string[]; mentions: PersonMention[] }

const COURTESY = /^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Rev|Reverend|Mx)\.?$/;

// A lowercase noun right after a name that makes the name part of something else ("the Sal Oppenheim bank").
const THING_AFTER = /^['’]?s?\s+(?:bank|group|firm|company|programme|program|show|films?|movies?|albums?|single|songs?|books?|novels?|games?|festival|trophy|award|prize|stadium|foundation|institute|report|inquiry|administration|government|series|brand|label|trial|era|family|fund|effect|plan|doctrine|rule|law|act|case|hotel|store|shop|franchise|character)\b/;
// "The Life of David Gale", "Council of Mortgage Lenders": after "Capitalised of", a span is the tail of a longer name.
const TAIL_OF_NAME = /(?:\b[Tt]he\s+|\p{Lu}[\p{L}'’-]*\s+)(?:\p{Lu}[\p{L}'’-]*\s+)*?\p{Lu}[\p{L}'’-]*\s+(?:of|of the|for|for the)\s+$/u;
// ", 31," after a name: only people have ages.
const AGE_AFTER = /^['’]?s?,\s+\d{1,3}(?:,|\s*-?\s*year-old)/;
// "one of their lawyers, Michalis Dimitrakopoulos": a role, then the name as its appositive.
const ROLE_APPOSITIVE_BEFORE = /\b\p{Ll}+,\s+$/u;
// "The Shadow Secretary for the Family, Theresa May, said": a name set off by commas right before a speech verb.
const SPEECH_AFTER_COMMA = /^['’]?,\s+(?:has\s|had\s|also\s)?(?:said|says|told|added|argued|insisted|warned|claimed)\b/;
const SPEECH_AFTER_APPOSITIVE = new RegExp(String.raw`^,\s[^,"“”.;:]{3,90},\s+(?:has\s|had\s|also\s|later\s)?(?:${SPEECH_VERBS})\b`, 'u');

// McBryde, MacLeod, O'Neill, Fitzgerald: shapes only surnames have.
const SURNAME_SHAPE = /^(?:Mc|Mac|O['’]|Fitz)\p{Lu}\p{Ll}+$/u;

/** True when the span is part of a longer proper name or names a thing, not a person. */
function isPartOfName(text: string, s: NameSpan): boolean {
  const lead = s.start - (s.titles.length ? s.titles.join(' ').length + 1 : 0);
  return TAIL_OF_NAME.test(text.slice(Math.max(0, lead - 40), lead)) || THING_AFTER.test(text.slice(s.end, s.end + 30));
}

/** Evidence in the surrounding words that a span names a person. */
function contextEvidence(text: string, s: NameSpan, courtesySurnames: Set<string>, weak: boolean): boolean {
  const lead = s.start - (s.titles.length ? s.titles.join(' ').length + 1 : 0);
  const after = text.slice(s.end, s.end + 130);
  // Groups speak too ("said Stop Stansted Expansion"): a speech verb alone does not outweigh a dictionary word in the name.
  return s.titles.length > 0 || courtesySurnames.has(s.tokens[s.tokens.length - 1] ?? '')
    || roleBefore(text, lead) !== null || roleAfter(text, s.end) !== null || (!weak && nextToSpeechVerb(text, s.start, s.end))
    || AGE_AFTER.test(after) || SPEECH_AFTER_APPOSITIVE.test(after) || (!weak && SPEECH_AFTER_COMMA.test(after)) || ROLE_APPOSITIVE_BEFORE.test(text.slice(Math.max(0, lead - 40), lead))
      && isRoleWord(/(\p{L}+?)s?,\s+$/u.exec(text.slice(Math.max(0, lead - 40), lead))?.[1] ?? '');
}

/** True when local context says a multi-word span names a person. */
function hasEvidence(text: string, s: NameSpan, known: KnownForms, photographer: string | null): boolean {
  if (photographer && s.tokens.join(' ') === photographer) return true;
  if (isPartOfName(text, s)) return false;
  // "Prime Minister Luís Montenegro": an office in front outweighs a surname that is also a place, but not
  // a name that is plainly a body ("General Motors Acceptance Corp").
  if (s.titles.some((t) => !COURTESY.test(t)) && s.tokens.length > 1 && s.tokens.length < 4 && !isPlace(s.tokens.join(' ')) && nonPersonStrength(s.tokens) !== 'hard') return true;
  // "The Motorcycle Diaries": a capitalised "The" mid-sentence opens a title, never a personal name.
  if (/\bThe\s+$/.test(text.slice(Math.max(0, s.start - 4), s.start)) && !isSentenceStart(text, s.start - 4)) return false;
  const last = s.tokens[s.tokens.length - 1] ?? '';
  // "Cooper S", "John I": names do not end in a lone letter.
  if (/^\p{Lu}\.?$/u.test(last)) return false;
  let against = nonPersonStrength(s.tokens);
  if (against === 'hard') return false;
  // "Oliver Twist", "Marshall Plan": a dictionary word as surname needs the article to use it as one
  // ("Mr Gates", "Gates said") before a given name in front counts.
  // Singular nouns and bare verbs (Plan, Project, Twist) are rarely surnames; adjectives, comparatives and
  // plurals often are (Young, Brown, Gates, Dickens).
  const wordSurname = s.tokens.length > 1 && isFrequentWord(last.toLowerCase())
    && lexTags(last.toLowerCase()).every((t) => /^(?:Singular|Infinitive|Uncountable)$/.test(t));
  if (wordSurname && !known.loneSurnames.has(last)) against = 'weak';
  // A given name that is also a dictionary word ("Port", "Will") is no evidence on its own.
  const given = isGivenName(s.tokens[0] ?? '') && !isCommonWord((s.tokens[0] ?? '').toLowerCase());
  if (against === null && (isFirstName((s.tokens[0] ?? '').toLowerCase()) || given)) return true;
  // "Lleyton Hewitt": an unknown first word before a known surname. "Rod Stewart", "Tore Andre Flo": a given
  // name that is also a word, before a surname that is no word. "Gianfranco Zola": two words that are no words.
  const firstKey = (s.tokens[0] ?? '').toLowerCase();
  const unknown = (t: string): boolean => !isCommonWord(t.toLowerCase()) && !isPlace(t.toLowerCase()) && t.length > 2 && /^\p{Lu}\p{Ll}/u.test(t);
  const knownSurname = isLastName(last.toLowerCase()) || lexTags(last.toLowerCase()).includes('Person') || SURNAME_SHAPE.test(last);
  const surname = against === null && ((s.tokens.length === 2 && knownSurname && (isGivenName(firstKey) || !isCommonWord(firstKey)))
    || (isGivenName(firstKey) && (isFirstName(firstKey) || !isCommonWord(firstKey)) && unknown(last))
    || (s.tokens.length === 2 && unknown(s.tokens[0] ?? '') && unknown(last) && !isSentenceStart(text, s.start)));
  return surname || contextEvidence(text, s, known.courtesySurnames, against === 'weak');
}

/** What the whole article says about name forms: surnames used with a courtesy title, and surnames used alone. */
interface KnownForms { courtesySurnames: Set<string>; loneSurnames: Set<string> }

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
  const sameFirst = (c: Candidate): boolean => c.tokens[0] === first || (isInitial(first) && initialOf(c.tokens[0] ?? '') === first.replace(/\./g, ''));
  const bySurname = list.map((c, i) => (c.tokens.length > 1 && c.tokens[c.tokens.length - 1] === last && (s.tokens.length === 1 || sameFirst(c)) ? i : -1)).filter((i) => i >= 0);
  if (bySurname.length) return pick(bySurname);
  if (s.tokens.length !== 1) return null;
  const byGiven = list.map((c, i) => (c.tokens.length > 1 && c.tokens[0] === first && isGivenName(first) ? i : -1)).filter((i) => i >= 0);
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

/**
 * Finds the article's people and every mention of them, in order of first mention. `articleKey` (the source
 * path) scopes people known only by one name: "Mr Smith" here and "Mr Smith" elsewhere need not be one person.
 */
export function extractPeople(units: TextUnit[], photographer: string | null, articleKey = ''): PeopleResult {
  const spans = units.map((u) => (isTeamSheet(u.text) ? sheetSpans(u.text) : findNameSpans(u.text)));
  const courtesySurnames = new Set(spans.flat().filter((s) => s.honorific).map((s) => s.tokens[s.tokens.length - 1] ?? ''));
  const loneSurnames = new Set(spans.flat().filter((s) => s.tokens.length === 1).map((s) => s.tokens[0] ?? ''));
  // "Chambers said:" elsewhere makes "Guy Chambers" a person even where nothing around it says so.
  const speakingSurnames = new Set(spans.flatMap((ss, u) => ss.filter((s) => s.tokens.length === 1 && nextToSpeechVerb(units[u]?.text ?? '', s.start, s.end)).map((s) => s.tokens[0] ?? '')));
  for (const s of speakingSurnames) courtesySurnames.add(s);
  const known: KnownForms = { courtesySurnames, loneSurnames };
  const list: Candidate[] = [];
  if (photographer) addCandidate(list, photographer.split(/\s+/));
  spans.forEach((ss, u) => ss.forEach((s) => {
    if (s.tokens.length > 1 && !units[u]?.isTitle && hasEvidence(units[u]?.text ?? '', s, known, photographer)) addCandidate(list, s.tokens);
  }));
  // Names listed alongside a person ("Richard Belmar and Moazzam Begg") are people too.
  spans.forEach((ss, u) => ss.forEach((s, k) => {
    const text = units[u]?.text ?? '';
    if (s.tokens.length < 2 || s.tokens.length > 3 || nonPersonStrength(s.tokens) === 'hard' || isPartOfName(text, s) || isKnown(list, s.tokens)) return;
    const neighbours = [ss[k - 1], ss[k + 1]].filter((n): n is NameSpan => n !== undefined && isKnown(list, n.tokens) && n.tokens.length > 1);
    if (neighbours.some((n) => /^(?:,\s|\sand\s|,\sand\s)$/.test(n.start > s.start ? text.slice(s.end, n.start) : text.slice(n.end, s.start)))) addCandidate(list, s.tokens);
  }));
  // Team sheets ("G Thomas (capt); K Morgan, T Shanklin, ..."): every initial-and-surname entry is a player.
  units.forEach((unit, u) => {
    if (!isTeamSheet(unit.text)) return;
    for (const s of spans[u] ?? []) {
      if (!isInitial(s.tokens[0] ?? '') && s.tokens.length >= 2 && nonPersonStrength(s.tokens) !== 'hard') { addCandidate(list, s.tokens); continue; }
      if (s.tokens.length >= 2 && isInitial(s.tokens[0] ?? '') && !list.some((c) => c.tokens.length > 1 && c.tokens[c.tokens.length - 1] === s.tokens[s.tokens.length - 1] && initialOf(c.tokens[0] ?? '') === (s.tokens[0] ?? '').replace(/\./g, ''))) addCandidate(list, s.tokens);
    }
  });
  // "Mr Herron" with no fuller form anywhere is still a person, known by surname; "Sir Alex" is the Alex already named.
  spans.flat().forEach((s) => {
    if (!s.honorific || s.tokens.length !== 1 || looksNonPerson(s.tokens)) return;
    const t = s.tokens[0] ?? '';
    if (isGivenName(t) && list.some((c) => c.tokens.length > 1 && c.tokens[0] === t)) return;
    addCandidate(list, s.tokens);
  });
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
  roleMentions(units, list);
  return finish(list, articleKey);
}

// "the special envoy", "the Chester chairman": a definite role phrase, at most three words before the role.
const ROLE_PHRASE = /(?<![\p{L}'’-])[Tt]he\s+((?:[\p{L}'’-]+\s){0,3}?[\p{L}-]+)(?![\p{L}'’-])/gu;

/**
 * Later mentions by role ("the envoy" after "special envoy Steve Witkoff") resolve to the one person the
 * article gave that role, and are kept as aliases. A role two people hold, or a qualified one ("shadow
 * chancellor" for "the chancellor"), resolves to nobody.
 */
function roleMentions(units: TextUnit[], list: Candidate[]): void {
  units.forEach((unit, u) => {
    if (unit.isTitle) return;
    for (const m of unit.text.matchAll(ROLE_PHRASE)) {
      const phrase = (m[1] ?? '').toLowerCase();
      const head = phrase.split(' ').pop() ?? '';
      if (!isRoleWord(head)) continue;
      const holders = list.filter((c) => c.mentions.length > 0 && c.roles.some((r) => {
        const role = r.toLowerCase();
        return role.split(/[^a-z-]+/).includes(head) && (!/\b(?:shadow|former|ex|deputy|vice|assistant|acting)\b/.test(role) || phrase.split(' ').some((w) => role.includes(w) && /^(?:shadow|former|deputy|vice|assistant|acting)$/.test(w)));
      }));
      const holder = holders.length === 1 ? holders[0] : undefined;
      // The role must come after the person was named with it.
      const first = holder?.mentions[0];
      if (!holder || !first || first.unit > u || (first.unit === u && first.start > (m.index ?? 0))) continue;
      const start = m.index ?? 0;
      if (holder.mentions.some((x) => x.unit === u && x.start <= start && x.end >= start)) continue;
      holder.mentions.push({ unit: u, start, end: start + m[0].length, person: list.indexOf(holder) });
      holder.aliases.add(m[0].replace(/^The/, 'the'));
    }
  });
  for (const c of list) c.mentions.sort((a, b) => a.unit - b.unit || a.start - b.start);
}

/** True when a candidate already has exactly these tokens. */
function isKnown(list: Candidate[], tokens: string[]): boolean {
  const full = tokens.join(' ');
  return list.some((c) => c.tokens.join(' ') === full);
}

/** An initial as written in team sheets and credits: "G", "G.", "J-P". */
const isInitial = (t: string): boolean => /^\p{Lu}\.?(?:-\p{Lu}\.?)?$/u.test(t);
/** The initial(s) of a given name: "Jean-Pierre" → "J-P", "Gareth" → "G". */
const initialOf = (given: string): string => given.split('-').map((p) => p.charAt(0)).join('-');

const SHEET_ENTRY = /^(?:\p{Lu}\.?(?:-\p{Lu}\.?)?\s)?\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?$/u;
const INITIAL_ENTRY = /^\p{Lu}\.?(?:-\p{Lu}\.?)?\s\p{Lu}/u;

/** The text with parenthesised asides ("(capt)", "(Belgrave Harriers)") blanked out, offsets kept. */
const blankParens = (text: string): string => text.replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
/** The text with list labels ("France:", "60m:", "Pole vault:") blanked out, offsets kept. */
const blankLabels = (text: string): string => text.replace(/^[-–—•*]\s+/, (m) => ' '.repeat(m.length)).replace(/(^|[.;]\s+)([\p{L}\d][\p{L}\d ]{0,24}:)/gu, (_m, a: string, b: string) => a + ' '.repeat(b.length));

/**
 * True for a paragraph that is a list of players or athletes: "Initial Surname" entries split by commas
 * and semicolons, maybe with a club or role in brackets ("D Chin (Belgrave Harriers), J Gardener (Bath)").
 */
function isTeamSheet(text: string): boolean {
  const bare = blankLabels(blankParens(text));
  const items = bare.split(/\s*[,;.]\s*/).map((i) => i.trim()).filter(Boolean);
  if (!items.length || !items.every((i) => SHEET_ENTRY.test(i))) return false;
  const initials = items.filter((i) => INITIAL_ENTRY.test(i)).length;
  // A long list of mostly initials, or a short one where every name carries its club in brackets.
  const bracketed = (text.match(/\p{Lu}[\p{L}'’-]+\s*\([^)]+\)/gu) ?? []).length >= items.length;
  return initials >= items.length * 0.6 && (items.length >= 4 || (bracketed && initials >= 1));
}

/** The entries of a team sheet as name spans ("A Jones" keeps its initial, which elsewhere reads as the article "A"). */
function sheetSpans(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  const bare = blankLabels(blankParens(text));
  for (const m of bare.matchAll(/(?<=^\s*|[,;:.]\s*)(?:\p{Lu}\.?(?:-\p{Lu}\.?)?\s)?\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?/gu)) {
    const start = m.index ?? 0;
    out.push({ tokens: m[0].split(' '), start, end: start + m[0].length, titles: [], honorific: false });
  }
  return out;
}

/** Single-token pieces of a span that did not resolve as a whole ("Trump administration"). */
function splitTokens(s: NameSpan): NameSpan[] {
  let at = s.start;
  return s.tokens.map((t) => { const p = { tokens: [t], start: at, end: at + t.length, titles: [], honorific: false }; at += t.length + 1; return p; });
}

/** Orders people by first mention and renumbers mentions to match. */
function finish(list: Candidate[], articleKey: string): PeopleResult {
  const used = list.map((c, i) => ({ c, i })).filter((x) => x.c.mentions.length > 0);
  const firstAt = (c: Candidate): number => Math.min(...c.mentions.map((m) => m.unit * 1e6 + m.start));
  used.sort((a, b) => firstAt(a.c) - firstAt(b.c));
  const renumber = new Map(used.map((x, n) => [x.i, n]));
  const people: ArticlePerson[] = used.map(({ c }) => {
    const name = c.tokens.join(' ');
    const slug = c.tokens.length > 1 ? slugify(name) : `${slugify(name)}-${shortKey(articleKey)}`;
    return { name, slug, aliases: [...c.aliases].filter((a) => a !== name), roles: c.roles, mentionCount: c.mentions.length };
  });
  const mentions = used.flatMap(({ c }) => c.mentions.map((m) => ({ ...m, person: renumber.get(m.person) ?? 0 })))
    .sort((a, b) => a.unit - b.unit || a.start - b.start);
  return { people, mentions };
}
