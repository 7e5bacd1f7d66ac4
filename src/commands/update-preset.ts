// After a day-2 run that changed the hosts succeeded (remove-node, or the resume that finished it):
// the preset the operator named is rewritten to match the cloud (the hosts gone, comments kept).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CommandIO } from './types.js';
import { removeHostsFromPreset } from '../spec/remove-hosts.js';
import type { Day2Plan } from '../types/day2.js';

/** Rewrites day2.preset without the removed hosts (nothing when no preset was named). */
export function updatePreset(io: CommandIO, verb: string, day2: Day2Plan | null | undefined): void {
  if (!day2?.preset || day2.removed.length === 0) return;
  const names = day2.removed.map((h) => h.name);
  const tmp = `${day2.preset}.osism-installer.tmp`;
  // written whole, then renamed over the preset: a crash leaves the old or the new text, never half of one
  writeFileSync(tmp, removeHostsFromPreset(readFileSync(day2.preset, 'utf8'), names));
  renameSync(tmp, day2.preset);
  io.stderr.write(`osism-installer ${verb}: ${day2.preset} no longer lists ${names.join(', ')}.\n`);
}
