// Fitting text into terminal cells: word wrap to a width, and a cap on the lines kept.

/** Wraps `text` at spaces to lines of at most `width` characters (longer words are cut); at most `max` lines, the last ending in "…" when cut. */
export function wrapText(text: string, width: number, max = Infinity): string[] {
  const w = Math.max(width, 8);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (rest.length > w) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(rest.slice(0, w));
        rest = rest.slice(w);
      }
      if (line === '') line = rest;
      else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  if (out.length > max) {
    const kept = out.slice(0, Math.max(max, 1));
    const last = kept[kept.length - 1]!;
    kept[kept.length - 1] = last.length >= w ? `${last.slice(0, w - 1)}…` : `${last}…`;
    return kept;
  }
  return out;
}

/** Wraps one line like wrapText but keeps its leading spaces, on every line it wraps to (a nested list stays nested). */
export function wrapIndented(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0].slice(0, Math.max(width - 8, 0));
  return wrapText(line.slice(indent.length), width - indent.length).map((l) => indent + l);
}

/** Pads or cuts `text` to exactly `width` characters. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width > 1 ? `${text.slice(0, width - 1)}…` : text.slice(0, width);
  return text.padEnd(width);
}
