// Loading a preset for the deploy verbs through the spec layer (loadPreset: file:line:col findings).
import { readFileSync } from 'node:fs';
import { loadPreset } from '../spec/index.js';
import { UsageError } from './types.js';
import type { Finding } from '../types/findings.js';
import type { Spec, SshSettings } from '../types/spec.js';

/** A loaded preset: the spec, or the findings that stopped it. */
export interface LoadedPreset {
  spec: Spec | null;
  findings: Finding[];
}

/** Reads and loads a preset file. */
export async function loadPresetFile(file: string): Promise<LoadedPreset> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the preset ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'give the path of a preset YAML file',
    );
  }
  return loadPreset(text, file);
}

/** Applies SSH flag overrides to a spec (flags win over the preset's ssh block). */
export function withSsh(spec: Spec, overrides: Partial<SshSettings>): Spec {
  return { ...spec, ssh: { ...spec.ssh, ...overrides } };
}
