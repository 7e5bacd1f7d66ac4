// `osism-installer render --preset FILE --out DIR [--facts scan.json] [--diff] [--json]`: checks the
// preset, renders the Kolla-style tree into DIR (existing passwords kept, never regenerated) and
// prints what changed per file, never a secret. Exit 0 rendered; 1 failing findings; 2 bad input.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { checkSpec, isScanOutput, resolveServices, scanInput, type ScanInput } from '../plan/index.js';
import { diffTrees, missingPasswordKeys, renderTree, type FileChange } from '../render/index.js';
import { passwordClass } from '../render/password-keys.js';
import { loadPreset } from '../spec/index.js';
import { loadTemplates, pregeneratedKeyPairs, readManifest, readTree, writeTree } from '../state/tree-files.js';
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';

const HELP = `usage: osism-installer render --preset FILE --out DIR [--facts FILE] [--diff] [--json]

Writes the Kolla-style configuration tree of a preset into DIR: globals.yml, passwords.yml (0600),
inventory/ (multinode + host_vars), config/ overlays, manager/ compose files, hosts/ files.
Existing passwords in DIR are kept; only missing keys are generated. Prints what changed per file.

  --preset FILE   the preset (YAML)
  --out DIR       where the tree is written (created when missing)
  --facts FILE    the output of \`osism-installer scan --json\` (without it, interfaces are the preset's
                  defaults and the hypervisor is kvm unless backends.compute says otherwise)
  --diff          also print the line diff of every changed file (secret files never)
  --json          print the changes as one JSON object

Exit: 0 rendered, 1 the preset has failing findings (printed), 2 unreadable input.`;

/** One line per finding: severity, where, what, how to fix. */
function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.col}: ` : f.subject ? `${f.subject}: ` : '';
  return `${f.severity}: ${where}${f.message}${f.fix ? `\n    fix: ${f.fix}` : ''}`;
}

/** A file's text, or a UsageError (exit 2) naming it. */
function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Facts per host name from `scan --json` output, through the plan layer's row checks (rows are untrusted). */
export function factsFromScan(text: string, file: string, spec: Spec): ScanInput {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`, 'give the output of `osism-installer scan --json`');
  }
  if (!isScanOutput(rows))
    throw new UsageError(
      `${file} is not the output of scan --json (expected a list of {host, address, facts?, error?})`,
      'give the output of `osism-installer scan --json`',
    );
  return scanInput(spec, rows, file);
}

