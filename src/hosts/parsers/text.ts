// Small helpers shared by the text parsers: cleaning untrusted strings and reading numbers.
import { printable } from '../../text/printable.js';

/**
 * One-line string from a host: tabs and newlines become spaces, other control characters (they could
 * drive a terminal or hide text when facts are displayed) are visibly escaped, so they never leave a
 * parser raw; trimmed.
 */
export function cleanLine(value: string): string {
  return printable(value.replace(/[\t\n]/g, ' ')).trim();
}

/** Like cleanLine, but empty (or whitespace-only) becomes null. */
export function cleanOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = cleanLine(value);
  return s === '' ? null : s;
}

/** Lines of a text with CRLF/CR line ends normalised. */
export function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** A non-negative integer from a decimal string or a number; null for anything else. */
export function toInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/** Number of CPUs in a kernel CPU list such as `0-3,8,10-11`; null when it is not one. */
export function countCpuList(list: string): number | null {
  const s = list.trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(s)) return null;
  let n = 0;
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    n += b === undefined ? 1 : b! >= a! ? b! - a! + 1 : 0;
  }
  return n;
}
