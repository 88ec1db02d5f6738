/**
 * Salient topics: named places and organisations that are not people, and the content noun
 * phrases an article keeps coming back to. Ranked by frequency, with the title counting extra.
 */
import type { ArticleTopic, TopicKind } from './types.ts';
import { slugify, stripPossessive } from './ids.ts';
import { findNameSpans, isSentenceStart } from './names.ts';
import { isDateWord, isOrgWord, isOrganization, isPlace, lexTags } from './lexicon.ts';

const MAX_TOPICS = 8;
// Words every news story uses: never a topic on their own.
const GENERIC = new Set(`said says also would could should will year years people time times week weeks month months day days percent
region president official officials government minister spokesman spokeswoman company companies firm firms group number part
place way thing things lot world country countries state states news report reports statement talks talk comment comments
members member side sides move plans plan decision issue issues matter case point end start well since week's today yesterday
last first next many much more most some such other others there their them they this that these those what which while where
when with from into over under about after before against between among during without within because however although
including according being been have having were was are is has had does did doing made make makes making take taken took
told tell asked want wants wanted need needs back still even just only very really already around another every each both
million billion mr mrs ms dr chief head executive director manager chairman leader role`.split(/\s+/));
const VERBISH = /^(?:Infinitive|PastTense|PresentTense|Gerund|Adverb|Adjective|Modal|Copula|Comparative|Superlative|Determiner|Preposition|Conjunction|Pronoun|Participle|PhrasalVerb|Possessive|QuestionWord|Negative|Cardinal|Ordinal|TextValue|Expression)$/;

interface Tally { name: string; kind: TopicKind; score: number }

/** Kind of a named entity from the lexicon and its context. */
function kindOf(phrase: string, before: string): TopicKind | null {
  const k = phrase.toLowerCase();
  const lastWord = k.split(' ').pop() ?? '';
  if (lexTags(k).includes('Demonym')) return null;
  if (isPlace(k) || /\b(?:in|to|from|across|near|at)\s+(?:the\s)?$/.test(before)) return 'PLACE';
  if (isOrganization(k) || isOrgWord(lastWord) || /^[A-Z]{2,}$/.test(phrase)) return 'ORGANIZATION';
  return 'SUBJECT';
}

/** True for a lowercase word that can head a topic noun phrase. */
function contentWord(w: string): boolean {
  if (w.length < 4 || GENERIC.has(w) || /\d/.test(w)) return false;
  const tags = lexTags(w);
  return !tags.some((t) => VERBISH.test(t)) || tags.some((t) => /^(?:Singular|Plural|Uncountable|Noun)$/.test(t));
}

/** True for a dictionary noun ("Year" in "New Year's Day"), which alone names nothing in particular. */
const isCommonNoun = (w: string): boolean => lexTags(w).some((t) => /^(?:Singular|Plural|Uncountable|Noun)$/.test(t));

/** True for "I", "We", "Our" and the like: capitalised mid-sentence, yet never a named entity. An acronym ("US") is not one. */
const isFunctionWord = (w: string): boolean =>
  w.length < 2 || (!/^\p{Lu}{2,}$/u.test(w) && lexTags(w.toLowerCase()).some((t) => /^(?:Pronoun|Determiner|Preposition|Conjunction|Possessive)$/.test(t)));

