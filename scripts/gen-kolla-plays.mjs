// Writes src/catalog/kolla-plays.ts (and the same data as test/standins/kolla-plays.json, which the
// stand-in kolla-ansible reads to print each release's plays): for every release whose kolla-ansible source is in
// ../shared/reference/kolla-ansible/src, which playbook each kolla-ansible command runs (read from the
// release's own CLI: the bash script's case block for 17.x, the cliff commands for 20+) and the plays
// of each playbook in the order ansible-playbook prints them (import_playbook expanded). The progress
// of a kolla phase counts these plays. `--check` compares instead of writing (exit 1 on a difference);
// test/kolla/plays-data.test.ts does the same in npm test.
//   node scripts/gen-kolla-plays.mjs [--check]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The releases and the tarball refs they come from (SOURCE.md). */
export const SOURCES = [
  ['2023.2', '2023.2-eol'],
  ['2025.1', 'stable-2025.1'],
  ['2025.2', 'stable-2025.2'],
  ['2026.1', 'stable-2026.1'],
];

/** Where the generated file lives. */
export const OUTPUT = join(root, 'src', 'catalog', 'kolla-plays.ts');

/** The directory of the upstream tarballs ($OSISM_SHARED or ../shared). */
export function tarballDir() {
  const shared = process.env.OSISM_SHARED ?? resolve(root, '..', 'shared');
  const dir = join(shared, 'reference', 'kolla-ansible', 'src');
  if (!existsSync(dir)) throw new Error(`the kolla-ansible source tarballs are missing: expected ${dir} (../shared, or set OSISM_SHARED)`);
  return dir;
}

/** command -> playbook file from kolla 17's bash CLI (tools/kolla-ansible): each `(command)` case, site.yml unless it sets PLAYBOOK. */
function bashCommands(text) {
  // the command dispatch is the `case "$1" in ... esac` block that has a (deploy) case (option parsing has others)
  const body = [...text.matchAll(/^case "\$1" in\n([\s\S]*?)^esac/gm)].map((m) => m[1]).find((b) => /^\(deploy\)$/m.test(b));
  if (!body) throw new Error('tools/kolla-ansible has no case block with a (deploy) command');
  const out = {};
  for (const m of body.matchAll(/^\(([a-z0-9_-]+)\)\n([\s\S]*?)^\s*;;/gm)) {
    if (/^\s*exit 0/m.test(m[2])) continue; // install-deps and the like run no playbook
    const playbook = /PLAYBOOK="\$\{BASEDIR\}\/ansible\/([^"]+)"/.exec(m[2]);
    out[m[1]] = playbook ? playbook[1] : 'site.yml';
  }
  return out;
}

/** command -> playbook file from the cliff CLI (setup.cfg's kolla_ansible.cli entry points, cli/commands.py's classes). */
function cliffCommands(setupCfg, commandsPy) {
  const section = /^kolla_ansible\.cli\s*=\s*\n((?:[ \t]+\S.*\n?)+)/m.exec(setupCfg);
  if (!section) throw new Error('setup.cfg has no kolla_ansible.cli entry points');
  const classes = new Map();
  for (const part of commandsPy.split(/^class /m).slice(1)) classes.set(/^(\w+)/.exec(part)[1], part);
  const out = {};
  for (const line of section[1].split('\n')) {
    const m = /^\s*([a-z0-9-]+)\s*=\s*[\w.]+:(\w+)/.exec(line);
    if (!m) continue;
    const body = classes.get(m[2]);
    if (!body) throw new Error(`commands.py has no class ${m[2]} (entry point ${m[1]})`);
    const choose = /_choose_playbooks\(\s*parsed_args\s*,?\s*(?:"([^"]+)")?\s*\)/.exec(body);
    if (!choose) continue; // install-deps: no playbook
    out[m[1]] = `${choose[1] ?? 'site'}.yml`;
  }
  return out;
}

/** Play names of a playbook in print order, import_playbook expanded (a play without a name prints its host pattern). */
function playsOf(ansibleDir, file) {
  const plays = parse(readFileSync(join(ansibleDir, file), 'utf8'));
  return plays.flatMap((p) =>
    p.import_playbook ? playsOf(ansibleDir, p.import_playbook) : [p.name ?? (Array.isArray(p.hosts) ? p.hosts.join(',') : String(p.hosts))],
  );
}

