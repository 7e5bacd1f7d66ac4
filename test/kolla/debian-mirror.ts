// The Debian mirror this machine's apt uses (so a trixie root comes from the same place the tests'
// other Debian packages come from): read from /etc/apt/sources.list and sources.list.d (one-line
// and deb822 formats); $OSISM_DEBIAN_MIRROR overrides.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `deb` source: its URI and suites. */
interface Source {
  uri: string;
  suites: string[];
}

/** The `deb` entries of a one-line sources.list text. */
export function parseSourcesList(text: string): Source[] {
  const out: Source[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (m) out.push({ uri: m[1]!, suites: [m[2]!] });
  }
  return out;
}

/** The `Types: deb` stanzas of a deb822 .sources text. */
export function parseDeb822(text: string): Source[] {
  const out: Source[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    }
    if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
    if ((fields.get('enabled') ?? 'yes').toLowerCase() === 'no') continue;
    const suites = (fields.get('suites') ?? '').split(/\s+/).filter(Boolean);
    for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean)) out.push({ uri, suites });
  }
  return out;
}

/** The main Debian archive among the sources: a URI serving a plain release suite (not -security, -updates, -backports). */
export function pickMirror(sources: readonly Source[]): string | null {
  const plain = /^(bookworm|trixie|forky|sid|stable|testing|unstable|oldstable)$/;
  const hit = sources.find((s) => s.suites.some((suite) => plain.test(suite)) && !/security/.test(s.uri));
  return hit ? hit.uri.replace(/\/+$/, '') : null;
}

/** The Debian mirror URI for debootstrap; throws naming the files read when none is found. */
export function debianMirror(etc = '/etc/apt'): string {
  if (process.env.OSISM_DEBIAN_MIRROR) return process.env.OSISM_DEBIAN_MIRROR;
  const sources: Source[] = [];
  const list = join(etc, 'sources.list');
  if (existsSync(list)) sources.push(...parseSourcesList(readFileSync(list, 'utf8')));
  const dir = join(etc, 'sources.list.d');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (f.endsWith('.sources')) sources.push(...parseDeb822(text));
      else if (f.endsWith('.list')) sources.push(...parseSourcesList(text));
    }
  }
  const mirror = pickMirror(sources);
  if (!mirror)
    throw new Error(`no Debian archive found in ${list} or ${dir}/*.{list,sources}; set OSISM_DEBIAN_MIRROR to a Debian mirror URI`);
  return mirror;
}
