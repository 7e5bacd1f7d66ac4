// /etc/os-release (os-release(5)): KEY=value lines, values in shell quoting (double quotes with
// backslash escapes, single quotes, or bare). Comments and blank lines are ignored; the file may
// lack a final newline.
import type { OsFacts } from '../../types/facts.js';
import { fail, ok, type Parsed } from './result.js';
import { cleanLine, lines } from './text.js';

/** What we keep from os-release. */
export interface OsRelease extends OsFacts {
  name: string | null;
  idLike: string[];
}

/** The value of one assignment, unquoted the way a POSIX shell would read it. */
function unquote(raw: string): string {
  let out = '';
  let i = 0;
  const s = raw.trim();
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length && '$"\\`'.includes(s[i + 1]!)) i++;
        out += s[i];
        i++;
      }
      i++;
    } else if (c === "'") {
      i++;
      while (i < s.length && s[i] !== "'") out += s[i++];
      i++;
    } else if (c === '\\' && i + 1 < s.length) {
      out += s[i + 1];
      i += 2;
    } else if (/\s/.test(c)) {
      break; // an unquoted space ends the word (anything after it is not part of the value)
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Reads an os-release file; fails when it holds no KEY=value line at all. */
export function parseOsRelease(text: string): Parsed<OsRelease> {
  const vars = new Map<string, string>();
  for (const line of lines(text)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) vars.set(m[1]!, cleanLine(unquote(m[2]!)));
  }
  if (vars.size === 0) return fail('no KEY=value lines');
  const name = vars.get('NAME') || null;
  const version = vars.get('VERSION') || '';
  // os-release(5): ID defaults to "linux", NAME to "Linux", PRETTY_NAME to "Linux".
  const id = (vars.get('ID') || 'linux').toLowerCase();
  const prettyName = vars.get('PRETTY_NAME') || [name ?? 'Linux', version].filter(Boolean).join(' ');
  return ok({
    id,
    versionId: vars.get('VERSION_ID') ?? '',
    prettyName,
    name,
    idLike: (vars.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
  });
}
