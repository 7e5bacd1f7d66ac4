// After a day-2 run that changed the hosts or the release succeeded (remove-node, upgrade, or the resume
// that finished it): the preset the operator named is rewritten to match the cloud (the hosts gone, the
// new release, comments kept).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CommandIO } from './types.js';
import { removeHostsFromPreset } from '../spec/remove-hosts.js';
import { setPresetRelease } from '../spec/set-release.js';
import type { Day2Plan } from '../types/day2.js';

/** Rewrites day2.preset without the removed hosts, or with the release an upgrade reached (nothing when no preset was named). */
export function updatePreset(io: CommandIO, verb: string, day2: Day2Plan | null | undefined, release?: string): void {
  if (day2?.preset && day2.fromRelease && release && release !== day2.fromRelease) {
    writeWhole(day2.preset, setPresetRelease(readFileSync(day2.preset, 'utf8'), release));
    io.stderr.write(`osism-installer ${verb}: ${day2.preset} now names release ${release}.\n`);
  }
  if (!day2?.preset || day2.removed.length === 0) return;
  const names = day2.removed.map((h) => h.name);
  writeWhole(day2.preset, removeHostsFromPreset(readFileSync(day2.preset, 'utf8'), names));
  io.stderr.write(`osism-installer ${verb}: ${day2.preset} no longer lists ${names.join(', ')}.\n`);
}

/** Written whole, then renamed over the preset: a crash leaves the old or the new text, never half of one. */
function writeWhole(file: string, text: string): void {
  const tmp = `${file}.osism-installer.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
