// Reading kolla's passwords.yml on the manager without its secrets reaching a log or the screen: the
// command's output is kept out of the phase log, the file is bounded, the YAML must be a mapping.
import { parse } from 'yaml';
import { shq } from '../../hosts/shell-quote.js';
import type { PhaseRun } from '../types.js';

/** passwords.yml larger than this is refused (kolla's has about 150 keys, a few SSH keys among them: ~60 KiB). */
export const MAX_PASSWORDS_BYTES = 1024 * 1024;

/** The manager's <configDir>/passwords.yml as a mapping, or null when there is none; a dry run reads nothing. */
export async function readRemotePasswords(run: PhaseRun, manager: string, configDir: string): Promise<Record<string, unknown> | null> {
  const file = `${configDir.replace(/\/+$/, '')}/passwords.yml`;
  const result = await run.exec(manager, `if [ -e ${shq(file)} ]; then echo present; head -c ${MAX_PASSWORDS_BYTES + 1} ${shq(file)}; fi`, {
    task: 'read passwords.yml (kept out of the log)',
    secretOutput: true,
  });
  if (run.recording) return null;
  if (result.code !== 0) throw new Error(`cannot read ${file} on ${manager}: exit ${result.code ?? result.signal}`);
  if (!result.stdout.startsWith('present\n')) return null;
  const text = result.stdout.slice('present\n'.length);
  if (Buffer.byteLength(text) > MAX_PASSWORDS_BYTES)
    throw new Error(`${file} on ${manager} is larger than ${MAX_PASSWORDS_BYTES} bytes; it is not kolla's passwords.yml`);
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    throw new Error(`${file} on ${manager} is not valid YAML; refusing to touch it (check or move it aside)`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${file} on ${manager} is not a mapping of password keys; refusing to touch it (check or move it aside)`);
  return value as Record<string, unknown>;
}
