// Shared pieces of the renderer tests: a seeded byte source, stand-in key pairs, the real
// templates, and an INI inventory reader written independently of the renderer.
import { createHash } from 'node:crypto';
import { renderTree, type RenderInput, type RenderResult, type SshKeyPair } from '../../../src/render/index.js';
import { loadTemplates } from '../../../src/state/tree-files.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Release, Spec } from '../../../src/types/spec.js';
import { kollaFile } from '../../helpers/kolla-source.js';
import { kollaVariables } from '../catalog/reference.js';

/** A deterministic byte source: SHA-256 in counter mode over a seed (tests only; production passes crypto.randomBytes). */
export function seededBytes(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) pool = Buffer.concat([pool, createHash('sha256').update(`${seed}:${counter++}`).digest()]);
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return new Uint8Array(out);
  };
}

/** Stand-in SSH key pairs, numbered, for tests that do not check the key format (that test uses real RSA keys). */
export function numberedKeyPairs(prefix = 'key'): () => SshKeyPair {
  let i = 0;
  return () => {
    i++;
    return { private_key: `-----BEGIN PRIVATE KEY-----\n${prefix}-${i}\n-----END PRIVATE KEY-----\n`, public_key: `ssh-rsa ${prefix}${i}` };
  };
}

let templatesCache: Record<string, string> | null = null;
/** The installer's real templates/ directory. */
export function templates(): Record<string, string> {
  templatesCache ??= loadTemplates();
  return templatesCache;
}

/** renderTree with the real templates, a seeded byte source and stand-in keys unless given. */
export function render(spec: Spec, over: Partial<RenderInput> & { facts?: Record<string, Facts> } = {}): RenderResult {
  return renderTree({
    spec,
    facts: {},
    passwords: null,
    templates: templates(),
    randomBytes: seededBytes('test'),
    generateKeyPair: numberedKeyPairs(),
    ...over,
  });
}

/** A file's content from a render (throws when it is missing, so a test fails loudly). */
export function file(result: RenderResult, path: string): string {
  const f = result.files.find((x) => x.path === path);
  if (!f) throw new Error(`the render has no ${path}; it has ${result.files.map((x) => x.path).join(', ')}`);
  return f.content;
}

/** An INI inventory as Ansible reads it: hosts per group and children per group (comments, host vars ignored). */
export interface Ini {
  hosts: Map<string, string[]>;
  children: Map<string, string[]>;
}

/** Reads an INI inventory text. */
export function readIni(text: string): Ini {
  const hosts = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  let group: string | null = null;
  let isChildren = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[([^\]:]+)(:children)?\]$/.exec(line);
    if (head) {
      group = head[1]!;
      isChildren = head[2] !== undefined;
      if (isChildren) children.set(group, children.get(group) ?? []);
      else hosts.set(group, hosts.get(group) ?? []);
      continue;
    }
    if (!group) continue;
    const name = line.split(/\s+/)[0]!;
    (isChildren ? children : hosts).get(group)!.push(name);
  }
  return { hosts, children };
}

/** Every group an INI inventory names (with hosts or children). */
export function groupNames(ini: Ini): Set<string> {
  return new Set([...ini.hosts.keys(), ...ini.children.keys()]);
}

/** The hosts a group resolves to through its children. */
export function resolveGroup(ini: Ini, group: string, seen = new Set<string>()): Set<string> {
  if (seen.has(group)) return new Set();
  seen.add(group);
  const out = new Set(ini.hosts.get(group) ?? []);
  for (const child of ini.children.get(group) ?? []) for (const h of resolveGroup(ini, child, seen)) out.add(h);
  return out;
}

/** The release's own kolla multinode inventory (its source tarball in ../shared, read in place). */
export function referenceMultinode(release: Release): Ini {
  return readIni(kollaFile(release, 'ansible/inventory/multinode'));
}

/** Every name a globals.yml of the release may set (globals.yml, group_vars, role defaults). */
export function referenceVariables(release: Release): Set<string> {
  return kollaVariables(release);
}

/** The top-level keys of the release's own passwords.yml. */
export function referencePasswordKeys(release: Release): string[] {
  return kollaFile(release, 'etc/kolla/passwords.yml')
    .split('\n')
    .map((l) => /^([a-z0-9_]+):/.exec(l)?.[1])
    .filter((k): k is string => k !== undefined);
}
