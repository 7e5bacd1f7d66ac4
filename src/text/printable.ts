// The one sanitiser for every string that comes from a host (facts, command output, error
// messages, log lines, SSH banners): C0 and C1 control characters, DEL and the Unicode bidi and
// line-separator controls are shown visibly escaped (`\x1b`, `\x07`, `\u202e`), so a hostile host can
// neither drive the operator's terminal (retitle the window, clear the screen, move the cursor,
// overwrite a FAILED line with CR or backspaces) nor hide or reorder text, in a terminal or in a log.
// Our own colouring is the only escape sequence we print. Pure, imports nothing: the bottom layer,
// which every other layer may import.

/** Controls escaped in every mode (tab and newline are decided by the mode). */
const ALWAYS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const ONE_LINE = new RegExp(`[${ALWAYS}\\n]`, 'g');
const MULTILINE = new RegExp(`[${ALWAYS}]`, 'g');
const UNSAFE = new RegExp(`[${ALWAYS}\\n\\t]`);

/** How a string is made printable. */
export interface PrintableOptions {
  /** Keep line breaks (CRLF becomes LF; a lone CR is still escaped). Default: one line, `\n` escaped too. */
  multiline?: boolean;
  /** Cut to at most this many characters (after escaping), ending in `…`. */
  max?: number;
}

/** The visible escape of one control character: `\xNN` below U+0100, else `\uNNNN`. */
function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control character visibly escaped (tabs kept); see PrintableOptions. */
export function printable(text: string, options: PrintableOptions = {}): string {
  const s = options.multiline ? text.replace(/\r\n/g, '\n').replace(MULTILINE, escapeChar) : text.replace(ONE_LINE, escapeChar);
  return options.max !== undefined && s.length > options.max ? `${s.slice(0, Math.max(0, options.max - 1))}…` : s;
}

/** Whether a string holds anything printable() would escape (a tab or newline included). */
export function hasControls(text: string): boolean {
  return UNSAFE.test(text);
}

/** A copy of a JSON-like value with every string made printable (multiline): events before they are shown. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value, { multiline: true }) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}

/**
 * JSON text that is safe on a terminal and loses nothing: JSON.stringify already writes C0 controls
 * as `\u001b`; DEL, C1 and the bidi and line-separator controls are written as `\uNNNN` escapes too.
 */
export function printableJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(
    /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
