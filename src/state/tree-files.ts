// The renderer's I/O: reading templates/, reading and writing a rendered tree (atomic writes,
// modes kept, passwords 0600), and the node:crypto key generator the pure renderer is handed.
import { generateKeyPair as generateKeyPairCb, generateKeyPairSync, createHash, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { opensshRsaPublicKey } from '../render/ssh-public-key.js';
import type { RenderedFile, SshKeyPair } from '../render/types.js';

/** The templates/ directory of this installation (next to src/ and dist/). */
export const TEMPLATES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** Name of the list of files the last render wrote into a directory (so a re-render can remove what it no longer renders). */
export const MANIFEST = '.osism-installer-files';

/** Every file under `dir` (default: the installation's templates/), by relative path with `/`. */
export function loadTemplates(dir: string = TEMPLATES_DIR): Record<string, string> {
  if (!existsSync(dir)) throw new Error(`the templates directory ${dir} does not exist (incomplete installation?)`);
  const out: Record<string, string> = {};
  for (const rel of walk(dir)) out[rel] = readFileSync(join(dir, ...rel.split('/')), 'utf8');
  return out;
}

/** Relative paths (with `/`) of the regular files under dir, sorted; symlinks are not followed. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) visit(p);
      else if (st.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  visit(dir);
  return out;
}

/** The file of a checked relative path (safePath) under `root` (resolved once): one concatenation, not join's normalising of 30,000 paths. */
function inTree(root: string, rel: string): string {
  return sep === '/' ? (root.endsWith('/') ? root + rel : `${root}/${rel}`) : join(root, ...rel.split('/'));
}

/** A rendered path checked to stay inside the tree. */
function safePath(path: string): string {
  const norm = posix.normalize(path);
  if (norm !== path || path.startsWith('/') || path === '..' || path.startsWith('../') || path.includes('\0')) {
    throw new Error(`rendered file "${path}" is not a plain relative path inside the tree`);
  }
  return path;
}

/** The files under `dir` (or only `paths` of them, when given; missing ones are skipped), with their modes. */
export function readTree(dir: string, paths?: readonly string[]): RenderedFile[] {
  if (!existsSync(dir)) return [];
  const list = paths ? [...new Set(paths)].sort() : walk(dir).filter((p) => p !== MANIFEST);
  const root = resolve(dir);
  const out: RenderedFile[] = [];
  for (const rel of list) {
    const p = inTree(root, safePath(rel));
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    out.push({ path: rel, content: readFileSync(p, 'utf8'), mode: st.mode & 0o777 });
  }
  return out;
}

/** The files the last render wrote into `dir`, with the digest of what was written (empty when none). */
export function readManifest(dir: string): Map<string, string> {
  const p = join(dir, MANIFEST);
  const out = new Map<string, string>();
  if (!existsSync(p)) return out;
  for (const line of readFileSync(p, 'utf8').split('\n')) if (MANIFEST_LINE.test(line)) out.set(line.slice(65), line.slice(0, 64));
  return out;
}

/** A manifest line: the sha256 (hex), one space, the path (a test and two slices: 30,000 lines are read per render). */
const MANIFEST_LINE = /^[0-9a-f]{64} [^\n\r\u2028\u2029]+$/;

/** sha256 of a text, hex. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The process's umask, read once (files created with a mode get mode & ~umask). */
let umaskBits: number | null = null;

/** The umask, or 0o777 where it cannot be read (then every mode is set explicitly). */
function currentUmask(): number {
  try {
    return process.umask();
  } catch {
    return 0o777;
  }
}

/**
 * Writes one file atomically (temporary file in the same directory with the final mode, then rename).
 * `madeDirs` remembers the directories already created in this write, so a tree of 30,000 files does
 * not ask for its few directories 30,000 times.
 */
function writeAtomic(path: string, content: string, mode: number, madeDirs: Set<string> = new Set()): void {
  const parent = dirname(path);
  if (!madeDirs.has(parent)) {
    mkdirSync(parent, { recursive: true, mode: 0o755 });
    madeDirs.add(parent);
  }
  const tmp = `${path}.tmp-${process.pid}`;
  // Created owner-only (O_EXCL), then given its final mode: a secret is never readable by others, even briefly.
  try {
    writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // left by a run of the same pid that died mid-write
    rmSync(tmp, { force: true });
    writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  }
  umaskBits ??= currentUmask();
  // 0600 under any usual umask is already right; other modes are set exactly.
  if (mode !== 0o600 || (0o600 & umaskBits) !== 0) chmodSync(tmp, mode);
  renameSync(tmp, path);
}

/** What writeTree did. */
export interface WriteResult {
  written: string[];
  unchanged: string[];
  /** Files of the previous render that this one no longer produces and that nobody edited: removed. */
  removed: string[];
  /** Files of the previous render that are no longer produced but were edited since: kept, for the operator to look at. */
  keptEdited: string[];
}

/**
 * Writes a rendered tree into `dir`: each file atomically with its mode (secrets never pass through
 * a readable mode), unchanged files untouched, files of the previous render that are no longer
 * rendered removed unless edited since. Files the render never wrote (e.g. Ceph keyrings the
 * engine put there) are never touched. `before`: the same files as readTree just returned them;
 * `previous`: the manifest as readManifest just returned it (read once, not twice).
 */
export function writeTree(
  dir: string,
  files: readonly RenderedFile[],
  opts: { before?: readonly RenderedFile[]; previous?: Map<string, string> } = {},
): WriteResult {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const previous = opts.previous ?? readManifest(dir);
  const root = resolve(dir);
  const result: WriteResult = { written: [], unchanged: [], removed: [], keptEdited: [] };
  const madeDirs = new Set<string>();
  // What the caller just read with readTree: files equal to it are not read a second time.
  const before = new Map((opts.before ?? []).map((f) => [f.path, f]));
  for (const f of files) {
    const target = inTree(root, safePath(f.path));
    const known = before.get(f.path);
    if (known && known.mode === f.mode && known.content === f.content) {
      result.unchanged.push(f.path);
      continue;
    }
    const st = lstatSync(target, { throwIfNoEntry: false });
    if (st) {
      if (st.isFile() && (st.mode & 0o777) === f.mode && readFileSync(target, 'utf8') === f.content) {
        result.unchanged.push(f.path);
        continue;
      }
      if (!st.isFile()) throw new Error(`${target} exists and is not a regular file; move it away to render here`);
    }
    writeAtomic(target, f.content, f.mode, madeDirs);
    result.written.push(f.path);
  }
  const now = new Set(files.map((f) => f.path));
  for (const [path, hash] of previous) {
    if (now.has(path)) continue;
    const target = inTree(root, safePath(path));
    if (!existsSync(target)) continue;
    if (digest(readFileSync(target, 'utf8')) === hash) {
      rmSync(target);
      result.removed.push(path);
    } else result.keptEdited.push(path);
  }
  const manifest = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${digest(f.content)} ${f.path}`);
  writeAtomic(join(dir, MANIFEST), `${manifest.join('\n')}\n`, 0o644);
  return result;
}

/** The OpenSSH public key of an RSA key object. */
function publicOpenssh(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new Error('the generated key has no RSA modulus');
  return opensshRsaPublicKey({ n: jwk.n, e: jwk.e });
}

/** One RSA 4096 key pair as kolla-genpwd makes it (PKCS#8 PEM private key, OpenSSH public key); about a second of CPU. */
export function rsaKeyPair(): SshKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 4096 });
  return { private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), public_key: publicOpenssh(publicKey) };
}

const generateKeyPairAsync = promisify(generateKeyPairCb);

/**
 * Generates `count` RSA 4096 pairs in parallel (libuv's thread pool) and returns a generator that
 * hands them out in order, for renderTree's `generateKeyPair`; past the pregenerated ones it
 * generates synchronously.
 */
export async function pregeneratedKeyPairs(count: number): Promise<() => SshKeyPair> {
  const pairs = await Promise.all(
    Array.from({ length: count }, async () => {
      const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 4096 });
      return { private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), public_key: publicOpenssh(publicKey) };
    }),
  );
  return () => pairs.shift() ?? rsaKeyPair();
}
