// bench/scan (`npm run bench:scan`): scan 4 and 16 lab hosts (lab id 'bn', plain root+key hosts)
// three ways, side by side in one run, interleaved so machine load hits all of them alike:
//   1. ours: scanHosts() (src/hosts/scan.ts): one ssh2 connection and one exec of SCAN_SCRIPT per host;
//   2. `ansible all -m setup` (Debian's ansible-core), forks = hosts, fresh ControlPersist dir per run;
//   3. parallel OpenSSH: one `ssh host sh -s < SCAN_SCRIPT` process per host, all at once.
// Every run is cold (connects from scratch) and must produce facts for every host. Prints the median
// wall time of BENCH_REPEAT runs (default 3) and the ratios. Timing lives here, never in tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SSH } from '../../src/commands/ssh-flags.js';
import { SCAN_SCRIPT } from '../../src/hosts/facts/index.js';
import { scanHosts } from '../../src/hosts/scan.js';
import type { ScanRow } from '../../src/types/facts.js';
import { startLab, type Lab, type LabHost } from '../../test/lab/lab.js';

const SIZES = (process.env.BENCH_SIZES ?? '4,16').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const LAB_ID = process.env.BENCH_LAB_ID ?? 'bn';

/** Runs a process to its end with optional stdin; resolves with its exit code and output. */
function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    child.on('close', (code) => resolve({ code, out, err }));
    // a process that exits without reading stdin closes the pipe first: EPIPE is expected then
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Wall time of one call in milliseconds. */
async function time(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Ours: scanHosts over fresh connections; every host must have facts. */
async function ours(lab: Lab, hosts: LabHost[]): Promise<void> {
  const targets = hosts.map((h) => ({
    host: h.name,
    address: h.address,
    ssh: { ...DEFAULT_SSH, identityFile: lab.clientKey, hostKeys: 'strict' as const },
  }));
  const rows: ScanRow[] = [];
  for await (const row of scanHosts(targets, { knownHostsFile: lab.knownHosts, env: { ...process.env, SSH_AUTH_SOCK: '' } }))
    rows.push(row);
  const bad = rows.filter((r) => !r.facts?.hostname);
  if (rows.length !== hosts.length || bad.length > 0) throw new Error(`our scan failed: ${bad.map((r) => r.error).join('; ')}`);
}

/** Parallel OpenSSH: one ssh process per host running the same script from stdin. */
async function openssh(lab: Lab, hosts: LabHost[]): Promise<void> {
  const results = await Promise.all(
    hosts.map((h) =>
      run(
        'ssh',
        [
          '-o',
          'BatchMode=yes',
          '-o',
          `UserKnownHostsFile=${lab.knownHosts}`,
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          'ControlMaster=no',
          '-i',
          lab.clientKey,
          `root@${h.address}`,
          'sh -s',
        ],
        { stdin: SCAN_SCRIPT },
      ),
    ),
  );
  const bad = results.filter((r) => r.code !== 0 || !r.out.includes('@@@ hostname'));
  if (bad.length > 0) throw new Error(`ssh baseline failed: ${bad.map((r) => r.err).join('; ')}`);
}

/** ansible -m setup with one fork per host and a fresh ControlPersist dir (cold connections). */
async function ansible(lab: Lab, hosts: LabHost[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ansible-'));
  try {
    const inventory = join(dir, 'inventory');
    writeFileSync(
      inventory,
      [
        '[lab]',
        ...hosts.map(
          (h) =>
            `${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${lab.clientKey} ansible_python_interpreter=/usr/bin/python3`,
        ),
      ].join('\n') + '\n',
    );
    const r = await run('ansible', ['all', '-i', inventory, '-m', 'setup', '-f', String(hosts.length), '--tree', join(dir, 'tree')], {
      env: {
        ...process.env,
        ANSIBLE_SSH_ARGS: `-o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=${lab.knownHosts} -o StrictHostKeyChecking=yes`,
        ANSIBLE_SSH_CONTROL_PATH_DIR: join(dir, 'cp'),
        ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
        ANSIBLE_NOCOLOR: '1',
      },
    });
    if (r.code !== 0) throw new Error(`ansible -m setup failed: ${r.out.slice(-2000)}`);
  } finally {
    // end the persistent masters of this run so they do not linger
    await run('sh', ['-c', `for s in ${join(dir, 'cp')}/*; do [ -S "$s" ] && ssh -o ControlPath="$s" -O exit x 2>/dev/null; done; true`]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
  const max = Math.max(...SIZES);
  process.stdout.write(`bench/scan: lab "${LAB_ID}" with ${max} hosts, ${REPEAT} runs per tool and size, median wall time\n`);
  const started = Date.now();
  const lab = await startLab({ id: LAB_ID, hosts: max, variety: false });
  process.stdout.write(
    `lab up in ${((Date.now() - started) / 1000).toFixed(1)} s; load average ${(await run('cat', ['/proc/loadavg'])).out.trim()}\n\n`,
  );
  const table: string[] = [];
  try {
    for (const n of SIZES) {
      const hosts = lab.hosts.slice(0, n);
      const times = { ours: [] as number[], openssh: [] as number[], ansible: [] as number[] };
      for (let i = 0; i < REPEAT; i += 1) {
        times.ours.push(await time(() => ours(lab, hosts)));
        times.openssh.push(await time(() => openssh(lab, hosts)));
        times.ansible.push(await time(() => ansible(lab, hosts)));
        process.stdout.write(
          `  ${n} hosts, run ${i + 1}: ours ${(times.ours[i]! / 1000).toFixed(2)} s, ssh ${(times.openssh[i]! / 1000).toFixed(2)} s, ansible ${(times.ansible[i]! / 1000).toFixed(2)} s\n`,
        );
      }
      const [o, s, a] = [median(times.ours), median(times.openssh), median(times.ansible)];
      table.push(
        `${String(n).padStart(5)}  ${(o / 1000).toFixed(2).padStart(8)} s  ${(s / 1000).toFixed(2).padStart(8)} s  ${(a / 1000).toFixed(2).padStart(9)} s  ${(a / o).toFixed(1).padStart(10)}x  ${(s / o).toFixed(2).padStart(10)}x`,
      );
    }
  } finally {
    await lab.stop();
  }
  process.stdout.write(
    [
      '',
      'hosts      ours   parallel ssh  ansible setup  ansible/ours  ssh/ours',
      ...table,
      '',
      'targets: ansible/ours >= 5x (at least 5x faster than ansible -m setup); ssh/ours >= 1.0 (no slower than parallel OpenSSH)',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/scan failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
