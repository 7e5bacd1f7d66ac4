// `osism-installer validate --preset FILE [--facts scan.json] [--json] [--quiet]`: loads the preset,
// checks it (with the facts of `scan --json` when given) and prints the findings grouped, each with
// its fix and file:line:col. Exit 0 without a failing finding, 1 with one, 2 for unreadable input.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { capacity, checkSpec, isScanOutput, resolveComputeChoices, resolveServices, scanInput, type ScanInput } from '../plan/index.js';
import { ANSI_PAINT, countFindings, formatCapacityLines, formatFindingLines, groupFindings, NO_PAINT } from '../plan/format.js';
import { loadPreset } from '../spec/index.js';
import type { Finding } from '../types/findings.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { printableJson } from '../text/printable.js';

const HELP = `usage: osism-installer validate --preset FILE [--facts SCAN.json] [--json] [--quiet]

Checks a preset without touching any host: services and their dependencies, release, conflicts,
backends, hosts and roles, quorum, network (VIP, interfaces), storage (Ceph disks, replicas) and,
with --facts (the output of \`osism-installer scan ... --json\`), hardware, OS, disks and capacity.

  --preset FILE    the preset to check
  --facts FILE     facts from \`scan --json\` ([{host, address, facts?, error?}])
  --json           print one JSON document (findings, services, hypervisors, capacity)
  -q, --quiet      print only warnings and failures

Exit status: 0 no failing finding, 1 at least one, 2 a file could not be read.`;

/** Reads a file named on the command line; unreadable -> UsageError (exit 2) with the reason. */
async function readInput(io: CommandIO, file: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason =
      e.code === 'ENOENT'
        ? 'no such file'
        : e.code === 'EISDIR'
          ? 'it is a directory'
          : e.code === 'EACCES'
            ? 'permission denied'
            : e.message;
    throw new UsageError(`cannot read the ${what} ${file}: ${reason}`);
  }
}

/** Parses the scan JSON; not JSON or not scan output -> UsageError (exit 2). */
function parseScan(text: string, file: string): { host: string; address?: string; facts?: unknown; error?: unknown }[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`, 'pass the output of `osism-installer scan HOST... --json`');
  }
  if (!isScanOutput(data)) {
    throw new UsageError(
      `${file} is not the output of scan --json (expected a list of {host, address, facts?, error?})`,
      'pass the output of `osism-installer scan HOST... --json`',
    );
  }
  return data;
}

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  try {
    return await validate(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`osism-installer: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    return 2;
  }
}

async function validate(args: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        preset: { type: 'string' },
        facts: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`validate: ${(error as Error).message}`, 'osism-installer validate --help lists the flags');
  }
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (typeof values.preset !== 'string' || values.preset === '')
    throw new UsageError('validate needs --preset FILE', 'osism-installer validate --preset lab.yaml [--facts scan.json]');
  const presetFile = values.preset;
  const text = await readInput(io, presetFile, 'preset');
  const rows = typeof values.facts === 'string' ? parseScan(await readInput(io, values.facts, 'facts file'), values.facts) : null;

  const loaded = loadPreset(text, presetFile);
  const findings: Finding[] = [...loaded.findings];
  let scan: ScanInput | null = null;
  if (loaded.spec) {
    scan = rows ? scanInput(loaded.spec, rows, values.facts!) : null;
    findings.push(...(scan?.findings ?? []));
    findings.push(
      ...checkSpec(loaded.spec, scan ? scan.facts : null, { locate: loaded.locate, ...(scan ? { scanErrors: scan.errors } : {}) }),
    );
  }
  const counts = countFindings(findings);
  const ok = counts.fail === 0;
  const spec = loaded.spec;

  if (values.json) {
    const closure = spec ? resolveServices(spec) : null;
    const doc = {
      preset: presetFile,
      facts: values.facts ?? null,
      ok,
      counts,
      deployment: spec ? { name: spec.name, release: spec.release, hosts: spec.hosts.length } : null,
      findings,
      services: closure,
      hypervisors: spec ? resolveComputeChoices(spec, scan?.facts ?? null) : null,
      capacity: spec && scan ? capacity(spec, scan.facts) : null,
    };
    io.stdout.write(printableJson(doc, 2) + '\n');
    return ok ? 0 : 1;
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
        ? `facts: ${values.facts} (${Object.keys(scan.facts).length} of ${spec.hosts.length} hosts scanned)`
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
    `${counts.fail} fail, ${counts.warn} warn, ${counts.pass} pass: ` +
      (ok ? (counts.warn ? 'deployable; read the warnings first.' : 'deployable.') : 'not deployable as written (exit 1).'),
  );
  io.stdout.write(out.join('\n') + '\n');
  return ok ? 0 : 1;
}
