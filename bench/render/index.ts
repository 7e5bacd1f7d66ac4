// bench/render (`npm run bench:render`): the configuration tree of 5, 500 and 10,000 hosts and of the
// all-in-one preset, each a whole process timed start to exit, side by side in one run:
//   1. ours, first render: `node dist/main.js render --preset P --facts F --out NEW-DIR` (checks, renders,
//      writes every file, generates every password and the SSH key pairs the services use);
//   2. ours, render again into the same directory (passwords kept: nothing generated, nothing changed);
//   3. peers: `ansible-inventory -i DIR/inventory --list` (Ansible's parse of the inventory we wrote) and,
//      for the all-in-one preset, kolla's own `kolla-genpwd` on kolla's empty passwords.yml (the real
//      kolla-ansible 2025.1 installed by test/kolla, once per machine).
// Then, as secondary detail, the in-process times of validate and render (no start-up, no disk).
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkSpec } from '../../src/plan/index.js';
import { diffTrees, renderTree } from '../../src/render/index.js';
import { exportPreset } from '../../src/spec/index.js';
import { loadTemplates } from '../../src/state/tree-files.js';
import { ensureKolla } from '../../test/kolla/install.js';
import { benchRepeat, CLI, ensureBuilt, machineLine, repoRoot, requireDebian, saveRows, slowRepeatAt } from '../lib/env.js';
import { run } from '../lib/run.js';
import { formatTable, runSeries, type Tool } from '../lib/series.js';
import { bigSpec } from './spec.js';

const SIZES = (process.env.BENCH_RENDER_SIZES ?? '5,500,10000').split(',').map(Number);
const REPEAT = benchRepeat();
const log = (l: string) => process.stdout.write(l + '\n');
const scratch = mkdtempSync(join(tmpdir(), 'bench-render-'));

/** The preset and `scan --json` facts of an n-host cloud, written once per size. */
const inputs = new Map<number, { preset: string; facts: string }>();
function inputsFor(n: number): { preset: string; facts: string } {
  let got = inputs.get(n);
  if (!got) {
    const { spec, facts } = bigSpec(n);
    const preset = join(scratch, `cloud-${n}.yaml`);
    const factsFile = join(scratch, `cloud-${n}.scan.json`);
    writeFileSync(preset, exportPreset(spec));
    writeFileSync(factsFile, JSON.stringify(spec.hosts.map((h) => ({ host: h.name, address: h.address, facts: facts[h.name] }))));
    inputs.set(n, (got = { preset, facts: factsFile }));
  }
  return got;
}

/** A tree rendered once by our CLI (not measured), per input: what "render again" and the peers work on. */
const trees = new Map<string, string>();
async function treeFor(key: string, args: string[]): Promise<string> {
  let dir = trees.get(key);
  if (!dir) {
    dir = join(scratch, `tree-${trees.size}`);
    const r = await run(process.execPath, [CLI, 'render', ...args, '--out', dir]);
    if (r.code !== 0) throw new Error(`rendering ${key} failed: ${r.out.slice(-1000)}`);
    trees.set(key, dir);
  }
  return dir;
}

/** Our render as a tool: into a fresh directory every run (`first`), or again into the same one. */
function oursRender(name: string, args: (n: number) => string[], first: boolean): Tool {
  return {
    name,
    ours: first,
    async prepare(n) {
      const out = first ? mkdtempSync(join(scratch, 'first-')) : await treeFor(`${name}-${n}`, args(n));
      return {
        command: { argv: [process.execPath, CLI, 'render', ...args(n), '--out', out] },
        check(s) {
          if (s.code !== 0) throw new Error(s.stdout.slice(-500) + s.stderr.slice(-500));
          if (first && !/passwords\.yml\s+\d+ keys added/.test(s.stdout)) throw new Error('no passwords.yml written');
          if (!first && !/up to date \(\d+ files, nothing changed\)/.test(s.stdout)) throw new Error('the second render changed files');
        },
        cleanup: () => {
          if (first) rmSync(out, { recursive: true, force: true });
        },
      };
    },
  };
}

/** The peer that reads what we wrote: Ansible's own inventory parser. */
function ansibleInventory(args: (n: number) => string[], hosts: (n: number) => number): Tool {
  return {
    name: 'ansible-inventory --list',
    repeatAt: slowRepeatAt,
    async prepare(n) {
      const dir = await treeFor(`inventory-${n}`, args(n));
      return {
        command: { argv: ['ansible-inventory', '-i', join(dir, 'inventory'), '--list'] },
        check(s) {
          if (s.code !== 0) throw new Error(s.stderr.slice(-500));
          const groups = JSON.parse(s.stdout) as Record<string, { hosts?: string[] }>;
          const seen = new Set(Object.values(groups).flatMap((g) => g.hosts ?? []));
          if (seen.size !== hosts(n)) throw new Error(`${seen.size} hosts, not ${hosts(n)}`);
        },
      };
    },
  };
}

