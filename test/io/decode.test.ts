import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8Offset } from '../../src/io/decode.ts';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('decodeText', () => {
  describe('UTF-8', () => {
    it('should decode valid UTF-8 as is', () => {
      const r = decodeText(bytes('Café — “quoted” ✓'));
      expect(r).toEqual({ text: 'Café — “quoted” ✓', encoding: 'utf-8', diagnostics: [] });
    });

    it('should strip a UTF-8 BOM', () => {
      const r = decodeText(bytes([0xef, 0xbb, 0xbf], 'Title\n\nBody'));
      expect(r.text).toBe('Title\n\nBody');
      expect(r.encoding).toBe('utf-8');
      expect(r.diagnostics).toEqual([]);
    });
  });

  describe('UTF-16', () => {
    it('should decode UTF-16LE with a BOM', () => {
      const r = decodeText(Uint8Array.from([0xff, 0xfe, ...Buffer.from('Héllo\nworld', 'utf16le')]));
      expect(r).toEqual({ text: 'Héllo\nworld', encoding: 'utf-16le', diagnostics: [] });
    });

    it('should decode UTF-16BE with a BOM', () => {
      const le = Buffer.from('Big £ end', 'utf16le');
      const be = Buffer.from(le).swap16();
      const r = decodeText(Uint8Array.from([0xfe, 0xff, ...be]));
      expect(r).toEqual({ text: 'Big £ end', encoding: 'utf-16be', diagnostics: [] });
    });
  });

  describe('legacy fallback', () => {
    it('should decode Latin-1 0xA3 as £ with a NOT_UTF8 warning naming the offset', () => {
      const r = decodeText(bytes('Price: ', [0xa3], '5'));
      expect(r.text).toBe('Price: £5');
      expect(r.encoding).toBe('windows-1252');
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]).toMatchObject({ code: 'NOT_UTF8', severity: 'WARNING', line: null });
      expect(r.diagnostics[0]!.message).toContain('windows-1252');
      expect(r.diagnostics[0]!.message).toContain('offset 7');
    });

    it('should decode windows-1252 curly quotes', () => {
      expect(decodeText(bytes([0x93], 'hi', [0x94], ' ', [0x80], '5')).text).toBe('“hi” €5');
    });

    it('should find the first invalid UTF-8 sequence, including overlongs and surrogates', () => {
      expect(firstInvalidUtf8Offset(bytes('ok ✓'))).toBe(-1);
      expect(firstInvalidUtf8Offset(bytes('ab', [0xc0, 0xaf]))).toBe(2);
      expect(firstInvalidUtf8Offset(bytes('a', [0xed, 0xa0, 0x80]))).toBe(1);
      expect(firstInvalidUtf8Offset(bytes('abc', [0xe2, 0x82]))).toBe(3);
    });
  });

  describe('no text', () => {
    it('should report an empty file as EMPTY_FILE', () => {
      const r = decodeText(new Uint8Array());
      expect(r.text).toBeNull();
      expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'EMPTY_FILE', severity: 'ERROR' })]);
    });

    it('should report a whitespace-only file as EMPTY_FILE', () => {
      const r = decodeText(bytes(' \n\t\r\n  '));
      expect(r.text).toBeNull();
      expect(r.diagnostics.map((d) => d.code)).toEqual(['EMPTY_FILE']);
    });

    it('should report NUL bytes as BINARY_FILE without a NOT_UTF8 warning', () => {
      const r = decodeText(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'));
      expect(r.text).toBeNull();
      expect(r.encoding).toBe('binary');
      expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'BINARY_FILE', severity: 'ERROR' })]);
    });

    it('should report a high share of control characters as BINARY_FILE', () => {
      const r = decodeText(bytes('ab', [1, 2, 3, 4, 5, 6], 'cd'));
      expect(r.diagnostics.map((d) => d.code)).toEqual(['BINARY_FILE']);
    });
  });
});
