/**
 * Bytes → text for seed files. Articles scraped from the web arrive as UTF-8, UTF-8 with a BOM,
 * UTF-16 from Windows editors, or legacy Latin-1/windows-1252; anything else is reported, never thrown.
 */
import type { Diagnostic } from '../core/types.ts';

/** What `decodeText` makes of a file's bytes: `text` is null when the file holds no text at all. */
export interface DecodedText {
  text: string | null;
  /** WHATWG encoding label actually used: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, or `binary`. */
  encoding: string;
  diagnostics: Diagnostic[];
}

/** How much of the file the binary sniff looks at: enough to catch images, PDFs and archives. */
const SNIFF_CHARS = 8192;
/** Share of control characters above which text is treated as binary (real prose has ~0). */
const MAX_CONTROL_SHARE = 0.1;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
/**
 * windows-1252 bytes 0x80–0x9F (WHATWG index). Not `new TextDecoder('windows-1252')`: since Node
 * 20.18.3/22.13.0 it decodes as ISO-8859-1, turning smart quotes into C1 controls (nodejs/node#60888).
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Decodes windows-1252: Latin-1 everywhere except the 0x80–0x9F block. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Decodes a seed file's bytes, detecting BOMs, falling back to windows-1252 for invalid UTF-8. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodeByBom(bytes) ?? decodeUtf8OrLegacy(bytes);
  const binaryReason = sniffBinary(decoded.text);
  if (binaryReason !== null) {
    return {
      text: null,
      encoding: 'binary',
      diagnostics: [diag('BINARY_FILE', 'ERROR', `The file looks binary (${binaryReason}), so it was not read as an article.`)],
    };
  }
  if (decoded.text.trim() === '') {
    const what = bytes.length === 0 ? 'The file is empty' : 'The file holds only whitespace';
    return { text: null, encoding: decoded.encoding, diagnostics: [diag('EMPTY_FILE', 'ERROR', `${what}; there is no article to read.`)] };
  }
  return decoded;
}

interface Decoded extends DecodedText {
  text: string;
}

/** A BOM is the only reliable sign of UTF-16: without one, NUL-heavy bytes are treated as binary. */
function decodeByBom(bytes: Uint8Array): Decoded | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8OrLegacy(bytes.subarray(3), 3);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le', diagnostics: [] };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swap to LE rather than rely on a `utf-16be` decoder, which small-ICU Node builds may lack.
    const body = bytes.subarray(2);
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1]!;
      swapped[i + 1] = body[i]!;
    }
    return { text: utf16le.decode(swapped), encoding: 'utf-16be', diagnostics: [] };
  }
  return null;
}

function decodeUtf8OrLegacy(bytes: Uint8Array, offsetBase = 0): Decoded {
  try {
    return { text: utf8Fatal.decode(bytes), encoding: 'utf-8', diagnostics: [] };
  } catch {
    const at = firstInvalidUtf8Offset(bytes) + offsetBase;
    return {
      text: decodeWindows1252(bytes),
      encoding: 'windows-1252',
      diagnostics: [
        diag('NOT_UTF8', 'WARNING', `The file is not valid UTF-8 (first invalid byte at offset ${at}); it was decoded as windows-1252.`),
      ],
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (overlongs, surrogates, > U+10FFFF), or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Returns why the text looks binary, or null. Runs on decoded text so UTF-16 NUL high bytes don't count. */
function sniffBinary(text: string): string | null {
  const n = Math.min(text.length, SNIFF_CHARS);
  let control = 0;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0) return `NUL character at position ${i}`;
    // Tab, LF, VT, FF, CR are layout; everything else below 0x20 (and DEL) is not prose.
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f) control += 1;
  }
  if (n > 0 && control / n > MAX_CONTROL_SHARE) {
    return `${control} control characters in the first ${n}`;
  }
  return null;
}

function diag(code: string, severity: Diagnostic['severity'], message: string): Diagnostic {
  return { code, severity, message, line: null };
}
