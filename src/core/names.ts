/**
 * Capitalised name spans in a sentence: finding them, trimming titles and furniture off them,
 * and the local evidence (given name, role, speech verb, appositive) that a span names a person.
 */
import { lexTags, isActorNoun, isCommonWord, isDateWord, isFirstName, isFunctionWord, isGivenName, isOrgWord, isOrganization, isPlace, isPlaceWord } from './lexicon.ts';
import { stripPossessive } from './ids.ts';

export interface NameSpan {
  /** Tokens of the name after trimming titles, possessives and sentence-initial words. */
  tokens: string[];
  start: number;
  end: number;
  /** Title and courtesy words trimmed off the front ("President", "Mr"), as written. */
  titles: string[];
  /** True when a courtesy title (Mr, Ms, Dr...) preceded the name: itself evidence of a person. */
  honorific: boolean;
}

const CAP = String.raw`(?:(?:\p{Lu}\.){2,}|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Capt|Lt|Sgt|Prof|Rev|Jr|Sr)\.|\p{Lu}\.(?=\s\p{Lu})|[\p{Lu}][\p{L}\p{M}'’-]*(?<!['’-]))`;
const PARTICLE = String.raw`(?:de|da|del|della|di|du|van|von|der|den|ter|bin|ibn|al|el|le|dos)`;
const PARTICLE_RE = new RegExp(`^${PARTICLE}$`);
/** A lowercase name particle ("de", "van", "bin"). */
const isParticle = (t: string): boolean => PARTICLE_RE.test(t);
const SEQ = new RegExp(String.raw`(?<![\p{L}\p{N}'’-])${CAP}(?:\s(?:${PARTICLE}\s)?${CAP})*`, 'gu');

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor', 'rev', 'reverend', 'mx']);
const TITLES = new Set([
  'president', 'prime', 'minister', 'secretary', 'chancellor', 'senator', 'sen', 'rep', 'representative', 'governor', 'gov',
  'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'pope', 'general', 'gen', 'colonel', 'col', 'captain', 'capt',
  'sgt', 'sergeant', 'lieutenant', 'lt', 'major', 'admiral', 'father', 'archbishop', 'bishop', 'cardinal', 'mayor', 'chairman',
  'chairwoman', 'chief', 'coach', 'detective', 'inspector', 'officer', 'ambassador', 'envoy', 'special', 'vice', 'deputy',
  'foreign', 'home', 'defence', 'defense', 'finance', 'health', 'interior', 'trade', 'shadow', 'first', 'lady', 'former',
  'commissioner', 'speaker', 'chief executive', 'executive', 'director', 'manager', 'sheikh', 'emir', 'crown', 'saint', 'st',
  'attorney', 'supreme', 'leader', 'premier', 'chairperson', 'councillor', 'congressman', 'congresswoman', 'state',
]);
const ALL_CAPS = /^[\p{Lu}\d&.-]{2,}$/u;
// Offices that, capitalised inside a span, end a title rather than begin a name ("Culture Secretary").
const OFFICES = new Set(['secretary', 'minister', 'chancellor', 'president', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman',
  'chairwoman', 'director', 'commissioner', 'ambassador', 'envoy', 'governor', 'mayor', 'senator', 'coach', 'manager', 'editor',
  'correspondent', 'chief', 'executive', 'leader', 'boss', 'head', 'officer', 'adviser', 'advisor', 'captain', 'striker', 'midfielder',
  'defender', 'goalkeeper', 'prosecutor', 'attorney', 'general']);

/** Lowercased token without trailing dot, for set lookups. */
const key = (t: string): string => t.replace(/\.$/, '').toLowerCase();

