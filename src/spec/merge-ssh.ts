// SSH settings from several layers: defaults < preset `ssh` < host `ssh` < command-line flags.
import type { Spec, SshSettings } from '../types/spec.js';
import { DEFAULT_SSH } from './defaults.js';

/** Merges SSH layers left to right over the defaults; `undefined` in a layer means "not given" (null is a value). */
export function mergeSsh(...layers: (Partial<SshSettings> | null | undefined)[]): SshSettings {
  const out: SshSettings = { ...DEFAULT_SSH };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of Object.keys(DEFAULT_SSH) as (keyof SshSettings)[]) {
      const value = layer[key];
      if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** The Spec with the command line's SSH flags laid over its ssh block (the one rule for every verb and the guided flow). */
export function withSshFlags(spec: Spec, flags: Partial<SshSettings>): Spec {
  return { ...spec, ssh: mergeSsh(spec.ssh, flags) };
}