/** The existing secrets in DIR (passwords.yml and manager-secrets.yml), or null when there are none. */
function existingSecrets(dir: string): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const name of ['passwords.yml', 'manager-secrets.yml']) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    let value: unknown;
    try {
      value = parse(readText(path, 'the existing'));
    } catch (error) {
      throw new UsageError(
        `${path} is not valid YAML (${(error as Error).message}); refusing to render, which would replace its secrets`,
        'fix or move the file away',
      );
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new UsageError(
        `${path} is not a mapping of keys; refusing to render, which would replace its secrets`,
        'fix or move the file away',
      );
    out = { ...(out ?? {}), ...(value as Record<string, unknown>) };
  }
  return out;
}

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        preset: { type: 'string' },
        out: { type: 'string' },
        facts: { type: 'string' },
        diff: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`render: ${(error as Error).message}`, 'osism-installer render --help lists the flags');
  }
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (typeof values.preset !== 'string')
    throw new UsageError('render needs --preset FILE', 'osism-installer render --preset lab.yaml --out ./kolla');
  if (typeof values.out !== 'string')
    throw new UsageError('render needs --out DIR', 'osism-installer render --preset lab.yaml --out ./kolla');
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const presetFile = values.preset;
  const outDir = abs(values.out);
  const say = (line: string): void => {
    (values.json ? io.stderr : io.stdout).write(line + '\n');
  };

  const loaded = loadPreset(readText(abs(presetFile), 'the preset'), presetFile);
  if (!loaded.spec) {
    for (const f of loaded.findings.filter((x) => x.severity === 'fail')) io.stderr.write(formatFinding(f) + '\n');
    return 1;
  }
  const spec = loaded.spec;
  let facts: Record<string, Facts> = {};
  let scan: ScanInput | null = null;
  if (typeof values.facts === 'string') {
    scan = factsFromScan(readText(abs(values.facts), 'the facts'), values.facts, spec);
    facts = scan.facts;
    for (const h of spec.hosts) {
      if (!facts[h.name])
        say(
          `note: no usable facts for ${h.name}${scan.errors[h.name] ? ` (${scan.errors[h.name]})` : ''}: its interfaces are the preset's`,
        );
    }
  } else {
    say(
      "note: no --facts given: interface names are the preset's, compute hosts get " +
        (spec.backends.compute === 'auto' ? 'kvm (assumed; scan to decide per host)' : spec.backends.compute) +
        '; render again with --facts to use a scan',
    );
  }

  const findings = [
    ...(scan?.findings ?? []),
    ...checkSpec(spec, scan ? facts : null, { locate: loaded.locate, ...(scan ? { scanErrors: scan.errors } : {}) }),
  ];
  const failing = findings.filter((f) => f.severity === 'fail');
  for (const f of findings.filter((x) => x.severity === 'warn')) io.stderr.write(formatFinding(f) + '\n');
  if (failing.length > 0) {
    for (const f of failing) io.stderr.write(formatFinding(f) + '\n');
    io.stderr.write(`render: ${failing.length} failing finding(s); nothing was written to ${outDir}\n`);
    return 1;
  }

  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(
      `cannot write the tree to ${outDir}: it exists and is not a directory`,
      'give a directory (it is created when missing)',
    );
  }
  const existing = existingSecrets(outDir);
  const services = resolveServices(spec).services;
  const keys = missingPasswordKeys(spec.release, services, existing).filter((k) => passwordClass(k) === 'ssh-key');
  if (keys.length > 0) say(`generating ${keys.length} RSA 4096 SSH key pair(s) for passwords.yml (a few seconds)...`);
  const generateKeyPair = await pregeneratedKeyPairs(keys.length);
  const { randomBytes } = await import('node:crypto');
  const result = renderTree({
    spec,
    facts,
    passwords: existing,
    templates: loadTemplates(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    generateKeyPair,
  });

  let changes: FileChange[];
  let written: ReturnType<typeof writeTree>;
  try {
    const previousPaths = [...readManifest(outDir).keys()];
    const before = readTree(outDir, [...previousPaths, ...result.files.map((f) => f.path)]);
    changes = diffTrees(before, result.files);
    written = writeTree(outDir, result.files, { before });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new UsageError(
      `cannot write the tree to ${outDir}: ${(error as Error).message}`,
      'give a directory you can write (it is created when missing)',
    );
  }

  if (values.json) {
    io.stdout.write(
      JSON.stringify({
        out: outDir,
        files: result.files.length,
        changes: changes.map((c) => ({
          path: c.path,
          status: c.status,
          summary: c.summary,
          ...(values.diff && c.diff ? { diff: c.diff } : {}),
        })),
        addedPasswordKeys: result.addedPasswordKeys,
        removed: written.removed,
        keptEdited: written.keptEdited,
      }) + '\n',
    );
    return 0;
  }
  printChanges(io, outDir, changes, result.files.length, Boolean(values.diff));
  if (result.addedPasswordKeys.length > 0)
    io.stdout.write(`${result.addedPasswordKeys.length} secret(s) generated (values are in the 0600 files, never printed)\n`);
  for (const p of written.keptEdited)
    io.stdout.write(`kept ${p}: no longer rendered, but edited since the last render; remove it yourself if it is not needed\n`);
  return 0;
}

/** The per-file report. */
function printChanges(io: CommandIO, outDir: string, changes: FileChange[], total: number, withDiff: boolean): void {
  if (changes.length === 0) {
    io.stdout.write(`${outDir}: up to date (${total} files, nothing changed)\n`);
    return;
  }
  io.stdout.write(`${outDir}: ${changes.length} of ${total} files changed\n`);
  const width = Math.max(...changes.map((c) => c.path.length));
  for (const c of changes) {
    io.stdout.write(`  ${c.status.padEnd(7)} ${c.path.padEnd(width)}  ${c.summary}\n`);
    if (withDiff && c.diff && c.status === 'changed') io.stdout.write(c.diff.trimEnd().replace(/^/gm, '    ') + '\n');
  }
}