/** True when offset `at` starts a sentence (start of text, after . ! ? or an opening quote). */
export function isSentenceStart(text: string, at: number): boolean {
  if (at <= 0) return true;
  const before = text.slice(Math.max(0, at - 6), at);
  return /(?:[.!?]["”’]?\s+|["“(]\s*)$/u.test(before) && !/\b(?:Mr|Mrs|Ms|Dr|St)\.\s+$/.test(before);
}

const SOFT_TAGS = /^(?:Adjective|Gerund|PastTense|Adverb|Comparative|Superlative|Participle)$/;

/** A day or month written out ("Jan" is also a given name, so abbreviations do not count). */
const isMonthOrDay = (k: string): boolean => k.length > 3 && isDateWord(k);

/** Trims titles, acronyms and non-name words off the front of a token list. */
function trimFront(tokens: string[], sentenceStart: boolean, titles: string[]): { tokens: string[]; honorific: boolean } {
  let honorific = false;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] ?? '';
    const k = key(t);
    const isLast = i === tokens.length - 1;
    if (HONORIFICS.has(k)) { honorific = true; titles.push(t); i++; continue; }
    if (isLast) break;
    if (TITLES.has(k) || isRoleWord(k)) { titles.push(t.replace(/\.$/, '')); i++; continue; }
    // "British-born", "London-based" describe the person; they are not part of the name.
    if (/-(?:born|based|raised|bred|educated|owned|backed|led)$/.test(k)) { i++; continue; }
    if ((ALL_CAPS.test(t) && !/^\p{Lu}-\p{Lu}$/u.test(t)) || isFunctionWord(k) || isMonthOrDay(k) || isPlace(k) || isOrganization(k)) { i++; continue; }
    // Sentence-initial "But", "Leaving", adjectives like "Old", adverbs like "Ironically" are not names.
    const soft = lexTags(k).some((tag) => SOFT_TAGS.test(tag)) || /ly$/.test(k);
    // "Dutchman Arnoud Okken", "New Yorker Dick Morris": a describing noun before a full name.
    if (tokens.length - i >= 3 && /(?:man|woman|er)$/.test(k) && (isPlace(k.replace(/(?:wo)?man$|er$/, '')) || (isCommonWord(k) && !isGivenName(k)))) { i++; continue; }
    // A given name that is also a word ("Bill", "Will") stays when a name follows it; the person check decides.
    if (!isFirstName(k) && !isGivenName(k) && ((i === 0 && sentenceStart && isCommonWord(k)) || soft)) { i++; continue; }
    break;
  }
  let rest = tokens.slice(i);
  // "Labour MP Lord Janner", "Culture Secretary Chris Smith": a courtesy title, an office or a short acronym
  // inside the span starts the name after it.
  const inner = rest.slice(0, -1).map((t) => HONORIFICS.has(key(t)) || (ALL_CAPS.test(t) && t.length <= 4 && !/^\p{Lu}-\p{Lu}$/u.test(t)) || OFFICES.has(key(t)));
  const cut = inner.lastIndexOf(true);
  if (cut >= 0) {
    honorific = honorific || rest.slice(0, cut + 1).some((t) => HONORIFICS.has(key(t)));
    const head = rest.slice(0, cut + 1);
    const office = head.findIndex((t) => OFFICES.has(key(t)));
    if (office >= 0) titles.push(head.filter((t) => !HONORIFICS.has(key(t))).join(' '));
    titles.push(...head.filter((t) => HONORIFICS.has(key(t)) || (office < 0 && ALL_CAPS.test(t))));
    rest = rest.slice(cut + 1);
  }
  return { tokens: rest, honorific };
}