const MONTHS = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** "British", "French", "Chinese": a nationality adjective (a known demonym, or a place name's -ish/-ese/-ian form). */
function isDemonym(word: string): boolean {
  const k = word.toLowerCase();
  return lexTags(k).includes('Demonym') || (/(?:ish|ese|ian|ean)$/.test(k) && !isPlace(k) && !isOrganization(k) && !lexTags(k).some((t) => /Name$/.test(t)));
}

/**
 * An everyday noun (game, deal, show, money): one of the common nouns in compromise's core lexicon, as against
 * a specialised one it lacks (sanctions, broadband, inflation). Alone, an everyday noun must dominate a story.
 */
function isEverydayNoun(word: string): boolean {
  return lexTags(word).some((t) => /^(?:Singular|Plural|Uncountable)$/.test(t)) || lexTags(singular(word)).some((t) => /^(?:Singular|Uncountable)$/.test(t));
}

/** Adds a topic occurrence, merging by slug. */
function bump(tally: Map<string, Tally>, name: string, kind: TopicKind, weight: number): void {
  // "profits" and "profit", "rare earth metal" and "rare earth metals" are one topic.
  const slug = slugify(kind === 'SUBJECT' && /^\p{Ll}/u.test(name) ? name.replace(/(\p{L}+)$/u, (w) => singular(w)) : name);
  const t = tally.get(slug);
  if (t) t.score += weight;
  else tally.set(slug, { name, kind, score: weight });
}

/** The singular of a regular English plural ("companies" → "company", "markets" → "market"); other words as they are. */
function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ss|us|is|ics|news)$/.test(w) || w.length < 4) return w;
  if (/(?:ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/**
 * Named entities (not people, not sentence-initial common words) of one text. `lowerWords` holds the words
 * the article also writes in lower case: a lone capitalised "Year" or "Day" is then a word at a title's
 * start, not a name ("Arctic", "Olympics" are never written lower case).
 */
function countEntities(text: string, weight: number, personWords: Set<string>, tally: Map<string, Tally>, lowerWords: Set<string>, knownOnly = false): void {
  for (const s of findNameSpans(text)) {
    const name = stripPossessive(s.tokens.join(' '));
    if (s.tokens.some((t) => personWords.has(t)) || /\.\S/.test(name) || s.titles.length) continue;
    const lone = s.tokens.length === 1 && !isPlace(name) && !isOrganization(name);
    if (lone && (isSentenceStart(text, s.start) || isCommonNoun(name.toLowerCase()) || isDateWord(name.toLowerCase()) || isFunctionWord(name))) continue;
    if (lone && lowerWords.has(name.toLowerCase())) continue;
    // "British", "March": a nationality or a month says where or when, not what a story is about.
    if (s.tokens.length === 1 && (isDemonym(name) || isDateWord(name.toLowerCase()) || MONTHS.test(name))) continue;
    // In a Headline Cased Title every word is capitalised, so only known places and organisations count.
    if (knownOnly && !isPlace(name) && !isOrganization(name)) continue;
    const kind = kindOf(name, text.slice(Math.max(0, s.start - 12), s.start));
    if (kind) bump(tally, name, kind, weight * 1.2);
  }
}

/** Repeated lowercase content words and two- or three-word noun phrases of one text. */
function countKeywords(text: string, weight: number, tally: Map<string, Tally>): void {
  let chunk: string[] = [];
  let adjective: string | null = null;
  let phrasePrefix: string | null = null;
  const flush = (): void => {
    const phrase = phrasePrefix ? [phrasePrefix, ...chunk] : chunk;
    if (phrase.length >= 2 && phrase.length <= 3) bump(tally, phrase.join(' '), 'SUBJECT', weight * 2);
    for (const w of chunk) bump(tally, w, 'SUBJECT', weight);
    chunk = [];
    phrasePrefix = null;
  };
  // Capitalised words, digits and punctuation all break a noun phrase; adjectives may open one ("rare earth metals").
  for (const m of text.matchAll(/[\p{L}'’-]+|[^\p{L}\s]+/gu)) {
    const w = m[0];
    const lower = /^\p{Ll}[\p{Ll}-]*$/u.test(w);
    if (lower && contentWord(w)) chunk.push(w);
    else if (lower && chunk.length === 0 && w.length > 3 && !GENERIC.has(w) && lexTags(w).includes('Adjective')) adjective = w;
    else { flush(); adjective = null; continue; }
    if (adjective && chunk.length === 1) { phrasePrefix = adjective; adjective = null; }
  }
  flush();
}

/** Ranks the article's topics, most salient first, at most eight. */
export function extractTopics(title: string, texts: string[], personNames: string[]): ArticleTopic[] {
  const personWords = new Set(personNames.flatMap((n) => n.split(/\s+/)));
  const tally = new Map<string, Tally>();
  const words = title.split(/\s+/).filter((w) => w.length > 3);
  const headlineCase = words.filter((w) => /^\p{Lu}/u.test(w)).length > words.length * 0.6;
  const lowerWords = new Set([title, ...texts].flatMap((t) => t.match(/(?<![\p{L}'’-])\p{Ll}+(?![\p{L}'’-])/gu) ?? []));
  countEntities(title, 2, personWords, tally, lowerWords, headlineCase);
  countKeywords(title, 2, tally);
  for (const t of texts) { countEntities(t, 1, personWords, tally, lowerWords); countKeywords(t, 1, tally); }
  // A place is a topic when the story keeps returning to it (three mentions, or the headline and one more):
  // a dateline or a passing "in London" is setting, not subject.
  // A lone common word needs to recur more than a phrase does before it says what the story is about.
  // Two-letter acronyms (US, UK, EU, UN) name countries and unions as often as firms: they need a place's salience.
  const enough = (slug: string, t: Tally): boolean => t.kind === 'PLACE' || /^\p{Lu}{2}$/u.test(t.name) ? t.score >= 3.5
    : t.kind === 'SUBJECT' && !slug.includes('-') && /^\p{Ll}/u.test(t.name) ? t.score >= (isEverydayNoun(t.name) ? 6 : 4) : t.score >= 2.4 || (t.kind !== 'SUBJECT' && t.score >= 2);
  const ranked = [...tally.entries()].filter(([slug, t]) => enough(slug, t)).sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]));
  // A phrase that is always part of a longer ranked phrase adds nothing ("rare earth" under "rare earth metals").
  // A lone word inside a ranked phrase is the phrase's vaguer form ("games" beside "computer games industry").
  const parts = (slug: string): string[] => slug.split('-');
  const kept = ranked.filter(([slug, t]) => !ranked.some(([s2, t2]) => s2 !== slug && parts(s2).length > parts(slug).length
    && (parts(slug).length === 1 && t.kind === 'SUBJECT' ? parts(s2).map(singular).includes(slug) : s2.includes(slug) && t2.score >= t.score * 0.9)));
  const top = kept.slice(0, MAX_TOPICS);
  const max = top[0]?.[1].score ?? 1;
  return top.map(([slug, t]) => ({ name: t.name, slug, kind: t.kind, score: Math.round((t.score / max) * 1000) / 1000 }));
}
