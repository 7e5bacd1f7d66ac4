// After a day-2 run that changed the hosts or the release succeeded (remove-node, replace-node, upgrade,
// or the resume that finished it): the preset the operator named is rewritten to match the cloud (the
// hosts gone or replaced, the new release, comments kept), and a replacement's saved spec loses the
// replaced host (the run kept it while the old host was still stopped through the inventory listing it).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { removeHostsFromPreset, replaceHostInPreset } from '../spec/remove-hosts.js';
import { setPresetRelease } from '../spec/set-release.js';
import type { Day2Plan } from '../types/day2.js';
import { loadSavedSpec } from '../deploy/deployment.js';
import type { DeploymentFiles } from '../state/deployment-files.js';
import { readJournal } from '../state/journal.js';
import type { DeployRequest } from '../ui/services.js';
import type { Spec } from '../types/spec.js';
import { withoutHosts } from '../plan/removal.js';

/** Where the rewrites are said (a verb's stderr; the TUI's services say nothing: its Summary names the preset). */
export interface PresetNotes {
  stderr: { write(text: string): unknown };
}

/** Rewrites day2.preset without the removed hosts, or with the release an upgrade reached (nothing when no preset was named; a replacement: replacedInPreset). */
export function updatePreset(io: PresetNotes, verb: string, day2: Day2Plan | null | undefined, release?: string): void {
  if (day2?.preset && day2.fromRelease && release && release !== day2.fromRelease) {
    writeWhole(day2.preset, setPresetRelease(readFileSync(day2.preset, 'utf8'), release));
    io.stderr.write(`osism-installer ${verb}: ${day2.preset} now names release ${release}.\n`);
  }
  if (!day2?.preset || day2.removed.length === 0 || day2.replacement) return;
  const names = day2.removed.map((h) => h.name);
  writeWhole(day2.preset, removeHostsFromPreset(readFileSync(day2.preset, 'utf8'), names));
  io.stderr.write(`osism-installer ${verb}: ${day2.preset} no longer lists ${names.join(', ')}.\n`);
}

/** replace-node: day2.preset with the replacement (its name and address from `spec`) in the replaced host's place, and the saved spec `specFile` without the replaced host. */
export function finishReplacement(io: PresetNotes, verb: string, day2: Day2Plan | null | undefined, spec: Spec, specFile: string): void {
  if (!day2?.replacement) return;
  if (existsSync(specFile)) {
    const saved = JSON.parse(readFileSync(specFile, 'utf8')) as Spec;
    const names = day2.removed.map((h) => h.name).filter((n) => saved.hosts.some((h) => h.name === n));
    if (names.length > 0) writeWhole(specFile, JSON.stringify(withoutHosts(saved, names), null, 2) + '\n', 0o600);
  }
  const replacement = spec.hosts.find((h) => h.name === day2.replacement);
  const old = day2.removed[0];
  if (!day2.preset || !replacement || !old) return;
  writeWhole(day2.preset, replaceHostInPreset(readFileSync(day2.preset, 'utf8'), old.name, replacement));
  io.stderr.write(`osism-installer ${verb}: ${day2.preset} lists ${replacement.name} in place of ${old.name}.\n`);
}

/**
 * After a run from the TUI succeeded (its day-2 request, or the resume of a run): what the verbs and
 * `resume` do afterwards; a replacement's saved spec loses the replaced host, a named preset follows the
 * cloud (the TUI's own runs name none: it writes its answers as <name>.preset.yaml when a run starts).
 */
export function finishGuidedRun(files: DeploymentFiles, request: Pick<DeployRequest, 'spec' | 'day2' | 'resume'>): void {
  const day2 = request.resume ? [...readJournal(files.journal).runs].reverse().find((r) => !r.dryRun)?.day2 : request.day2;
  const spec = request.resume ? (loadSavedSpec(files)?.spec ?? request.spec) : request.spec;
  // the TUI has no stderr of its own: the Summary and the preset say what changed
  const quiet: PresetNotes = { stderr: { write: () => true } };
  updatePreset(quiet, 'guided', day2, spec.release);
  finishReplacement(quiet, 'guided', day2, spec, files.spec);
}

/** Written whole, then renamed over the file: a crash leaves the old or the new text, never half of one. */
function writeWhole(file: string, text: string, mode?: number): void {
  const tmp = `${file}.osism-installer.tmp`;
  writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
}