/** Finds capitalised spans in a text, split at possessives, titles trimmed. */
export function findNameSpans(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  for (const m of text.matchAll(SEQ)) {
    const raw = m[0];
    let offset = m.index ?? 0;
    // "Leeds's Tom Hart" is two spans: the possessor and the name.
    for (const part of raw.split(/(?<=['’]s?)\s/u)) {
      const partStart = offset;
      offset += part.length + 1;
      const words = part.split(' ').filter(Boolean);
      const last = words.length - 1;
      if (last >= 0) words[last] = stripPossessive(words[last] ?? '');
      const titles: string[] = [];
      const { tokens, honorific } = trimFront(words, isSentenceStart(text, partStart), titles);
      while (tokens.length > 1 && (isDateWord(key(tokens[tokens.length - 1] ?? '')) || ALL_CAPS.test(tokens[tokens.length - 1] ?? ''))) tokens.pop();
      if (!tokens.length) continue;
      const lead = words.length - tokens.length;
      const start = partStart + words.slice(0, lead).reduce((n, w) => n + w.length + 1, 0);
      const end = start + tokens.join(' ').length;
      out.push({ tokens: tokens.map((t) => t.replace(/\.$/, (d) => (t.length <= 2 ? d : ''))), start, end, titles, honorific });
    }
  }
  return out;
}

const STRONG_NON_PERSON = new Set(['ltd', 'inc', 'plc', 'group', 'bank', 'university', 'council', 'party', 'street', 'road', 'airport',
  'arena', 'stadium', 'cup', 'league', 'award', 'awards', 'prize', 'foundation', 'trust', 'institute', 'college', 'school', 'hospital',
  'times', 'news', 'act', 'bill', 'day', 'week', 'festival', 'games', 'open', 'championship', 'championships', 'fc', 'united', 'city', 'house',
  'office', 'agency', 'committee', 'commission', 'ministry', 'department', 'court', 'union', 'square', 'centre', 'center', 'company', 'corporation',
  'corp', 'co', 'brewery', 'breweries', 'trophy', 'marathon', 'watch', 'national', 'one', 'two', 'three', 'four', 'project', 'rally']);

const PRODUCT_WORDS = /^(?:software|technologies|technology|solutions|networks|digital|online|records|music|pictures|studios|films|foods|brands|retail|logistics|telecom|ventures|motors|airlines|energy|systems|labs|pharma|capital|partners|holdings)$/;

/**
 * How strongly the span's own words rule out a personal name: 'hard' (a known place or organisation,
 * grammar words, a brand shape), 'weak' (a dictionary word or a place name inside it, which real names
 * also have: Virginia Madsen, Dwain Chambers, Kanye West), or null.
 */
export function nonPersonStrength(tokens: string[]): 'hard' | 'weak' | null {
  // "Luiz Inacio Lula da Silva": particles make long names; otherwise five capitalised words are a title or a body.
  if (tokens.filter((t) => !isParticle(t)).length > 4 || tokens.length > 6 || tokens.length < 1) return 'hard';
  const keys = tokens.map(key);
  const lastKey = keys[keys.length - 1] ?? '';
  const firstKey = keys[0] ?? '';
  if (isPlace(keys.join(' ')) || isOrganization(keys.join(' ')) || STRONG_NON_PERSON.has(lastKey)) return 'hard';
  if (keys.some((k, i) => (isFunctionWord(k) && k.length > 1 && !isFirstName(k) && !(i > 0 && isGivenName(k)) && !isParticle(tokens[i] ?? '')) || isMonthOrDay(k))) return 'hard';
  // CamelCase (BridgeHead, PlayStation) is a brand; Mc/Mac/De/O' names are not.
  if (tokens.some((t) => /^\p{Lu}\p{Ll}+\p{Lu}/u.test(t) && !/^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)/.test(t))) return 'hard';
  if (PRODUCT_WORDS.test(lastKey) || isOrgWord(lastKey) || isPlaceWord(lastKey)) return 'hard';
  if (tokens.some((t) => ALL_CAPS.test(t) && t.length > 2)) return 'hard';
  // North Korea, New York, United Nations, Royal Mail: a compass or grand word opens a place or body, never a name.
  if (/^(?:north|south|east|west|northern|southern|eastern|western|central|new|old|great|united|national|international|royal|yes|no)$/.test(firstKey)) return 'hard';
  if (isFirstName(firstKey)) return null;
  // "Tobacco Administration Monopoly", "File Scan": every word an ordinary word and none a given name.
  if (keys.length > 1 && keys.every((k) => isCommonWord(k) && !isGivenName(k))) return 'hard';
  // "BridgeHead Software": a dictionary noun at the end with no given name in front is likely a product or firm.
  if (keys.length > 1 && isCommonWord(lastKey) && !isGivenName(firstKey)) return 'weak';
  return keys.some((k) => isPlace(k) || isOrganization(k)) ? 'weak' : null;
}

/** True when the span's own words rule out a personal name. */
export function looksNonPerson(tokens: string[]): boolean {
  return nonPersonStrength(tokens) !== null;
}

export const SPEECH_VERBS = 'said|says|say|saying|told|tells|tell|added|adds|adding|stated|states|insisted|insists|admitted|admits|argued|argues|explained|explains|claimed|claims|warned|warns|noted|notes|commented|asked|asks|replied|replies|continued|wrote|writes|declared|declares|announced|acknowledged|acknowledges|conceded|concedes|suggested|suggests|urged|urges|complained|predicted|predicts|confirmed|confirms|remarked|recalled|stressed|stresses|maintained|maintains|described|describes|believes|believed|concluded|joked|revealed|reveals|insisted|posted|tweeted';
const ROLE_WORDS = new Set(['chief', 'head', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'secretary', 'chairman', 'co-chairman', 'chair',
  'president', 'vice-president', 'minister', 'director', 'executive', 'officer', 'analyst', 'economist', 'player', 'drummer', 'guitarist', 'singer',
  'bassist', 'striker', 'midfielder', 'defender', 'goalkeeper', 'coach', 'manager', 'boss', 'captain', 'leader', 'founder', 'co-founder', 'official',
  'adviser', 'advisor', 'aide', 'ambassador', 'governor', 'mayor', 'senator', 'lawyer', 'professor', 'researcher', 'editor', 'reporter',
  'correspondent', 'actor', 'actress', 'star', 'veteran', 'campaigner', 'chancellor', 'commissioner', 'judge', 'mp', 'msp', 'mep', 'candidate',
  'deputy', 'partner', 'owner', 'investor', 'trader', 'strategist', 'designer', 'producer', 'writer', 'author', 'presenter', 'host', 'winner',
  'champion', 'rival', 'colleague', 'photographer', 'chairwoman', 'scientist', 'expert', 'consultant', 'vice-chairman', 'general', 'member', 'fund',
  'cardinal', 'archbishop', 'bishop', 'pope', 'priest', 'king', 'queen', 'prince', 'princess', 'physio', 'pundit', 'comedian', 'rapper', 'musician', 'director']);

/** True for a noun that names a person's role (analyst, envoy, chairman). */
export function isRoleWord(word: string): boolean {
  const k = word.toLowerCase().replace(/['’]s$/, '');
  return (ROLE_WORDS.has(k) && k !== 'fund') || isActorNoun(k);
}

const STOP_BEFORE = /^(?:after|before|by|with|to|from|for|of|in|on|at|as|and|or|but|the|a|an|his|her|their|its|our|that|who|which|when|while|said|says|told|meet|met|is|was|are|were|be|been|has|have|had)$/;

/** A lowercase role phrase right before a span ("special envoy", "bass player"), or null. */
export function roleBefore(text: string, start: number): string | null {
  const m = /(?<![\p{L}\p{N}'’.-])((?:[\p{Ll}][\p{L}-]*\s){1,4})$/u.exec(text.slice(Math.max(0, start - 60), start));
  if (!m || !m[1]) return null;
  const words = m[1].trim().split(/\s+/);
  if (!isRoleWord(words[words.length - 1] ?? '')) return null;
  let i = words.length - 1;
  while (i > 0 && !STOP_BEFORE.test(words[i - 1] ?? '') && !isFunctionWord(words[i - 1] ?? '') && !/(?:ed|ing)$/.test(words[i - 1] ?? '')
    && !lexTags(words[i - 1] ?? '').some((t) => /^(?:Infinitive|PresentTense|PastTense|Copula|Modal)$/.test(t))) i--;
  // "Shadow chancellor", "Special envoy" opening a sentence: the capitalised qualifier belongs to the role.
  const qualifier = i === 0 ? /(?:^|[.!?]\s+)((?:Shadow|Special|Former|Deputy|Vice|Acting|Chief|Senior|Assistant|Interim|Joint))\s+$/.exec(text.slice(Math.max(0, start - 60), start - m[1].length))?.[1] : undefined;
  return (qualifier ? `${qualifier} ` : '') + words.slice(i).join(' ');
}

/** A role stated in an appositive right after a span (", an analyst at Petercam,"), or null. */
export function roleAfter(text: string, end: number): string | null {
  const m = /^,\s+(?:the |a |an )?([^,.;:"“”()]{2,90}?)(?=[,.;:()]|\s+(?:said|says|told|added)\b|$)/u.exec(text.slice(end, end + 120));
  if (!m || !m[1]) return null;
  const words = m[1].split(/\s+/);
  const head = words.slice(0, 5);
  const cut = head.findIndex((w) => /^(?:of|at|for|in|with|to)$/.test(w));
  const core = cut >= 0 ? head.slice(0, cut) : head;
  if (/^(?:who|whose|which|that|where|when|whom)$/.test(words[0] ?? '') || !core.some((w) => isRoleWord(w))) return null;
  return m[1].trim();
}

const VERB_AFTER = new RegExp(String.raw`^['’]?s?\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+)?(?:${SPEECH_VERBS})\b`, 'u');
// "told Agence France Presse": the listener after "told" is as often a newspaper as a person.
const VERB_BEFORE = new RegExp(String.raw`\b(?:${SPEECH_VERBS.split('|').filter((v) => !/^tell|^told/.test(v)).join('|')})\s+$`, 'u');
// "said Jan Visser, an analyst" names a speaker; "said North East people" does not.
const SPAN_ENDS = /^(?:['’]s?)?\s*(?:[,.;:)]|$)/;

/** True when a speech verb sits right next to the span ("X said", "said X"). */
export function nextToSpeechVerb(text: string, start: number, end: number): boolean {
  return VERB_AFTER.test(text.slice(end, end + 30)) || (VERB_BEFORE.test(text.slice(Math.max(0, start - 20), start)) && SPAN_ENDS.test(text.slice(end, end + 3)));
}

export { isFirstName };
