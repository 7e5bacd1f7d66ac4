// `osism-installer validate --preset FILE [--facts scan.json] [--json] [--quiet]`: loads the preset,
// checks it (with the facts of `scan --json` when given) and prints the findings grouped, each with
// its fix and file:line:col. Exit 0 without a failing finding, 1 with one, 2 for unusable input.
import { capacity, resolveComputeChoices, resolveServices } from '../plan/index.js';
import {
  ANSI_PAINT,
  countFindings,
  countUnlisted,
  formatCapacityLines,
  formatFindingLines,
  groupFindings,
  NO_PAINT,
} from '../plan/format.js';
import { loadAndCheck } from './load-and-check.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { printableJson } from '../text/printable.js';
import { parseFlags } from './flags.js';

const HELP = `usage: osism-installer validate --preset FILE [--facts SCAN.json]... [--json] [--quiet]

Checks a preset without touching any host: services and their dependencies, release, conflicts,
backends, hosts and roles, quorum, network (VIP, interfaces), storage (Ceph disks, replicas) and,
with --facts (the output of \`osism-installer scan ... --json\`), hardware, OS, disks and capacity.

  --preset FILE    the preset to check
  --facts FILE     facts from \`scan --json\` ([{host, address, facts?, error?}]); repeat it for hosts
                   scanned in batches (merged per host, a later file's facts win)
  --json           print one JSON document (findings, services, hypervisors, capacity)
  -q, --quiet      print only warnings and failures

Exit status: 0 no failing finding, 1 at least one, 2 a file could not be read or the preset is not YAML.`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseFlags('validate', args, {
    preset: { type: 'string' },
    facts: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (typeof values.preset !== 'string' || values.preset === '')
    throw new UsageError('validate needs --preset FILE', 'osism-installer validate --preset lab.yaml [--facts scan.json]');
  const presetFile = values.preset;
  const factsFiles = values.facts ?? [];
  const checked = await loadAndCheck({ file: presetFile, cwd: io.cwd, factsFile: factsFiles });
  const { findings, scan } = checked;
  const counts = countFindings(findings);
  const unlisted = countUnlisted(findings);
  const ok = counts.fail === 0;
  const spec = checked.spec;

  if (values.json) {
    const closure = spec ? resolveServices(spec) : null;
    const doc = {
      preset: presetFile,
      // one file as a string (as before repeated --facts), several as a list
      facts: factsFiles.length === 0 ? null : factsFiles.length === 1 ? factsFiles[0] : factsFiles,
      ok,
      counts,
      deployment: spec ? { name: spec.name, release: spec.release, hosts: spec.hosts.length } : null,
      findings,
      services: closure,
      hypervisors: spec ? resolveComputeChoices(spec, scan?.facts ?? null) : null,
      capacity: spec && scan ? capacity(spec, scan.facts) : null,
    };
    io.stdout.write(printableJson(doc, 2) + '\n');
    return checked.status;
  }

  const paint = io.interactive && io.env.NO_COLOR === undefined ? ANSI_PAINT : NO_PAINT;
  const out: string[] = [];
  if (spec) {
    const closure = resolveServices(spec);
    out.push(
      `${paint.bold(presetFile)}: deployment ${spec.name}, release ${spec.release}, ${spec.hosts.length} host${spec.hosts.length === 1 ? '' : 's'}, ${closure.services.length} services (${closure.added.length} added for dependencies)`,
    );
    out.push(
      scan
        ? `facts: ${factsFiles.join(', ')} (${Object.keys(scan.facts).length} of ${spec.hosts.length} hosts scanned)`
        : 'facts: none given; hardware, disks, interfaces and OS are not checked (scan the hosts and pass --facts)',
    );
  } else {
    out.push(`${paint.bold(presetFile)}: the preset cannot be loaded, so nothing else was checked.`);
  }
  for (const group of groupFindings(findings)) {
    const shown = values.quiet ? group.findings.filter((f) => f.severity !== 'pass') : group.findings;
    if (shown.length === 0) continue;
    out.push('', paint.bold(group.title));
    for (const f of shown) out.push(...formatFindingLines(f, paint));
  }
  if (spec && scan) {
    out.push('', paint.bold('Capacity report'), ...formatCapacityLines(capacity(spec, scan.facts)));
  }
  out.push(
    '',
    `${counts.fail} fail, ${counts.warn} warn, ${counts.pass} pass${unlisted ? ` (${unlisted} of them counted above, not listed one by one)` : ''}: ` +
      (ok ? (counts.warn ? 'deployable; read the warnings first.' : 'deployable.') : 'not deployable as written (exit 1).'),
  );
  io.stdout.write(out.join('\n') + '\n');
  return checked.status;
}
