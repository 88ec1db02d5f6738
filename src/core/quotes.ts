/**
 * Direct quotes with their speakers. Each quote is attributed from its cue, looked for in this order:
 * right after a piece of it (`," X said.` / `," said X, an analyst.`), at the end of its sentence
 * (`X "should go", said Mr Y.`), then before it in the same sentence (`X, role, said:`, `according to X`,
 * `X told Y:`). Cue subjects are names, pronouns (resolved to the latest fitting person), roles
 * (`the minister`) or groups (`the company`, kept as attribution with no speaker). A quote with no cue
 * continues the previous speaker, or belongs to the subject of the sentence before it.
 */
import type { ArticlePerson, Quote } from './types.ts';
import type { PersonMention, TextUnit } from './people.ts';
import { genderOf, lexTags, type Gender } from './lexicon.ts';
import { SPEECH_VERBS, isRoleWord } from './names.ts';
import { isSpeech, joinPieces, scanPieces, type QuotePiece, type QuoteSpan } from './quote-marks.ts';

type SubjectKind = 'named' | 'pronoun' | 'role' | 'relative' | 'group';
interface Cue { attribution: string; speaker: number | null; confidence: number; subject: SubjectKind }

/** Verbs that introduce someone's words, including participles and verbs of characterising speech. */
const CUE_VERBS = `${SPEECH_VERBS}|replied|replies|reply|quoted|quotes|dismissed|labelled|labeled|called|calls|accused|accuses|pledged|pledges|promised|promises|vowed|vows|urging|hailed|branded|telling|saying|adding|arguing|warning|insisting|claiming|explaining|suggesting|stating|testified|cited|responded|responds|agreed|agrees|denied|denies|boasted|reckons|reckoned|told|says|describing|calling|insist|admit|warn|argue|claim|asking|asked|asks|ask|questioned|questions|criticised|criticized|criticising|denounced|denounce|condemned|praised|citing|points out|pointed out|mocked|attacked`;
const CLOSING_CUE = new RegExp(String.raw`^\s*(?:((?:[\p{L}'’.-]+\s){1,5})(?:has\s|had\s|also\s)?(said|says|added|adds|insisted|argued|claimed|warned|admitted|explained|told reporters)|(said|says|added|adds))\b(?:\s[^,]{0,40})?\s*$`, 'u');
const CUE_VERB_WORD = new RegExp(`^(?:${CUE_VERBS})$`);
const VERB_RE = new RegExp(String.raw`\b(according to|(?:${CUE_VERBS}))\b`, 'g');
const VERB_START = new RegExp(String.raw`^[\s,—–-]*(?:has\s|had\s|also\s|later\s|then\s|once\s|previously\s)?(${CUE_VERBS})\b`);
/** Verbs whose object is the listener, never the speaker ("X told Y:"). */
const LISTENER_VERBS = /^(?:told|tells|telling|asked|asks|asking|urged|urges|urging)$/;
const SUBORDINATE_START = /^\s*(?:when|after|as|while|before|although|though|if|once|since|because|asked|speaking)\b/i;
const SPEAKS_AFTER = new RegExp(String.raw`^(?:,[^,]{0,60},)?\s+(?:has\s|had\s|also\s|later\s)?(?:said|says|told|added|insisted|argued|claimed|warned|admitted)\b`);
const PRONOUN_RE = /\b(he|she|they|it|we|i)(?:\s+[\p{Ll}]+){0,2}\s*$/iu;
const PREP_BEFORE = /\b(?:by|to|with|of|from|for|about|against|on|at|than|like|under|into|over|towards|toward|including|behind|between|alongside)\s+(?:(?:Mr|Mrs|Ms|Dr|St|\p{Lu})\.\s|[\p{Lu}][\p{L}'’-]*\s){0,3}$/u;
const POSSESSIVE_SOURCE = /^['’]s?\s+(?:\w+\s)?(?:statement|letter|note|website|blog|book|memo|e-?mail|comments?|remarks|words|office|message|autobiography|column|account|testimony)\b/;
const ROLE_HEADS = /^(?:minister|president|secretary|chancellor|mayor|leader|premier|governor|chairman|chairwoman|chief|boss|manager|coach|captain|director|executive|spokesman|spokeswoman|spokesperson|founder|singer|star|actor|actress|player|striker|officer|official|analyst|economist|judge|commissioner|envoy|ambassador|senator|lawyer|editor|presenter|author|writer|producer|head|chair)$/;
const NAMED_OFFICES = /^(?:minister|president|secretary|chancellor|mayor|leader|premier|governor|chairman|chairwoman|chief|boss|manager|coach|captain|director|executive|founder)$/;

interface Ctx {
  units: TextUnit[];
  /** Unit texts with the words inside quote marks blanked out (a closing . ! ? kept): the narrator's words only. */
  narration: string[];
  people: ArticlePerson[];
  mentions: PersonMention[];
  /** True for a mention inside quote marks: words quoted, not the narrator's. */
  inQuote: (m: PersonMention) => boolean;
  genders: (Gender | null)[];
  /** Mentions that are descriptions ("the minister"), not names. */
  descriptions: Set<PersonMention>;
  /** Article-wide number of the sentence holding offset `at` of a unit. */
  sentenceOf: (unit: number, at: number) => number;
  /** Offset where the sentence holding offset `at` of a unit starts. */
  sentenceStartOf: (unit: number, at: number) => number;
}

/** A dictionary noun that is not also a verb form ("parties", "government", not "said" or "admits"). */
function isPlainNoun(word: string): boolean {
  const tags = lexTags(word);
  return tags.some((t) => /^(?:Noun|Singular|Plural|Uncountable)$/.test(t)) && !tags.some((t) => /^(?:PastTense|PresentTense|Infinitive|Gerund|Verb|Modal|Copula)$/.test(t));
}

/** The noun phrase ending a cue subject: from its last determiner ("But the Chester chairman" → "the Chester chairman"). */
function lastNounPhrase(region: string): string {
  const words = squash(region).split(' ').filter(Boolean).slice(-6);
  const det = words.reduce((at, w, i) => (/^(?:the|a|an|his|her|its|their)$/i.test(w) ? i : at), -1);
  return (det >= 0 ? words.slice(det) : words.slice(-3)).join(' ').replace(/^(?:but|and|so|yet|then)\s+/i, '');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Mentions of people inside [a, b) of a unit, outside quotes, in order. */
function mentionsIn(ctx: Ctx, unit: number, a: number, b: number): PersonMention[] {
  return ctx.mentions.filter((m) => m.unit === unit && m.start >= a && m.end <= b && !ctx.inQuote(m));
}

/** True when a mention can be a clause subject: not the object of a preposition, not a possessor or modifier of something else. */
function isSubjectMention(ctx: Ctx, m: PersonMention): boolean {
  const text = ctx.narration[m.unit] ?? '';
  if (PREP_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start))) return false;
  const after = text.slice(m.end, m.end + 40);
  if (/^['’]s?\s/.test(after)) return POSSESSIVE_SOURCE.test(after);
  // "Lib Dem parties suggest": a name in front of a noun describes the noun.
  const next = /^\s+([\p{Ll}]+)/u.exec(after)?.[1];
  return !next || !isPlainNoun(next) || CUE_VERB_WORD.test(next);
}

const MODIFIERS = /^(?:former|general|deputy|vice|acting|new|chief|senior|top|assistant|then|national|executive|current|shadow|fellow|veteran|rival|ex|the|a|an|his|her|their|its)$/;

/** True when a mention opens its clause ("Safin admitted", "But Mr X, role, said"), as against an object ("shocked Pete Sampras"). */
function opensClause(ctx: Ctx, m: PersonMention): boolean {
  const text = ctx.narration[m.unit] ?? '';
  const words = text.slice(Math.max(0, m.start - 80), m.start).split(/(\s+)/);
  // Strip the titles, roles and names standing in front of the name ("Usdaw general secretary", "Labour's").
  let i = words.length - 1;
  while (i > 0) {
    const w = words[i - 1] ?? '';
    if (/^\s+$/.test(w) || w === '') { i--; continue; }
    if (/^[\p{Lu}][\p{L}'’.-]*$/u.test(w) || isRoleWord(w) || MODIFIERS.test(w.toLowerCase())) { i--; continue; }
    break;
  }
  const rest = words.slice(0, i).join('');
  // "Paolo Maldini and Alessandro Costacurta": "and" after a name coordinates names, it opens no clause.
  if (/[\p{Lu}][\p{L}'’-]*\s+and\s*$/u.test(rest)) return false;
  return /(?:^|[.!?;:]["”’]?\s*|,\s*|["“”]\s*|\b(?:but|and|as|when|while|after|before|although|though|because|so|if|then|meanwhile|however)\s*)$/i.test(rest);
}

/** Removes appositives and relative clauses set off by commas (", chief economist at X,", ", who ...,"), keeping offsets. */
function blankAsides(s: string): string {
  return s.replace(/,\s[^,"“”]{2,120}?,(?=\s)/g, (m) => ' '.repeat(m.length));
}

/** Gender a person is referred to with, from their given name or courtesy title. */
function personGender(p: ArticlePerson): Gender | null {
  if (p.aliases.some((a) => /^(?:Mr|Sir|Lord)\b/.test(a))) return 'MALE';
  if (p.aliases.some((a) => /^(?:Mrs|Ms|Miss|Dame|Lady)\b/.test(a))) return 'FEMALE';
  const first = p.name.split(' ')[0] ?? '';
  return p.name.includes(' ') ? genderOf(first) : null;
}

/** True when a person can be called by the pronoun (he/she by gender when known; anything else fits everyone). */
function fitsPronoun(ctx: Ctx, person: number, pronoun: string): boolean {
  const want: Gender | null = /^he$/i.test(pronoun) ? 'MALE' : /^she$/i.test(pronoun) ? 'FEMALE' : null;
  const g = ctx.genders[person] ?? null;
  return want === null || g === null || g === want;
}

/**
 * The person a he/she refers to, among mentions before `at`: the nearest by sentence, with a subject that
 * opens its clause ("Safin admitted") before an object ("shocked Pete Sampras") or a name after a
 * preposition, and a known gender before an unknown one.
 */
function resolvePronoun(ctx: Ctx, pronoun: string, unit: number, at: number): number | null {
  const here = ctx.sentenceOf(unit, at);
  let best: { person: number; rank: number } | null = null;
  for (let i = ctx.mentions.length - 1; i >= 0; i--) {
    const m = ctx.mentions[i]!;
    if (m.unit > unit || (m.unit === unit && m.start >= at) || ctx.inQuote(m)) continue;
    const distance = here - ctx.sentenceOf(m.unit, m.start);
    if (distance > 6) break;
    if (!fitsPronoun(ctx, m.person, pronoun)) continue;
    const known = (ctx.genders[m.person] ?? null) !== null || !/^(?:he|she)$/i.test(pronoun);
    const position = !isSubjectMention(ctx, m) ? 2 : opensClause(ctx, m) ? 0 : 0.75;
    // "X has failed, he claimed": a cue's pronoun is not the subject of the clause it reports, unless that
    // clause is subordinate ("When X appeared, he said").
    const sameSentence = distance === 0 && !SUBORDINATE_START.test(ctx.narration[unit]?.slice(ctx.sentenceStartOf(unit, at), at) ?? '') ? 3 : 0;
    const speaker = SPEAKS_AFTER.test(ctx.narration[m.unit]?.slice(m.end, m.end + 40) ?? '') ? -0.5 : 0;
    const rank = 1.5 * distance + position + (known ? 0 : 0.5) + sameSentence + speaker;
    if (!best || rank < best.rank) best = { person: m.person, rank };
  }
  return best?.person ?? null;
}

/**
 * A role ("the minister", "the Chester chairman") resolved to the latest person holding it. A qualified office
 * ("shadow chancellor") does not hold the plain one. With no holder, an office goes to the person the story
 * keeps naming, unless `strict`.
 */
function resolveRole(ctx: Ctx, phrase: string, unit: number, at: number, strict = false): number | null {
  const words = phrase.toLowerCase().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  if (!ROLE_HEADS.test(head) && !isRoleWord(head)) return null;
  const qualified = (r: string): boolean => /\b(?:shadow|former|ex|deputy|vice|assistant|acting|junior)\b/.test(r) && !words.some((w) => r.includes(w) && /^(?:shadow|former|deputy|vice|assistant|acting|junior)$/.test(w));
  const holders = ctx.people.map((p, i) => (p.roles.some((r) => r.toLowerCase().split(/[^a-z-]+/).includes(head) && !qualified(r.toLowerCase())) ? i : -1)).filter((i) => i >= 0);
  const before = ctx.mentions.filter((m) => m.person >= 0 && (m.unit < unit || (m.unit === unit && m.start < at)));
  if (holders.length) {
    const recent = before.filter((m) => holders.includes(m.person));
    return recent.length ? recent[recent.length - 1]!.person : holders[0]!;
  }
  if (strict || !NAMED_OFFICES.test(head)) return null;
  // "The prime minister said" in a story about one politician: the person the story keeps naming.
  const counts = new Map<number, number>();
  for (const m of before) counts.set(m.person, (counts.get(m.person) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  return top && top[1] >= 2 && (ranked[1]?.[1] ?? 0) < top[1] ? top[0] : null;
}

/**
 * Who the words [a, b) of a unit name as the speaker. `prefer` picks among several names: the first
 * (a subject before its appositive) or the last (the subject nearest a verb after a leading clause).
 */
function subjectOf(ctx: Ctx, unit: number, a: number, b: number, prefer: 'first' | 'last'): Omit<Cue, 'attribution'> & { phrase: string } {
  const text = ctx.narration[unit] ?? '';
  const ms = mentionsIn(ctx, unit, a, b).filter((m) => isSubjectMention(ctx, m));
  const m = prefer === 'first' ? ms[0] : ms[ms.length - 1];
  if (m && ctx.descriptions.has(m)) {
    const pronoun = /^(?:he|she)$/i.test(text.slice(m.start, m.end));
    return { speaker: m.person, confidence: pronoun ? 0.7 : 0.6, subject: pronoun ? 'pronoun' : 'role', phrase: text.slice(m.start, m.end) };
  }
  // A role the people step resolved ("the minister"): a person, but named by role, so the cue says so.
  if (m && /^the\s/i.test(text.slice(m.start, m.end))) return { speaker: m.person, confidence: 0.7, subject: 'role', phrase: text.slice(m.start, m.end) };
  if (m) return { speaker: m.person, confidence: 0.9, subject: 'named', phrase: text.slice(m.start, m.end) };
  const region = blankAsides(text.slice(a, b)).replace(/\s+$/, '');
  const pron = PRONOUN_RE.exec(region);
  if (pron && pron[1]) {
    const p = pron[1];
    if (/^(?:he|she)$/i.test(p)) return { speaker: resolvePronoun(ctx, p, unit, a + (pron.index ?? 0)), confidence: 0.75, subject: 'pronoun', phrase: p };
    return { speaker: null, confidence: 0, subject: /^it$/i.test(p) ? 'relative' : 'group', phrase: p };
  }
  if (/\bwho(?:\s+(?:has|had|have|also|already|once|later|then|previously|recently|has since))*\s*$/.test(region)) {
    // "Mr X, who says he is ...": the relative pronoun stands for the name right before it.
    // The name right before ", who" is the antecedent, whatever its role in the main clause ("harder for Holmes, who").
    const before = mentionsIn(ctx, unit, Math.max(0, a - 200), a + (region.lastIndexOf('who')));
    const last = before[before.length - 1];
    return last ? { speaker: last.person, confidence: 0.8, subject: 'named', phrase: 'who' } : { speaker: null, confidence: 0, subject: 'relative', phrase: 'who' };
  }
  const np = lastNounPhrase(region);
  if (!np) return { speaker: null, confidence: 0, subject: 'group', phrase: '' };
  const role = /^(?:the|his|her|its|their)\s/i.test(np) ? resolveRole(ctx, np, unit, a) : null;
  return role !== null ? { speaker: role, confidence: 0.6, subject: 'role', phrase: np } : { speaker: null, confidence: 0, subject: 'group', phrase: np };
}

/** End of the sentence that runs on after offset `from` (stops at the next quote mark too). */
function sentenceEnd(text: string, from: number): number {
  const re = /[.!?](?=["”’]?\s|["”’]?$)|["“”]/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

/** Words that may follow a cue verb ("said in a statement", "told the BBC", "described it as"). */
function verbPhrase(text: string, verbAt: number, verb: string, limit: number): string {
  const aux = /(?:\b(?:will|would|has|had|have|also|later|then|once|previously)\s+)+$/.exec(text.slice(Math.max(0, verbAt - 30), verbAt))?.[0] ?? '';
  verb = aux + verb;
  verbAt -= aux.length;
  const rest = text.slice(verbAt + verb.length, limit);
  const extra = /^\s+((?:it|him|her|them|this|that|(?:the|his|her|its|their)(?:\s[\w'’-]+){1,3})\s+as)\b/.exec(rest)?.[1]
    ?? /^\s+((?:in|on|at|during|via|through|from|after|before|while|to)\s[^,:;"“”.!?]{1,50})/.exec(rest)?.[1]
    ?? (LISTENER_VERBS.test(verb) ? /^\s+([^,:;"“”.!?]{1,40})/.exec(rest)?.[1] : undefined);
  return squash(`${verb} ${extra ?? ''}`);
}

/** The cue right after a piece's closing mark, or at the end of its sentence. */
function cueAfter(ctx: Ctx, p: QuotePiece): Cue | null {
  const text = ctx.narration[p.unit] ?? '';
  const from = p.close + 1;
  const end = sentenceEnd(text, from);
  const tail = text.slice(from, end);
  // A quote that ends its sentence ("... the ground.") followed by a capital starts a new sentence: no cue here.
  if (/[.…]$/.test(p.text) && !/^\s*[\p{Ll}]/u.test(tail)) return null;
  // Inverted: `," said Mr Blair.` / `," added the spokesman.`
  const inv = VERB_START.exec(tail);
  if (inv && inv[1]) {
    const verb = inv[1];
    const verbAt = from + tail.indexOf(verb, inv.index);
    const s = subjectOf(ctx, p.unit, verbAt + verb.length, end, 'first');
    if (s.subject === 'named' || s.subject === 'role' || s.phrase) {
      return { ...s, attribution: s.subject === 'named' ? verbPhrase(text, verbAt, verb, end) : squash(`${verb} ${s.phrase}`) };
    }
  }
  // `"classic research", such as polls, was not marketing, he said.`: a short subject-verb clause closing the sentence.
  const lastComma = tail.lastIndexOf(',');
  if (lastComma >= 0) {
    const closing = tail.slice(lastComma + 1);
    const m = CLOSING_CUE.exec(closing);
    if (m) {
      const at = from + lastComma + 1;
      const verb = m[2] ?? m[3] ?? '';
      const verbAt = at + closing.indexOf(verb, m[1] ? m[1].length : 0);
      const s = m[1] ? subjectOf(ctx, p.unit, at, verbAt, 'first') : subjectOf(ctx, p.unit, verbAt + verb.length, end, 'first');
      if (s.subject === 'named' || s.subject === 'pronoun' || s.subject === 'role') {
        return { ...s, attribution: s.subject === 'named' ? verb : squash(m[1] ? `${s.phrase} ${verb}` : `${verb} ${s.phrase}`) };
      }
    }
  }
  // `," RICS spokesman Ian Perry said.` / `," X, an analyst at Y, told Reuters.` / `X "should go", said Mr Y.`
  for (const v of tail.matchAll(VERB_RE)) {
    const verb = v[1] ?? '';
    const verbAt = from + (v.index ?? 0);
    if (verb === 'according to') {
      const s = subjectOf(ctx, p.unit, verbAt + verb.length, end, 'first');
      return { ...s, attribution: squash(text.slice(verbAt, end).replace(/[,:]\s*$/, '')) };
    }
    const before = text.slice(from, verbAt);
    // `X "should go" once he saw it, said Mr Y.`: an inverted cue closing the sentence.
    if (/,\s*$/.test(before) && !LISTENER_VERBS.test(verb)) {
      const s = subjectOf(ctx, p.unit, verbAt + verb.length, end, 'first');
      if (s.subject === 'named' && /^[\s\p{Ll}'’,-]*$/u.test(text.slice(verbAt + verb.length, mentionsIn(ctx, p.unit, verbAt + verb.length, end)[0]?.start ?? end))) {
        return { ...s, attribution: verb };
      }
    }
    const quotedAs = /\bquoted\s*$/.test(text.slice(from, verbAt + verb.length)) || verb === 'quoted';
    if (quotedAs) {
      // "the newspaper quoted Qantas chief Geoff Dixon as saying"
      const s = subjectOf(ctx, p.unit, verbAt + verb.length, end, 'first');
      if (s.subject === 'named') return { ...s, attribution: squash(text.slice(verbAt, Math.min(end, verbAt + 80)).replace(/\s+as saying.*$/, ' as saying')) };
      continue;
    }
    // The subject sits between the quote and the verb, right after the quote's comma ("pissed off" at X after
    // the leader questioned ... is no cue), short and not a new sentence.
    if (before.split(/\s+/).length > 14 || /[.!?]\s/.test(before)) break;
    // An adjacent cue needs no comma: `an "instant decision" she said,`.
    const adjacent = /^\s+(?:he|she|they|[\p{Lu}][\p{L}'’.-]*(?:\s[\p{Lu}][\p{L}'’.-]*){0,2})\s+(?:has\s|had\s|also\s)?$/u.test(before);
    if (!adjacent && !/[,?!—–-]$/.test(p.text) && !/^\s*[,—–-]/.test(tail)) break;
    const s = subjectOf(ctx, p.unit, from, verbAt, 'first');
    if (s.subject === 'named') return { ...s, attribution: verbPhrase(text, verbAt, verb, end) };
    if (s.phrase) return { ...s, attribution: squash(`${s.phrase} ${verbPhrase(text, verbAt, verb, end)}`) };
  }
  return null;
}

/** The cue before a quote in its own sentence ("X, role, said:", "according to X,", "X told Y:"). */
function cueBefore(ctx: Ctx, unit: number, open: number): Cue | null {
  const text = ctx.narration[unit] ?? '';
  const starts = [...text.slice(0, open + 2).matchAll(/[.!?]["”’]?\s+(?=["“‘]|[\p{Lu}\d])/gu)].map((m) => (m.index ?? 0) + m[0].length).filter((at) => at <= open);
  const from = starts.length ? starts[starts.length - 1]! : 0;
  const clause = text.slice(from, open);
  const verbs = [...clause.matchAll(VERB_RE)].reverse();
  let groupCue: Cue | null = null;
  for (const v of verbs) {
    const verb = v[1] ?? '';
    const verbAt = from + (v.index ?? 0);
    if (verb === 'according to') {
      const s = subjectOf(ctx, unit, verbAt + verb.length, open, 'first');
      return { ...s, attribution: squash(text.slice(verbAt, open).replace(/[,:]\s*$/, '')) };
    }
    const after = text.slice(verbAt + verb.length, open);
    // Inverted: `said Mr Blair:` / `said one of their lawyers, Michalis Dimitrakopoulos:` (a name, then only an aside).
    if (!LISTENER_VERBS.test(verb)) {
      const inv = mentionsIn(ctx, unit, verbAt + verb.length, open)[0];
      if (inv && /^[\s\p{Ll}'’,-]*$/u.test(text.slice(verbAt + verb.length, inv.start)) && /^\s*(?:,[^"“”]*)?[:,]?\s*$/.test(text.slice(inv.end, open))) {
        return { speaker: inv.person, confidence: 0.9, subject: 'named', attribution: verb };
      }
    }
    if (after.split(/\s+/).length > 30) continue;
    // "X introduced Y, citing ...", "X said she hoped ... but joked that": a participle or a coordinated verb
    // shares the subject that opens the sentence.
    const shared = (/ing$/.test(verb) && /,\s*$/.test(text.slice(from, verbAt))) || /\b(?:and|but)\s+(?:\p{Ll}+ly\s+)?$/u.test(text.slice(from, verbAt));
    // ... and the subject of the cue verb before them, when there is one ("his lawyer, X, told the BBC ... and added:").
    const earlier = shared ? [...text.slice(from, verbAt).matchAll(VERB_RE)].pop() : undefined;
    const s = earlier ? subjectOf(ctx, unit, from, from + (earlier.index ?? 0), 'last') : subjectOf(ctx, unit, from, verbAt, shared ? 'first' : 'last');
    const cue = verbPhrase(text, verbAt, verb, open);
    if (s.subject === 'named' && s.speaker !== null) return { ...s, attribution: cue };
    if (s.subject === 'pronoun' || s.subject === 'role') return { ...s, attribution: squash(`${s.phrase} ${cue}`) };
    if (s.subject === 'relative' && s.phrase === 'it') return { ...s, attribution: squash(`${s.phrase} ${cue}`) };
    groupCue ??= { ...s, attribution: s.phrase ? squash(`${s.phrase} ${cue}`) : cue };
  }
  return groupCue;
}

/** The subject of the sentence before offset `at` (within this or the previous unit), as a speaker. */
function previousSubject(ctx: Ctx, unit: number, at: number): number | null {
  for (let u = unit; u >= Math.max(0, unit - 1); u--) {
    const text = ctx.narration[u] ?? '';
    const end = u === unit ? at : text.length;
    const head = text.slice(0, end).replace(/\s+$/, '');
    const starts = [...head.slice(0, -1).matchAll(/[.!?]["”’]?\s+/g)].map((m) => (m.index ?? 0) + m[0].length);
    const from = starts.length ? starts[starts.length - 1]! : 0;
    if (/["“”]/.test(text.slice(from, end))) return null;
    const ms = mentionsIn(ctx, u, from, end).filter((m) => isSubjectMention(ctx, m));
    if (ms.length) {
      const blanked = blankAsides(text.slice(from, end));
      const visible = ms.filter((m) => blanked.slice(m.start - from, m.end - from).trim());
      return (visible[0] ?? ms[0])!.person;
    }
    if (end > 0 && u === unit && head.length) return null;
  }
  return null;
}

/** True when another person is named as a subject between the previous quote and this one. */
function someoneElseSpoke(ctx: Ctx, prev: QuotePiece, unit: number, open: number, speaker: number | null): boolean {
  return ctx.mentions.some((m) => !ctx.inQuote(m) && m.person !== speaker
    && (m.unit > prev.unit || (m.unit === prev.unit && m.start > prev.close)) && (m.unit < unit || (m.unit === unit && m.start < open))
    && isSubjectMention(ctx, m));
}

const DESCRIPTION = /(?<![\p{L}'’-])(?:[Tt]he|[Hh]is|[Hh]er)\s+((?:[\p{L}'’-]+\s){0,3}?(?:\d+-year-old|[\p{L}-]+))(?=\s+(?:has\s|had\s|also\s|then\s|later\s|once\s|is\s|was\s|will\s|would\s)?[\p{Ll}]+\b)/gu;
const HE_SHE = /(?<![\p{L}'’-])(?:[Hh]e|[Ss]he)(?![\p{L}'’-])/gu;
const FEMALE_ROLE = /(?:woman|ess|wife|mother|daughter|sister|queen|girl)$/;
const MALE_ROLE = /(?:man|husband|father|son|brother|king|boy)$/;

/**
 * "The minister", "the 36-year-old", "the Australian-born actress" opening a clause refer back to a person:
 * each becomes a mention of the role's holder or, for a description, of the latest fitting person.
 * Returns the added mentions.
 */
function withDescriptions(ctx: Ctx): PersonMention[] {
  const added: PersonMention[] = [];
  const current = (): Ctx => ({ ...ctx, mentions: [...ctx.mentions, ...added].sort(byPosition) });
  ctx.narration.forEach((text, unit) => {
    if (ctx.units[unit]?.sectionIndex === -1) return;
    const found = [...text.matchAll(DESCRIPTION), ...text.matchAll(HE_SHE)].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    for (const m of found) {
      const at = m.index ?? 0;
      if (/^(?:he|she)$/i.test(m[0])) {
        // A clause-opening he/she keeps its person in view for the pronouns and descriptions after it.
        if (!opensClause(ctx, { unit, start: at, end: at + m[0].length, person: -1 })) continue;
        const person = resolvePronoun(current(), m[0], unit, at);
        if (person !== null) added.push({ unit, start: at, end: at + m[0].length, person });
        continue;
      }
      const phrase = m[1] ?? '';
      const start = at;
      const head = phrase.split(/\s+/).pop() ?? '';
      const age = /\d+-year-old$/.test(head);
      if (!age && !isRoleWord(head)) continue;
      if (!opensClause(ctx, { unit, start: at, end: start, person: -1 })) continue;
      const byRole = age ? null : resolveRole(current(), phrase, unit, at, true);
      const pronoun = FEMALE_ROLE.test(head) ? 'she' : MALE_ROLE.test(head) ? 'he' : 'they';
      const person = byRole ?? resolvePronoun(current(), pronoun, unit, at);
      if (person !== null) added.push({ unit, start, end: at + m[0].length, person });
    }
  });
  return added;
}

const byPosition = (a: PersonMention, b: PersonMention): number => a.unit - b.unit || a.start - b.start;

/** Finds the direct quotes of an article's body units and attributes each to a person or a group. */
export function extractQuotes(units: TextUnit[], people: ArticlePerson[], mentions: PersonMention[]): Quote[] {
  const body = units.map((u, i) => ({ u, i })).filter((x) => x.u.sectionIndex >= 0);
  const pieces = body.flatMap(({ u, i }) => scanPieces(u.text, i));
  const spans = joinPieces(units.map((u) => u.text), pieces);
  const inQuote = (m: PersonMention): boolean => pieces.some((p) => p.unit === m.unit && m.start > p.open && m.end <= p.close);
  const narration = units.map((u) => u.text);
  for (const p of pieces) {
    const t = narration[p.unit] ?? '';
    const inner = t.slice(p.open + 1, p.close);
    const keep = /[.!?]\s*$/.test(inner) ? inner.replace(/^[\s\S]*?([.!?])\s*$/, '$1') : '';
    narration[p.unit] = t.slice(0, p.open + 1) + ' '.repeat(inner.length - keep.length) + keep + t.slice(p.close);
  }
  const sentenceStarts = narration.map((t) => [0, ...[...t.matchAll(/[.!?]["”’]?\s+(?=["“‘]|[\p{Lu}\d])/gu)].map((m) => (m.index ?? 0) + m[0].length)]);
  const unitBase: number[] = [];
  sentenceStarts.reduce((n, starts, u) => { unitBase[u] = n; return n + starts.length; }, 0);
  const sentenceOf = (unit: number, at: number): number => {
    const starts = sentenceStarts[unit] ?? [0];
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= at) k++;
    return (unitBase[unit] ?? 0) + k;
  };
  const sentenceStartOf = (unit: number, at: number): number => {
    const starts = sentenceStarts[unit] ?? [0];
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= at) k++;
    return starts[k] ?? 0;
  };
  const base: Ctx = { units, narration, people, mentions, inQuote, genders: people.map(personGender), sentenceOf, sentenceStartOf, descriptions: new Set() };
  const described = withDescriptions(base);
  const ctx: Ctx = { ...base, mentions: [...mentions, ...described].sort(byPosition), descriptions: new Set(described) };
  const quotes: Quote[] = [];
  let prev: { span: QuoteSpan; cue: Cue } | null = null;
  for (const span of spans) {
    const first = span.pieces[0];
    if (!first) continue;
    const after = span.pieces.map((p) => (p.closed ? cueAfter(ctx, p) : null)).find((c) => c !== null) ?? null;
    const lastPrev = prev?.span.pieces[prev.span.pieces.length - 1];
    const before = cueBefore(ctx, first.unit, first.open);
    // A group cue ("the firm said it was a "potential" site") vouches for a phrase, not for a lone word.
    const groupOnly = after === null && before?.subject === 'group' && span.text.split(/\s+/).length < 2;
    if (!isSpeech(units[first.unit]?.text ?? '', span, after !== null || (before !== null && !groupOnly))) continue;
    let cue: Cue | null = after && (after.speaker !== null || !before || before.speaker === null) ? after : before ?? after;
    const near = lastPrev !== undefined && first.unit - lastPrev.unit <= 1;
    // '"A," said X. "B," he said.': a pronoun right after X's quote is X, unless someone else was named since.
    if (cue?.subject === 'pronoun' && prev && near && lastPrev && prev.cue.speaker !== null && prev.cue.speaker !== cue.speaker
      && fitsPronoun(ctx, prev.cue.speaker, cue.attribution.split(' ')[0] ?? '') && !someoneElseSpoke(ctx, lastPrev, first.unit, first.open, prev.cue.speaker)) {
      cue = { ...cue, speaker: prev.cue.speaker };
    }
    // "It added:" after "Mr X's statement said:" and a bare quote after a quote: the same speaker goes on.
    if (prev && near && lastPrev && (!cue || (cue.subject === 'relative' && cue.speaker === null))
      && !someoneElseSpoke(ctx, lastPrev, first.unit, first.open, prev.cue.speaker)) {
      cue = { ...prev.cue, attribution: cue?.attribution ?? prev.cue.attribution, confidence: Math.min(prev.cue.confidence, 0.8) };
    }
    if (!cue || (cue.speaker === null && !cue.attribution)) {
      const subject = previousSubject(ctx, first.unit, first.open);
      if (subject !== null) cue = { speaker: subject, confidence: 0.5, subject: 'named', attribution: cue?.attribution ?? '' };
    }
    const c: Cue = cue ?? { attribution: '', speaker: null, confidence: 0, subject: 'group' };
    quotes.push({
      index: quotes.length, text: span.text, speaker: c.speaker === null ? null : people[c.speaker]?.name ?? null,
      attribution: c.attribution || null, confidence: c.speaker === null ? 0 : c.confidence,
      sectionIndex: units[first.unit]?.sectionIndex ?? 0, paragraphIndex: units[first.unit]?.paragraphIndex ?? 0,
    });
    prev = { span, cue: c };
  }
  return quotes;
}
