// The trees the static checks hand to the real kolla-ansible: every preset we ship (presets/*.yaml with
// its scan, test/fixtures/presets/<name>.scan.json), rendered for every release whose catalog accepts
// its services (the preset's own release and any other), as `osism-installer render` writes them.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScanRows } from '../../src/commands/load-and-check.js';
import { kollaGlobals } from '../../src/catalog/index.js';
import { resolveServices, scanInput } from '../../src/plan/index.js';
import { renderTree } from '../../src/render/index.js';
import { loadPreset } from '../../src/spec/index.js';
import { loadTemplates, writeTree } from '../../src/state/tree-files.js';
import type { Facts } from '../../src/types/facts.js';
import { RELEASES, type Release, type Spec } from '../../src/types/spec.js';
import { repoRoot } from '../helpers/shared.js';
import { numberedKeyPairs, seededBytes } from '../unit/render/helpers.js';

/** A preset rendered for one release. */
export interface PresetTree {
  preset: string;
  release: Release;
  spec: Spec;
  facts: Record<string, Facts>;
  /** The rendered tree on disk (globals.yml, passwords.yml, inventory/ ...). */
  dir: string;
}

/** The names of the presets we ship. */
export function presetNames(): string[] {
  return readdirSync(join(repoRoot, 'presets'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/** The preset as a Spec with its scan's facts, for `release` (the preset's own when not given). */
export function presetSpec(name: string, release?: Release): { spec: Spec; facts: Record<string, Facts> } {
  const file = join(repoRoot, 'presets', `${name}.yaml`);
  const loaded = loadPreset(readFileSync(file, 'utf8'), file);
  if (!loaded.spec) throw new Error(`presets/${name}.yaml does not load: ${loaded.findings.map((f) => f.message).join('; ')}`);
  const spec = { ...loaded.spec, release: release ?? loaded.spec.release };
  const scan = join(repoRoot, 'test', 'fixtures', 'presets', `${name}.scan.json`);
  return { spec, facts: scanInput(spec, parseScanRows(readFileSync(scan, 'utf8'), scan), scan).facts };
}

/** The releases a preset can be rendered for: those whose catalog refuses none of its services and backends. */
export function releasesFor(name: string): Release[] {
  return RELEASES.filter((release) => {
    const { spec } = presetSpec(name, release);
    return kollaGlobals(release, resolveServices(spec).services, spec.backends).refusals.length === 0;
  });
}

/** Renders the preset for `release` into a fresh directory under the system temp dir. */
export function renderPresetTree(name: string, release: Release): PresetTree {
  const { spec, facts } = presetSpec(name, release);
  return renderSpecTree(name, spec, facts);
}

/** Renders a Spec (a preset changed by a test) as `osism-installer render` writes it, into a fresh temp directory. */
export function renderSpecTree(name: string, spec: Spec, facts: Record<string, Facts>): PresetTree {
  const result = renderTree({
    spec,
    facts,
    passwords: null,
    templates: loadTemplates(),
    randomBytes: seededBytes(`${name}-${spec.release}`),
    generateKeyPair: numberedKeyPairs(),
  });
  const dir = mkdtempSync(join(tmpdir(), `kolla-${name}-${spec.release}-`));
  writeTree(dir, result.files);
  return { preset: name, release: spec.release, spec, facts, dir };
}