/** The data of one unpacked release. */
function releaseData(dir) {
  const cliff = existsSync(join(dir, 'kolla_ansible', 'cli', 'commands.py'));
  const commands = cliff
    ? cliffCommands(readFileSync(join(dir, 'setup.cfg'), 'utf8'), readFileSync(join(dir, 'kolla_ansible', 'cli', 'commands.py'), 'utf8'))
    : bashCommands(readFileSync(join(dir, 'tools', 'kolla-ansible'), 'utf8'));
  const sorted = Object.fromEntries(Object.entries(commands).sort(([a], [b]) => (a < b ? -1 : 1)));
  const playbooks = {};
  for (const file of [...new Set(Object.values(sorted))].sort()) {
    if (existsSync(join(dir, 'ansible', file))) playbooks[file] = playsOf(join(dir, 'ansible'), file);
  }
  return { cli: cliff ? 'cliff' : 'bash', commands: sorted, playbooks };
}

/** The stand-in kolla-ansible's copy of the data (JSON: the stand-in is Python). */
export const STANDIN_OUTPUT = join(root, 'test', 'standins', 'kolla-plays.json');

/** The generated JSON text for the stand-in (same data as the TypeScript file). */
export async function generateStandin(dir = tarballDir()) {
  return standinText(releasesData(dir));
}

function standinText(data) {
  return `${JSON.stringify({ generatedBy: 'scripts/gen-kolla-plays.mjs: do not edit', releases: data }, null, 1)}\n`;
}

/** Per release, what its kolla-ansible runs, read from its tarball. */
function releasesData(dir) {
  const data = {};
  for (const [release, ref] of SOURCES) {
    const tmp = mkdtempSync(join(tmpdir(), 'kolla-plays-'));
    try {
      const r = spawnSync(
        'tar',
        ['-xzf', join(dir, `kolla-ansible-${ref}.tar.gz`), '-C', tmp, 'ansible', 'kolla_ansible', 'tools', 'setup.cfg'],
        {
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(`tar failed on kolla-ansible-${ref}.tar.gz: ${r.stderr}`);
      data[release] = releaseData(tmp);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return data;
}

/** The generated TypeScript text (prettier-formatted with the project's settings). */
export async function generate(dir = tarballDir()) {
  return tsText(releasesData(dir));
}

async function tsText(data) {
  const text = `// GENERATED by scripts/gen-kolla-plays.mjs from ../shared/reference/kolla-ansible/src/kolla-ansible-*.tar.gz;
// do not edit (npm test regenerates it and fails on any difference). Per release: the CLI kind (kolla 17's
// bash script or the cliff CLI of 20+), the playbook each kolla-ansible command runs, and the plays of each
// playbook in the order ansible-playbook prints them (import_playbook expanded).

/** What one release's kolla-ansible runs. */
export interface KollaPlaybooks {
  cli: 'bash' | 'cliff';
  /** kolla-ansible command -> playbook file under ansible/. */
  commands: Record<string, string>;
  /** playbook file -> play names in print order. */
  playbooks: Record<string, string[]>;
}

/** Plays per release (${SOURCES.map(([r, ref]) => `${r}: ${ref}`).join(', ')}). */
export const KOLLA_PLAYS: Record<${SOURCES.map(([r]) => `'${r}'`).join(' | ')}, KollaPlaybooks> = ${JSON.stringify(data)};
`;
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  return prettier.format(text, { ...options, filepath: OUTPUT });
}

async function main() {
  const data = releasesData(tarballDir());
  const outputs = [
    [OUTPUT, await tsText(data)],
    [STANDIN_OUTPUT, standinText(data)],
  ];
  for (const [file, text] of outputs) {
    if (process.argv.includes('--check')) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (current !== text) {
        process.stderr.write(`${file} differs from what the tarballs give: run node scripts/gen-kolla-plays.mjs\n`);
        process.exit(1);
      }
      process.stdout.write(`${file} matches the tarballs\n`);
    } else {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