async function main(): Promise<void> {
  ensureBuilt(log);
  requireDebian([['ansible-inventory', 'ansible-core']], log);
  log(`bench/render: whole processes, start to exit; ${REPEAT} runs per tool and size`);
  log(`machine: ${machineLine()}\n`);
  try {
    // 1. n-host clouds
    const args = (n: number) => ['--preset', inputsFor(n).preset, '--facts', inputsFor(n).facts];
    const rows = await runSeries({
      sizes: SIZES,
      repeat: REPEAT,
      tools: [
        oursRender('ours: render, first (keys)', args, true),
        oursRender('ours: render again', args, false),
        // kolla's inventory skeleton adds `localhost` (the deployment group)
        ansibleInventory(args, (n) => n + 1),
      ],
      unit: 'hosts',
      log,
    });
    log('');
    log(formatTable(rows, { unit: 'hosts' }));
    saveRows('render', rows);

    // 2. the all-in-one preset, with kolla's own password generator beside it
    const aio = join(repoRoot, 'presets', 'all-in-one.yaml');
    const kolla = await ensureKolla('2025.1', log);
    const genpwd: Tool = {
      name: 'kolla-genpwd (kolla 2025.1)',
      async prepare() {
        const dir = mkdtempSync(join(scratch, 'genpwd-'));
        const file = join(dir, 'passwords.yml');
        copyFileSync(join(kolla.hostSrc, 'etc', 'kolla', 'passwords.yml'), file);
        return {
          command: { argv: [join(kolla.venv, 'bin', 'kolla-genpwd'), '-p', file], env: { ...process.env, ...kolla.env } },
          check(s) {
            if (s.code !== 0) throw new Error(s.stderr.slice(-500));
          },
          cleanup: () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    };
    const aioRows = await runSeries({
      sizes: [1],
      repeat: REPEAT,
      tools: [
        oursRender('ours: render, first (keys)', () => ['--preset', aio], true),
        oursRender('ours: render again', () => ['--preset', aio], false),
        genpwd,
      ],
      unit: 'hosts',
      log,
    });
    log('');
    log('the all-in-one preset (presets/all-in-one.yaml, 14 services; first render: 4 RSA 4096 pairs, kolla-genpwd: 7):');
    log(formatTable(aioRows, { unit: 'hosts' }));
    saveRows('render all-in-one', aioRows);

    // 3. secondary detail: in-process validate and render, no start-up, no disk
    inProcess();
    log('targets: 500 hosts < 1 s and 10,000 hosts < 5 s (first render, whole process); all-in-one first render < 2 s.');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Median of `runs` timings after a warm-up call. */
function time<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let value = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, value };
}

/** In-process validate (checkSpec with facts), render and diff of one added host (secondary detail). */
function inProcess(): void {
  const templates = loadTemplates();
  const random = (k: number): Uint8Array => new Uint8Array(randomBytes(k));
  const pair = { private_key: 'bench', public_key: 'ssh-rsa bench' };
  const seed = bigSpec(5);
  const passwords = renderTree({ ...seed, passwords: null, templates, randomBytes: random, generateKeyPair: () => pair }).passwords;
  log('in process (median of 3 after a warm-up; no start-up, nothing written):');
  log(
    `${'hosts'.padStart(6)} ${'validate ms'.padStart(12)} ${'render ms'.padStart(10)} ${'files'.padStart(6)} ${'diff +1 host ms'.padStart(16)}`,
  );
  for (const n of SIZES) {
    const { spec, facts } = bigSpec(n);
    const v = time(3, () => checkSpec(spec, facts));
    const fails = v.value.filter((x) => x.severity === 'fail');
    if (fails.length > 0) throw new Error(`the ${n}-host spec does not validate: ${fails.map((x) => x.message).join('; ')}`);
    const r = time(3, () => renderTree({ spec, facts, passwords, templates, randomBytes: random }));
    const grown = bigSpec(n + 1);
    const after = renderTree({ ...grown, passwords, templates, randomBytes: random });
    const d = time(3, () => diffTrees(r.value.files, after.files));
    log(
      `${String(n).padStart(6)} ${v.ms.toFixed(1).padStart(12)} ${r.ms.toFixed(1).padStart(10)} ${String(r.value.files.length).padStart(6)} ${d.ms.toFixed(1).padStart(16)}`,
    );
  }
  log('');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/render failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
