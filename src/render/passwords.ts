// passwords.yml like kolla-genpwd (kolla-spec.md §4.4): every key of the release, existing values
// kept, only missing or empty ones generated from the caller's CSPRNG. Pure: randomness and the
// RSA key generator are handed in.
import type { Release } from '../types/spec.js';
import { CATALOG, serviceById } from '../catalog/index.js';
import { managerSecretKind, passwordClass, passwordKeys, RENDERER_SECRETS, SECRETS_NOT_GENERATED, sshKeyInUse } from './password-keys.js';
import type { SshKeyPair } from './types.js';
import { byteOrder, toYaml, type YamlValue } from './yaml-emit.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SALT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./';

/** A source of random bytes (crypto.randomBytes in production). */
export type RandomBytes = (n: number) => Uint8Array;

/** `length` characters from [A-Za-z0-9], uniform (bytes >= 248 are rejected, as 248 = 4 * 62). */
export function plainPassword(random: RandomBytes, length = 40): string {
  let out = '';
  while (out.length < length) {
    for (const b of random(length - out.length + 8)) {
      if (b < 248 && out.length < length) out += ALNUM[b % 62];
    }
  }
  return out;
}

/** A random UUID4 (RFC 4122 version and variant bits set). */
export function uuid4(random: RandomBytes): string {
  const b = Uint8Array.from(random(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * 32 lowercase hex characters from 16 random bytes: the format and entropy of kolla-genpwd's
 * HMAC-MD5 digest of a random UUID (an MD5 over random input adds nothing to 128 random bits).
 */
export function hmacMd5Hex(random: RandomBytes): string {
  return [...random(16)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** A Fernet key: 32 random bytes, URL-safe base64 with padding (44 characters), as Fernet.generate_key(). */
export function fernetKey(random: RandomBytes): string {
  return Buffer.from(random(32)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** A 22-character bcrypt salt from [A-Za-z0-9./] (64 symbols: one byte's low 6 bits each). */
export function bcryptSalt(random: RandomBytes): string {
  return [...random(22)].map((b) => SALT[b & 63]).join('');
}

/** Whether an existing value counts as set (kolla-genpwd regenerates only empty ones). */
function isSet(key: string, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (passwordClass(key) === 'ssh-key' && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    return Boolean(v.private_key) || Boolean(v.public_key);
  }
  return true;
}

/** Every key that belongs in manager-secrets.yml rather than passwords.yml (any service's, selected or not). */
export function allManagerSecretKeys(): Set<string> {
  return new Set([...CATALOG.flatMap((e) => e.ownSecrets ?? []), ...Object.values(RENDERER_SECRETS).flat()]);
}

/**
 * Which keys a render would generate (sorted): missing or empty ones of the release and of the selected
 * manager services; SSH key pairs only when a selected service uses them (sshKeyInUse).
 */
export function missingPasswordKeys(release: Release, services: readonly string[], existing: Record<string, unknown> | null): string[] {
  const wanted = [...passwordKeys(release), ...managerSecretKeys(services)];
  return wanted
    .filter((k) => passwordClass(k) !== 'null' && !isSet(k, existing?.[k]))
    .filter((k) => passwordClass(k) !== 'ssh-key' || sshKeyInUse(k, services))
    .sort(byteOrder);
}

/** The secrets of the selected services kolla does not deploy (catalog ownSecrets + the renderer's own), sorted. */
export function managerSecretKeys(services: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const id of services) {
    for (const k of serviceById(id)?.ownSecrets ?? []) if (!(k in SECRETS_NOT_GENERATED)) keys.add(k);
    for (const k of RENDERER_SECRETS[id] ?? []) keys.add(k);
  }
  return [...keys].sort(byteOrder);
}

/** The complete passwords: existing values kept (also unknown keys), missing ones generated in sorted key order. */
export function completePasswords(input: {
  release: Release;
  services: readonly string[];
  existing: Record<string, unknown> | null;
  randomBytes: RandomBytes;
  generateKeyPair?: (() => SshKeyPair) | undefined;
}): { passwords: Record<string, unknown>; added: string[] } {
  const existing = input.existing ?? {};
  const missing = missingPasswordKeys(input.release, input.services, existing);
  const manager = new Set(managerSecretKeys(input.services));
  const needKeys = missing.filter((k) => passwordClass(k) === 'ssh-key');
  if (needKeys.length > 0 && !input.generateKeyPair) {
    throw new Error(`passwords.yml needs new SSH key pairs (${needKeys.join(', ')}) but the renderer was given no key generator`);
  }
  const out: Record<string, unknown> = { ...existing };
  for (const key of passwordKeys(input.release)) {
    if (passwordClass(key) === 'null' && !(key in out)) out[key] = null;
    // A pair no chosen service uses: kolla-genpwd's missing form (explicit nulls pass kolla's empty-password precheck).
    if (passwordClass(key) === 'ssh-key' && !isSet(key, out[key]) && !sshKeyInUse(key, input.services))
      out[key] = { private_key: null, public_key: null };
  }
  for (const key of missing) {
    if (manager.has(key)) {
      const how = managerSecretKind(key);
      out[key] = how.kind === 'uuid' ? uuid4(input.randomBytes) : plainPassword(input.randomBytes, how.length);
      continue;
    }
    switch (passwordClass(key)) {
      case 'ssh-key': {
        const pair = input.generateKeyPair!();
        out[key] = { private_key: pair.private_key, public_key: pair.public_key };
        break;
      }
      case 'uuid':
        out[key] = uuid4(input.randomBytes);
        break;
      case 'hmac-md5':
        out[key] = hmacMd5Hex(input.randomBytes);
        break;
      case 'fernet':
        out[key] = fernetKey(input.randomBytes);
        break;
      case 'bcrypt-salt':
        out[key] = bcryptSalt(input.randomBytes);
        break;
      default:
        out[key] = plainPassword(input.randomBytes, 40);
    }
  }
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(out).sort(byteOrder)) sorted[key] = out[key];
  return { passwords: sorted, added: missing };
}

/** Any parsed YAML value as something the writer can emit (unknown shapes become strings). */
function asYaml(value: unknown): YamlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(asYaml);
  if (typeof value === 'object') {
    const out: Record<string, YamlValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = asYaml(v);
    return out;
  }
  return String(value);
}

/** The YAML text of some keys of the passwords (sorted), after a header. */
function yamlOf(passwords: Record<string, unknown>, keep: (key: string) => boolean, header: string): string {
  const picked: Record<string, YamlValue> = {};
  for (const key of Object.keys(passwords).sort(byteOrder)) if (keep(key)) picked[key] = asYaml(passwords[key]);
  return header + toYaml(picked);
}

/** passwords.yml: every key except the manager services' secrets (those are in manager-secrets.yml). */
export function passwordsYaml(passwords: Record<string, unknown>, managerKeys: ReadonlySet<string>): string {
  return yamlOf(
    passwords,
    (k) => !managerKeys.has(k),
    '# kolla passwords written by osism-installer (kolla-genpwd rules). Keep secret: mode 0600.\n' +
      '# Existing values are never regenerated; remove a key to have a new value generated.\n',
  );
}

/** manager-secrets.yml: the secrets of the manager services and Netdata (not kolla variables). */
export function managerSecretsYaml(passwords: Record<string, unknown>, managerKeys: ReadonlySet<string>): string {
  return yamlOf(
    passwords,
    (k) => managerKeys.has(k),
    '# Secrets of the services kolla does not deploy (manager compose services, Netdata), written by osism-installer.\n' +
      '# Keep secret: mode 0600. Existing values are never regenerated.\n',
  );
}
