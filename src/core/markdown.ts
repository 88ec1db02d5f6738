/**
 * Markdown articles → the same layout as plain text: YAML front matter (title, date, author, tags),
 * headings as section headings, paragraphs, block quotes and list items as paragraphs; code, HTML and
 * images are not prose and are left out. Parsed with mdast-util-from-markdown, front matter with yaml.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from './types.ts';
import { splitDateline, type Layout, type LayoutParagraph, type LayoutSection } from './layout.ts';
import { squashSpace } from './ids.ts';

/** True for a path the Markdown reader handles. */
export function isMarkdownPath(sourcePath: string): boolean {
  return /\.(?:md|markdown)$/i.test(sourcePath);
}

interface FrontMatter { title: string | null; byline: string | null; publishedAt: string | null; tags: string[] }

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? squashSpace(v) : typeof v === 'number' ? String(v) : null);

/** Reads the front matter fields we know; a field of the wrong shape becomes a diagnostic, never an exception. */
function readFrontMatter(yamlText: string, line: number, diagnostics: Diagnostic[]): FrontMatter {
  const out: FrontMatter = { title: null, byline: null, publishedAt: null, tags: [] };
  let data: unknown;
  try {
    data = parseYaml(yamlText, { maxAliasCount: 50 });
  } catch (e) {
    diagnostics.push({ code: 'FRONT_MATTER_INVALID', severity: 'WARNING', line,
      message: `The YAML front matter could not be read and was ignored: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` });
    return out;
  }
  if (data === null || data === undefined) return out;
  if (typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push({ code: 'FRONT_MATTER_INVALID', severity: 'WARNING', line, message: 'The front matter is not a set of key: value fields and was ignored.' });
    return out;
  }
  const fm = data as Record<string, unknown>;
  out.title = text(fm.title);
  const author = fm.author ?? fm.authors;
  out.byline = Array.isArray(author) ? author.map(text).filter((a): a is string => a !== null).join(', ') || null : text(author);
  const date = fm.date ?? fm.published ?? fm.publishedAt;
  if (date !== undefined && date !== null) {
    const parsed = date instanceof Date ? date : new Date(String(date));
    if (Number.isNaN(parsed.getTime())) {
      diagnostics.push({ code: 'FRONT_MATTER_DATE_INVALID', severity: 'WARNING', line, message: `The front matter date "${String(date)}" is not a date; publishedAt is left empty.` });
    } else out.publishedAt = parsed.toISOString();
  }
  const tags = fm.tags ?? fm.keywords;
  out.tags = (Array.isArray(tags) ? tags.map(text) : typeof tags === 'string' ? tags.split(',').map(text) : [])
    .filter((t): t is string => t !== null && t.length <= 80).slice(0, 50);
  return out;
}

/** The prose blocks of a node: paragraphs, with block quotes and lists opened up. */
function prose(node: RootContent, into: LayoutParagraph[]): void {
  const line = node.position?.start.line ?? 1;
  if (node.type === 'paragraph') {
    // A paragraph that is only an image (or images) carries no words.
    const words = squashSpace(toString(node, { includeImageAlt: false }));
    if (words) into.push({ text: words, line });
  } else if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
    for (const child of node.children) prose(child as RootContent, into);
  }
}

/** Parses a Markdown article into its layout, or null (with a diagnostic) when there is no article. */
export function parseMarkdownLayout(raw: string): { layout: Layout | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const source = String(raw ?? '').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let tree: Root;
  try {
    tree = fromMarkdown(source, { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  } catch (e) {
    diagnostics.push({ code: 'MARKDOWN_UNREADABLE', severity: 'ERROR', line: null, message: `The Markdown could not be parsed: ${e instanceof Error ? e.message : String(e)}` });
    return { layout: null, diagnostics };
  }
  let fm: FrontMatter = { title: null, byline: null, publishedAt: null, tags: [] };
  const sections: LayoutSection[] = [];
  let current: LayoutSection | null = null;
  let title = '';
  for (const node of tree.children) {
    if (node.type === 'yaml') { fm = readFrontMatter(node.value, node.position?.start.line ?? 1, diagnostics); continue; }
    if (node.type === 'heading') {
      const heading = squashSpace(toString(node as Nodes));
      if (!heading) continue;
      // The first top-level heading is the headline unless the front matter already gave one.
      if (!title && !fm.title && node.depth === 1 && sections.length === 0) { title = heading; continue; }
      if (fm.title && !title && node.depth === 1 && heading === fm.title) continue;
      current = { heading, paragraphs: [] };
      sections.push(current);
      continue;
    }
    const paragraphs: LayoutParagraph[] = [];
    prose(node, paragraphs);
    if (!paragraphs.length) continue;
    if (!current) { current = { heading: null, paragraphs: [] }; sections.push(current); }
    current.paragraphs.push(...paragraphs);
  }
  title = fm.title ?? title;
  const nonEmpty = sections.filter((s) => s.paragraphs.length || s.heading);
  if (!title) {
    // No headline anywhere: the first paragraph's opening words stand in, as for plain text.
    const first = nonEmpty.find((s) => s.paragraphs.length)?.paragraphs[0];
    if (!first) {
      diagnostics.push({ code: 'EMPTY_CONTENT', severity: 'ERROR', line: null, message: 'The Markdown file holds no article text (no title and no paragraphs).' });
      return { layout: null, diagnostics };
    }
    title = first.text.length > 120 ? first.text.slice(0, 120).replace(/\s+\S*$/, '') + '…' : first.text;
    diagnostics.push({ code: 'TITLE_GUESSED', severity: 'WARNING', line: first.line, message: 'The Markdown file has no title in its front matter and no top-level heading; the title was taken from its first paragraph.' });
  }
  let dateline: string | null = null;
  const lead = nonEmpty[0]?.paragraphs[0];
  const split = lead ? splitDateline(lead.text) : null;
  if (lead && split && nonEmpty[0]) { dateline = split.dateline; nonEmpty[0].paragraphs[0] = { ...lead, text: split.rest }; }
  return {
    layout: { title, caption: null, credit: null, sections: nonEmpty, removed: [], byline: fm.byline, dateline, publishedAt: fm.publishedAt, tags: fm.tags },
    diagnostics,
  };
}
