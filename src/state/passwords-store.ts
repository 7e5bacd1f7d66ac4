// The deployment's passwords.yml values, kept in its state dir (0600) so a re-render re-uses
// them: secrets are generated once (by the renderer, with node:crypto) and never regenerated.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';

/** The saved passwords, or null when none were saved yet. */
export function loadPasswords(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  const value = parse(readFileSync(path, 'utf8')) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${path} is not a mapping of password keys; move it aside to have new passwords generated`);
  }
  return value as Record<string, unknown>;
}

/** Writes the passwords atomically with mode 0600 (never world- or group-readable). */
export function savePasswords(path: string, passwords: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, stringify(passwords), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** Every secret value (strings and nested strings such as SSH private keys), for redaction. */
export function secretValues(passwords: Record<string, unknown> | null): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  if (passwords) walk(passwords);
  return out;
}
