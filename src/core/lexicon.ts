/**
 * Word knowledge from compromise's lexicon (first names, places, organisations, roles), read
 * directly: running compromise's tagger over whole articles is ~10x too slow for the corpus budget.
 */
import nlp from 'compromise/two';
import { foldAscii } from './ids.ts';

type Tags = string | string[];
type WordList = string[] | Record<string, unknown> | undefined;
interface Model { one: { lexicon: Record<string, Tags> }; two: { orgWords?: WordList; placeWords?: WordList } }

/** compromise keeps some word lists as arrays and some as objects keyed by word. */
const words = (w: WordList): string[] => (Array.isArray(w) ? w : w && typeof w === 'object' ? Object.keys(w) : []);

let cache: { lex: Record<string, Tags>; org: Set<string>; place: Set<string> } | null = null;

/** Loads the lexicon once; an empty one if compromise's model cannot be read (never throws). */
function data(): { lex: Record<string, Tags>; org: Set<string>; place: Set<string> } {
  if (cache) return cache;
  try {
    const m = (nlp as unknown as { model: () => Model }).model();
    cache = { lex: m.one.lexicon, org: new Set(words(m.two.orgWords)), place: new Set(words(m.two.placeWords)) };
  } catch {
    cache = { lex: {}, org: new Set(), place: new Set() };
  }
  return cache;
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
/** True for an ordinary dictionary word that is not also a known name. */
export function isCommonWord(word: string): boolean {
  const tags = lexTags(word);
  return tags.some((t) => COMMON_TAGS.has(t)) && !tags.some((t) => NAME_TAGS.has(t) || t === 'LastName');
}
