import { badUserInput } from './errors.ts';

/** Largest page a client may ask for; more is refused rather than silently cut, so clients notice. */
export const MAX_PAGE_SIZE = 100;
/** Page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

/** The Relay connection arguments. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** A Relay connection over in-memory items, with the size of the whole list. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** How one list makes cursors and finds where a cursor falls in it. */
export interface CursorScheme<T> {
  /** Stored in each cursor so that a cursor of another list or order is refused instead of misread. */
  tag: string;
  keyOf(item: T, index: number): unknown;
  isKey(key: unknown): boolean;
  /** Index of the first item placed after the cursor (`inclusive`: at or after it). */
  locate(items: readonly T[], key: unknown, inclusive: boolean): number;
}

/**
 * Cursors that hold the sort key: the position is found again by binary search, so a page boundary stays
 * put when items before it are added or removed between requests (offsets would skip or repeat items).
 */
export function keysetCursors<T, K>(
  tag: string,
  keyOf: (item: T) => K,
  compare: (item: T, key: K) => number,
  isKey: (key: unknown) => key is K,
): CursorScheme<T> {
  return {
    tag,
    keyOf,
    isKey,
    locate(items, key, inclusive) {
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(items[mid]!, key as K);
        if (c > 0 || (inclusive && c === 0)) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** Offset cursors, for orders with no stable key (search relevance). */
export function offsetCursors<T>(tag: string): CursorScheme<T> {
  return {
    tag,
    keyOf: (_item, index) => index,
    isKey: (key) => Number.isSafeInteger(key) && (key as number) >= 0,
    locate: (items, key, inclusive) => Math.min(items.length, (key as number) + (inclusive ? 0 : 1)),
  };
}

/** Slices `items` (already filtered and sorted) by the Relay arguments, validating them precisely. */
export function paginate<T>(items: readonly T[], args: PageArgs, scheme: CursorScheme<T>): Page<T> {
  const first = checkSize('first', args.first);
  const last = checkSize('last', args.last);
  let start = args.after == null ? 0 : scheme.locate(items, readCursor('after', args.after, scheme), false);
  let end = args.before == null ? items.length : scheme.locate(items, readCursor('before', args.before, scheme), true);
  end = Math.max(start, end);
  if (first !== null) end = Math.min(end, start + first);
  if (last !== null) start = Math.max(start, end - last);
  if (first === null && last === null) end = Math.min(end, start + DEFAULT_PAGE_SIZE);
  const edges = items.slice(start, end).map((node, i) => ({ node, cursor: writeCursor(scheme.tag, scheme.keyOf(node, start + i)) }));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < items.length,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: items.length,
  };
}

function checkSize(name: 'first' | 'last', value: number | null | undefined): number | null {
  if (value == null) return null;
  if (value < 0) throw badUserInput(`\`${name}\` must not be negative, but got ${value}.`);
  if (value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${name}\` may be at most ${MAX_PAGE_SIZE}, but got ${value}: page with \`after\`/\`before\` instead.`);
  }
  return value;
}

function writeCursor(tag: string, key: unknown): string {
  return Buffer.from(JSON.stringify([tag, key])).toString('base64url');
}

function readCursor(name: 'after' | 'before', cursor: string, scheme: CursorScheme<unknown>): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput(`Invalid cursor in \`${name}\`: "${cursor}" is not a cursor this server issued.`);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || !scheme.isKey(parsed[1])) {
    throw badUserInput(`Invalid cursor in \`${name}\`: "${cursor}" is not a cursor this server issued.`);
  }
  if (parsed[0] !== scheme.tag) {
    throw badUserInput(`Invalid cursor in \`${name}\`: it was issued for "${parsed[0]}", not for "${scheme.tag}".`);
  }
  return parsed[1];
}
