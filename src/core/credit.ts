/**
 * Photo credits at the end of a caption: `REUTERS/Name/File photo`, `AP Photo/Name`,
 * `Photo: Name/AFP`, `(Reuters)`, `Name/Getty Images`. Recognised by shape, not by one string.
 */

// Wire services and picture desks that appear in credits in mixed case; all-caps agencies are caught by shape.
const AGENCY_WORDS = 'Reuters|AP|AFP|EPA(?:-EFE)?|Getty Images|PA(?: Media| Wire)?|Bloomberg|Xinhua|Anadolu(?: Agency)?|Shutterstock|Alamy|TASS|Sputnik|dpa|Kyodo|Yonhap|UPI|NurPhoto|SOPA Images|Pool|Handout';
const AGENCY = new RegExp(`^(?:${AGENCY_WORDS})$`, 'i');

const CREDIT_PATTERNS: RegExp[] = [
  // AGENCY/Photographer(/File photo): the agency segment is all caps or a known agency, maybe "X Photo".
  new RegExp(`(?:^|(?<=[.!?)"”’]\\s)|(?<=\\s\\s))((?:[A-Z][A-Za-z]*\\s)?(?:[A-Z]{2,}[A-Z&.-]*|${AGENCY_WORDS})(?:\\s(?:Photo|Pictures|Images))?(?:\\s?\\/\\s?[^/\\n]{1,60}){1,3})$`),
  // Photo: Name/AFP, Photograph: Name, Picture credit: ...
  /(?:^|(?<=[.!?)"”’]\s))((?:Photo(?:graph)?|Picture|Image|Credit|Photo credit)s?\s*:\s*[^\n]{2,80})$/i,
  // Name/Getty Images, Name for Reuters, Name via AFP
  new RegExp(`(?:^|(?<=[.!?)"”’]\\s))([\\p{Lu}][^/\\n.]{1,60}\\s?(?:\\/|\\bfor\\b|\\bvia\\b)\\s?(?:${AGENCY_WORDS})(?:\\s(?:via|for)\\s[A-Za-z ]{2,30})?)$`, 'u'),
  // (Reuters), (AP Photo), or the bare agency as the last word group.
  new RegExp(`(?:^|(?<=[.!?)"”’]\\s))(\\((?:${AGENCY_WORDS})(?: Photo)?\\)|(?:${AGENCY_WORDS}))$`),
];

/** Splits a photo credit off the end of a paragraph, or returns null when it carries none. */
export function extractCredit(paragraph: string): string | null {
  const text = paragraph.trim().replace(/\.$/, '');
  if (text.length < 3 || text.length > 1500) return null;
  for (const re of CREDIT_PATTERNS) {
    const m = re.exec(text);
    if (m && m[1]) return m[1].trim();
  }
  return null;
}

const NOT_A_NAME = /^(?:file(?: photo| picture)?|handout|pool|photo|illustration|via .*|courtesy .*|staff|stringer|ap photo|reuters tv)$/i;
const NAME = /^[\p{Lu}][\p{L}'’.-]*(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|de|da|del|van|von|der|bin|al|el|le|la))*$/u;

/** The photographer named in a credit (a person), or null. */
export function extractPhotographer(credit: string): string | null {
  const body = credit.replace(/^\(|\)$/g, '').replace(/^(?:Photo(?:graph)?|Picture|Image|Credit|Photo credit)s?\s*:\s*/i, '');
  const segments = body.split(/\s*\/\s*|\s+(?:for|via)\s+/).map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? '';
    if (AGENCY.test(seg) || NOT_A_NAME.test(seg) || /\bPhoto$/.test(seg)) continue;
    const words = seg.split(/\s+/);
    if (words.length < 2 || words.length > 5 || !NAME.test(seg)) continue;
    const allCaps = seg === seg.toUpperCase();
    // A lone all-caps first segment is the agency (REUTERS, EPA-EFE); later all-caps segments are names.
    if (allCaps && i === 0 && segments.length > 1) continue;
    return allCaps ? seg.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()) : seg;
  }
  return null;
}
