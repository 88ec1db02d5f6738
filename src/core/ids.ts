/**
 * Stable slugs and small text helpers shared by the extraction core.
 * Slugs are keys across the store, so they must not depend on accents, case or punctuation.
 */

const MAX_SLUG = 80;

// Letters that NFKD does not decompose into ASCII + combining marks.
const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', þ: 'th', ð: 'd', ı: 'i',
};

/** Folds accents and special letters to ASCII, keeping everything else as is. */
export function foldAscii(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæÆøØœŒłŁđĐþðı]/g, (c) => FOLD[c] ?? c);
}

/** Lowercase ASCII hyphenated key of `s`, at most ~80 chars, never empty ('untitled'). */
export function slugify(s: string): string {
  const base = foldAscii(String(s ?? ''))
    .toLowerCase()
    .replace(/['’‘`]/g, '') // "O'Brien" -> "obrien", not "o-brien"
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!base) return 'untitled';
  if (base.length <= MAX_SLUG) return base;
  // Cut at a word boundary so slugs do not end in half a word.
  const cut = base.slice(0, MAX_SLUG);
  const at = cut.lastIndexOf('-');
  return (at > 20 ? cut.slice(0, at) : cut).replace(/-+$/g, '') || 'untitled';
}

/** Removes a trailing possessive ('s, ’s or a bare apostrophe after s). */
export function stripPossessive(s: string): string {
  return s.replace(/['’]s$/u, '').replace(/(s)['’]$/u, '$1');
}

/** Collapses runs of whitespace to single spaces and trims. */
export function squashSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Counts words: runs of letters or digits (apostrophes and hyphens stay inside a word). */
export function countWords(s: string): number {
  const m = s.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

/** A short, stable base-36 key of a string (FNV-1a, 32 bits): enough to tell articles apart in a slug. */
export function shortKey(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}
