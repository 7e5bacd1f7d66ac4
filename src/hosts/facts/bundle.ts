// The bundle format (DESIGN §3.2): sections opened by a line `@@@ <name>`; text before the first
// header is ignored. Inside a section, lines `@@@! <text>` are notes from the scan script (tool
// not installed, needs root, exit status); they are not part of the command's output.
import { lines } from '../parsers/text.js';

/** A bundle read into sections, with what was odd about it. */
export interface BundleSections {
  /** Section name (lowercased) -> raw body, notes included; the first of duplicates wins. */
  sections: Map<string, string>;
  /** Section names that appeared more than once. */
  duplicates: string[];
  /** Non-blank text before the first header (a banner, or not a bundle at all). */
  preamble: boolean;
  /** The scan script's closing `@@@ end` header was seen (a bundle cut short lacks it). */
  complete: boolean;
}

const HEADER = /^@@@[ \t]+([A-Za-z0-9][A-Za-z0-9_.-]*)/;

/** Reads a bundle into sections and reports duplicates, a preamble and whether it is complete. */
export function readBundle(text: string): BundleSections {
  const sections = new Map<string, string>();
  const duplicates: string[] = [];
  let preamble = false;
  let complete = false;
  let name: string | null = null;
  let body: string[] = [];
  const close = (): void => {
    if (name === null) return;
    if (sections.has(name)) duplicates.push(name);
    else sections.set(name, body.join('\n'));
  };
  for (const line of lines(text)) {
    const m = HEADER.exec(line);
    if (m) {
      close();
      name = m[1]!.toLowerCase();
      body = [];
      if (name === 'end') complete = true;
    } else if (name === null) {
      if (line.trim() !== '') preamble = true;
    } else {
      body.push(line);
    }
  }
  close();
  return { sections, duplicates: [...new Set(duplicates)], preamble, complete };
}

/** Section name -> raw body (notes included) of a bundle; the first of duplicated sections wins. */
export function splitBundle(text: string): Map<string, string> {
  return readBundle(text).sections;
}

/** A section body split into the command's output and the script's `@@@!` notes. */
export function splitNotes(body: string): { data: string; notes: string[] } {
  const data: string[] = [];
  const notes: string[] = [];
  for (const line of lines(body)) {
    if (line.startsWith('@@@!')) notes.push(line.slice(4).trim());
    else data.push(line);
  }
  return { data: data.join('\n'), notes };
}
