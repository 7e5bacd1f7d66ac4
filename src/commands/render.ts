// `osism-installer render --preset FILE --out DIR [--facts scan.json] [--diff] [--json]`: checks the
// preset, renders the Kolla-style tree into DIR (existing passwords kept, never regenerated) and
// prints what changed per file, never a secret. Exit 0 rendered; 1 failing findings; 2 bad input.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { diffTrees, type FileChange } from '../render/index.js';
import { renderWithTemplates } from '../state/render-with-templates.js';
import { readManifest, readTree, writeTree } from '../state/tree-files.js';
import type { Facts } from '../types/facts.js';
import { EXIT } from '../types/exit-codes.js';
import { stopOnFindings } from './findings.js';
import { loadAndCheck } from './load-and-check.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { parseFlags } from './flags.js';

const HELP = `usage: osism-installer render --preset FILE --out DIR [--facts FILE]... [--diff] [--json]

Writes the Kolla-style configuration tree of a preset into DIR: globals.yml, passwords.yml (0600),
inventory/ (multinode + host_vars), config/ overlays, manager/ compose files, hosts/ files.
Existing passwords in DIR are kept; only missing keys are generated. Prints what changed per file.

  --preset FILE   the preset (YAML)
  --out DIR       where the tree is written (created when missing)
  --facts FILE    the output of \`osism-installer scan --json\` (without it, interfaces are the preset's
                  defaults and the hypervisor is kvm unless backends.compute says otherwise); repeat
                  it for hosts scanned in batches (merged per host, a later file's facts win)
  --diff          also print the line diff of every changed file (secret files never)
  --json          print the changes as one JSON object

Exit: 0 rendered, 1 the preset has failing findings (printed), 2 unreadable or unparsable input.`;

/** A file's text, or a UsageError (exit 2) naming it. */
function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
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
  const { values } = parseFlags('render', args, {
    preset: { type: 'string' },
    out: { type: 'string' },
    facts: { type: 'string', multiple: true },
    diff: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
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

  const checked = await loadAndCheck({ file: presetFile, cwd: io.cwd, factsFile: values.facts ?? null });
  const spec = checked.spec;
  if (spec) {
    const scan = checked.scan;
    if (scan) {
      for (const h of spec.hosts) {
        if (!scan.facts[h.name])
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
  }
  const stop = stopOnFindings(io.stderr, 'render', checked, `nothing was written to ${outDir}`);
  if (stop !== null || !spec) return stop ?? EXIT.failed;
  const facts: Record<string, Facts> = checked.facts ?? {};

  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(
      `cannot write the tree to ${outDir}: it exists and is not a directory`,
      'give a directory (it is created when missing)',
    );
  }
  const existing = existingSecrets(outDir);
  const result = await renderWithTemplates({
    spec,
    facts,
    passwords: existing,
    onKeyPairs: (n) => say(`generating ${n} RSA 4096 SSH key pair(s) for passwords.yml (a few seconds)...`),
  });

  let changes: FileChange[];
  let written: ReturnType<typeof writeTree>;
  try {
    const previous = readManifest(outDir);
    const before = readTree(outDir, [...previous.keys(), ...result.files.map((f) => f.path)]);
    written = writeTree(outDir, result.files, { before, previous });
    // a file kept because it was edited since is reported as kept, not also as removed
    const kept = new Set(written.keptEdited);
    changes = diffTrees(before, result.files).filter((c) => !(c.status === 'removed' && kept.has(c.path)));
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

/** More changed files than this are listed per directory (a first render of 10,000 hosts changes 30,000). */
export const LISTED_FILES = 60;

/** The per-file report; past LISTED_FILES changes (and without --diff), a directory with many changes of one kind is one line. */
function printChanges(io: CommandIO, outDir: string, changes: FileChange[], total: number, withDiff: boolean): void {
  for (const line of changeLines(outDir, changes, total, withDiff)) io.stdout.write(line + '\n');
}

/** The lines of the per-file report (printChanges). */
export function changeLines(outDir: string, changes: FileChange[], total: number, withDiff: boolean): string[] {
  if (changes.length === 0) return [`${outDir}: up to date (${total} files, nothing changed)`];
  const out = [`${outDir}: ${changes.length} of ${total} files changed`];
  const rows =
    withDiff || changes.length <= LISTED_FILES ? changes.map((c) => ({ change: c, path: c.path, summary: c.summary })) : grouped(changes);
  const width = Math.max(...rows.map((r) => r.path.length));
  for (const r of rows) {
    out.push(`  ${r.change.status.padEnd(7)} ${r.path.padEnd(width)}  ${r.summary}`);
    if (withDiff && r.change.diff && r.change.status === 'changed') out.push(r.change.diff.trimEnd().replace(/^/gm, '    '));
  }
  if (rows.length < changes.length) out.push('(more than 3 changes of a kind in a directory are one line; --json lists every file)');
  return out;
}

/** Changes in file order, those of one status in one directory (not the top: passwords.yml, globals.yml) with more than 3 of them folded into one row. */
function grouped(changes: FileChange[]): { change: FileChange; path: string; summary: string }[] {
  const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(`${c.status} ${dirOf(c.path)}`, (counts.get(`${c.status} ${dirOf(c.path)}`) ?? 0) + 1);
  const rows: { change: FileChange; path: string; summary: string }[] = [];
  const folded = new Set<string>();
  for (const c of changes) {
    const key = `${c.status} ${dirOf(c.path)}`;
    const n = counts.get(key)!;
    if (n <= 3 || dirOf(c.path) === '') rows.push({ change: c, path: c.path, summary: c.summary });
    else if (!folded.has(key)) {
      folded.add(key);
      rows.push({ change: c, path: `${dirOf(c.path) || './'}*`, summary: `${n} files, e.g. ${c.path.slice(dirOf(c.path).length)}` });
    }
  }
  return rows;
}
