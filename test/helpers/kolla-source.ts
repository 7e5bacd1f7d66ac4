// The files of a release's upstream kolla-ansible source, read in place from its tarball in
// ../shared/reference/kolla-ansible/src (never unpacked into the project): a small reader for the
// ustar/pax archives `git archive` writes, cached per test process.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sharedPath } from './shared.js';

/** The tarball refs per release (SOURCE.md next to the tarballs). */
export const KOLLA_SOURCE_REFS = {
  '2023.2': '2023.2-eol',
  '2025.1': 'stable-2025.1',
  '2025.2': 'stable-2025.2',
  '2026.1': 'stable-2026.1',
} as const;

/** A release whose source is there. */
export type SourceRelease = keyof typeof KOLLA_SOURCE_REFS;

/** Regular files of a tar archive: path -> bytes (pax `path` records and the ustar prefix honoured; links and directories left out). */
export function readTar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  let paxPath: string | null = null;
  const str = (start: number, len: number) => {
    const raw = tar.subarray(start, start + len);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? len : end).toString('utf8');
  };
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(str(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!) || '0';
    const prefix = str(offset + 345, 155);
    const name = prefix ? `${prefix}/${str(offset, 100)}` : str(offset, 100);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'x') {
      // pax extended header for the next entry: records "LEN key=value\n"
      for (const m of body.toString('utf8').matchAll(/\d+ ([^=]+)=([^\n]*)\n/g)) if (m[1] === 'path') paxPath = m[2]!;
    } else if (type !== 'g') {
      if (type === '0' || type === '\0') files.set(paxPath ?? name, Buffer.from(body));
      paxPath = null;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const cache = new Map<SourceRelease, Map<string, Buffer>>();

/** Every regular file of the release's kolla-ansible tarball. */
export function kollaSource(release: SourceRelease): Map<string, Buffer> {
  let files = cache.get(release);
  if (!files) {
    const path = sharedPath('reference', 'kolla-ansible', 'src', `kolla-ansible-${KOLLA_SOURCE_REFS[release]}.tar.gz`);
    files = readTar(gunzipSync(readFileSync(path)));
    cache.set(release, files);
  }
  return files;
}

/** One file of the release's source as text; throws naming the release when it is not there. */
export function kollaFile(release: SourceRelease, path: string): string {
  const f = kollaSource(release).get(path);
  if (!f) throw new Error(`kolla-ansible ${release} (${KOLLA_SOURCE_REFS[release]}) has no ${path}`);
  return f.toString('utf8');
}

/** The paths of the release's source matching a regular expression, sorted. */
export function kollaPaths(release: SourceRelease, pattern: RegExp): string[] {
  return [...kollaSource(release).keys()].filter((p) => pattern.test(p)).sort();
}
