// Flags shared by apply, resume and add-node (DESIGN §1: they take the same flags), parsed and
// validated: unknown phase ids and hosts are errors with a "did you mean".
import { SSH_FLAG_HELP, SSH_FLAG_OPTIONS } from './ssh-flags.js';
import { UsageError } from './types.js';
import { intFlag, listFlag, parseFlags, type FlagOptions } from './flags.js';
import { closest } from '../spec/did-you-mean.js';
import { ROLES, type Spec } from '../types/spec.js';
import { PHASE_IDS } from '../deploy/phases/index.js';
import type { EngineOptions } from '../deploy/types.js';

/** parseArgs options of the run flags plus the SSH flags. */
export const RUN_FLAG_OPTIONS = {
  ...SSH_FLAG_OPTIONS,
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  only: { type: 'string' },
  limit: { type: 'string' },
  force: { type: 'boolean' },
  adopt: { type: 'boolean' },
  parallel: { type: 'string' },
  'stall-seconds': { type: 'string' },
  'state-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Help lines of the run flags. */
export const RUN_FLAG_HELP = [
  '  -y, --yes                apply without asking (required when not on a terminal)',
  '      --dry-run            show every phase and the exact commands per host; change nothing',
  '      --json               one event object per line on stdout instead of plain lines',
  `      --only PHASES        comma-separated phase ids (${PHASE_IDS.join(', ')})`,
  '      --limit HOSTS        comma-separated host names or role groups; kolla runs with --limit',
  '      --force              run phases again even when they finished with unchanged inputs',
  '      --adopt              take over hosts that belong to another deployment (or to a kolla cloud',
  '                           made without this installer), keeping the passwords.yml on its manager',
  '      --parallel N         hosts worked on at once within a phase (default 10)',
  '      --stall-seconds N    warn when a task prints nothing for N seconds (default 300)',
  '      --state-dir DIR      keep deployments here instead of $XDG_STATE_HOME/osism-installer',
  SSH_FLAG_HELP,
].join('\n');

/** Parsed run flags. */
export interface RunFlags {
  yes: boolean;
  dryRun: boolean;
  json: boolean;
  only: string[] | null;
  limit: string[] | null;
  force: boolean;
  /** --adopt: for this run only (never saved). */
  adopt: boolean;
  stateDir: string | undefined;
  engine: Partial<EngineOptions>;
}

/** Parses argv of a run verb; `extra` adds verb-specific options. */
export function parseRunArgs<E extends FlagOptions>(verb: string, args: string[], extra: E) {
  return parseFlags(verb, args, { ...RUN_FLAG_OPTIONS, ...extra }, true);
}

/** --limit HOSTS checked against the spec's hosts and the role groups (a did-you-mean otherwise). */
export function limitFlag(value: unknown, spec: Spec | null): string[] | null {
  const limit = listFlag(value);
  if (limit && spec) {
    const names = [...spec.hosts.map((h) => h.name), ...ROLES];
    for (const h of limit) {
      if (!names.includes(h)) {
        const guess = closest(h, names);
        throw new UsageError(
          `--limit: "${h}" is neither a host of ${spec.name} nor a role group`,
          guess ? `did you mean "${guess}"?` : `hosts: ${spec.hosts.map((x) => x.name).join(', ')}`,
        );
      }
    }
  }
  return limit;
}

/** Validates the run flags against the phases and the spec's hosts. */
export function runFlags(values: Record<string, unknown>, spec: Spec | null): RunFlags {
  const only = listFlag(values.only);
  for (const id of only ?? []) {
    if (!PHASE_IDS.includes(id)) {
      const guess = closest(id, PHASE_IDS);
      throw new UsageError(
        `--only: there is no phase "${id}"`,
        guess ? `did you mean "${guess}"? phases: ${PHASE_IDS.join(', ')}` : `phases: ${PHASE_IDS.join(', ')}`,
      );
    }
  }
  const limit = limitFlag(values.limit, spec);
  const parallelism = intFlag('--parallel', values.parallel);
  const stall = intFlag('--stall-seconds', values['stall-seconds']);
  return {
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    only,
    limit,
    force: values.force === true,
    adopt: values.adopt === true,
    stateDir: typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined,
    engine: { ...(parallelism ? { parallelism } : {}), ...(stall ? { stallMs: stall * 1000 } : {}) },
  };
}
