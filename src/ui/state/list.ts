// Cursor movement and scrolling for lists: the cursor stays inside the list, the visible window
// follows it, and nothing depends on how the list is drawn.
import { isDown, isUp, type Key } from '../keys/key.js';

/** Clamps a cursor to a list of `length` items (0 for an empty list). */
export function clampCursor(cursor: number, length: number): number {
  if (length <= 0) return 0;
  return Math.min(Math.max(cursor, 0), length - 1);
}

/** The cursor after a movement key (arrows, j/k, PgUp/PgDn, Home/End), or null when the key does not move. */
export function moveCursor(cursor: number, length: number, k: Key, page = 10): number | null {
  if (isUp(k)) return clampCursor(cursor - 1, length);
  if (isDown(k)) return clampCursor(cursor + 1, length);
  if (k.pageUp) return clampCursor(cursor - page, length);
  if (k.pageDown) return clampCursor(cursor + page, length);
  if (k.home) return 0;
  if (k.end) return clampCursor(length - 1, length);
  return null;
}

/** First index to show so that `cursor` is visible in a window of `height` rows over `length` items. */
export function windowStart(cursor: number, length: number, height: number): number {
  if (height <= 0 || length <= height) return 0;
  const half = Math.floor(height / 2);
  return Math.min(Math.max(cursor - half, 0), length - height);
}
