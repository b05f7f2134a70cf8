import { z } from 'zod';
import type { HealingSummary } from '../workflow/healingStore.ts';
import { InvalidPageTokenError } from './operateErrors.ts';

/**
 * Paging over HealingStore.list, newest first. The token is the position of the last healing handed out
 * (createdAt, id), base64url-encoded JSON: opaque to callers, and unlike an offset it does not shift when a new
 * healing is created between two pages.
 */

const Cursor = z.object({ c: z.string().min(1).max(64), i: z.string().min(1).max(256) });
type Cursor = z.infer<typeof Cursor>;

/** Newest first; ties (same millisecond) by id, so the order is total and a cursor names one place in it. */
export function compareNewestFirst(a: HealingSummary, b: HealingSummary): number {
  return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

export function encodePageToken(last: HealingSummary): string {
  const cursor: Cursor = { c: last.createdAt, i: last.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodePageToken(token: string): Cursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidPageTokenError('the page token is not one this service handed out', { cause: error });
  }
}

/** One page of `sorted` (already in compareNewestFirst order) after the token's position. */
export function pageOf(
  sorted: readonly HealingSummary[],
  page: { size: number; token: string | null },
): { healings: HealingSummary[]; nextToken: string | null } {
  let start = 0;
  if (page.token !== null) {
    const cursor = decodePageToken(page.token);
    const after = { createdAt: cursor.c, id: cursor.i } as HealingSummary;
    start = sorted.findIndex((s) => compareNewestFirst(after, s) < 0);
    if (start < 0) start = sorted.length;
  }
  const healings = sorted.slice(start, start + page.size);
  const last = healings.at(-1);
  const more = start + page.size < sorted.length;
  return { healings, nextToken: more && last ? encodePageToken(last) : null };
}
