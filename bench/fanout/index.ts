// bench/fanout (`npm run bench:fanout`): 50 small commands on each of 4, 16, 64 and 128 lab hosts (one
// lab of the largest size, id 'bf', plain root+key hosts), each a whole process timed start to exit:
//   1. ours: the deploy engine in its own process (bench/fanout/engine-process.ts on the built dist/):
//      one phase, eachHost over every host (--parallel = hosts), one ssh2 connection per host, the 50
//      commands in sequence per host;
//   2. `ansible -m raw`: 50 ad-hoc runs over all hosts (forks = hosts), one after the other;
//   3. `ansible-playbook`: one playbook of 50 raw tasks (forks = hosts);
//   4. OpenSSH multiplexed: a ControlMaster per host, then one `ssh` per command, hosts in parallel.
// Every run must bring back every command's output from every host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shq } from '../../src/hosts/shell-quote.js';
import { startLab, type Lab } from '../../test/lab/lab.js';
import { compileAgainstDist } from '../lib/compile.js';
import { benchRepeat, benchSizes, ensureBuilt, machineLine, repoRoot, requireDebian, saveRows, slowRepeatAt } from '../lib/env.js';
import { run } from '../lib/run.js';
import { formatTable, runSeries, type Tool } from '../lib/series.js';
import { fanoutCommand } from './engine-process.js';

const SIZES = benchSizes();
const REPEAT = benchRepeat();
const COMMANDS = Number(process.env.FANOUT_COMMANDS ?? 50);
const LAB_ID = process.env.BENCH_LAB_ID ?? 'bf';
const log = (l: string) => process.stdout.write(l + '\n');

/** A scratch directory and its removal. */
function scratch(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An Ansible inventory of the first n hosts and the environment every Ansible run gets (fresh ControlPersist dir). */
function ansibleSetup(lab: Lab, n: number, dir: string): { inventory: string; env: NodeJS.ProcessEnv } {
  const inventory = join(dir, 'hosts.ini');
  writeFileSync(
    inventory,
    `[lab]\n${lab.hosts
      .slice(0, n)
      .map((h) => `${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${lab.clientKey}`)
      .join('\n')}\n`,
  );
  return {
    inventory,
    env: {
      ...process.env,
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${lab.knownHosts} -o StrictHostKeyChecking=yes -o ControlMaster=auto -o ControlPersist=60s -o ControlPath=${dir}/cp-%h`,
      ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
      ANSIBLE_NOCOLOR: '1',
    },
  };
}

/** Ends the ControlPersist masters a run left in `dir` (they would linger for a minute). */
function endMasters(dir: string): string {
  return `for s in ${shq(dir)}/cp-*; do [ -S "$s" ] && ssh -o ControlPath="$s" -O exit x 2>/dev/null; done; true`;
}

/** The four sides for this lab. */
function tools(lab: Lab, engine: string): Tool[] {
  const ours: Tool = {
    name: 'ours: engine',
    ours: true,
    async prepare(n) {
      const work = scratch('bench-fanout-ours-');
      const file = join(work.dir, 'hosts.json');
      writeFileSync(
        file,
        JSON.stringify({
          hosts: lab.hosts.slice(0, n).map((h) => ({ name: h.name, address: h.address })),
          key: lab.clientKey,
          knownHosts: lab.knownHosts,
        }),
      );
      return {
        command: {
          argv: [process.execPath, engine, file, String(COMMANDS), String(n)],
          env: { ...process.env, SSH_AUTH_SOCK: '', HOME: work.dir, XDG_CONFIG_HOME: work.dir, XDG_STATE_HOME: work.dir },
        },
        check(s) {
          if (s.code !== 0 || !s.stdout.includes(`engine: ok ${COMMANDS * n} commands`)) throw new Error(s.stdout + s.stderr.slice(-800));
        },
        cleanup: work.remove,
      };
    },
    reported(s) {
      const m = /commands in ([\d.]+) s/.exec(s.stdout);
      return m ? Number(m[1]) * 1000 : null;
    },
  };
  const adhoc: Tool = {
    name: `ansible -m raw x${COMMANDS}`,
    repeatAt: slowRepeatAt,
    // BENCH_ADHOC_SIZES leaves the slowest peer out of the largest sizes (50 Ansible runs of 128 forks each)
    sizes: process.env.BENCH_ADHOC_SIZES?.split(',').map(Number),
    async prepare(n) {
      const work = scratch('bench-fanout-adhoc-');
      const { inventory, env } = ansibleSetup(lab, n, work.dir);
      const runs = Array.from(
        { length: COMMANDS },
        (_, i) => `ansible lab -i ${shq(inventory)} -m raw -a ${shq(fanoutCommand(i))} -f ${n} || exit 1`,
      ).join('\n');
      return {
        command: { argv: ['sh', '-c', runs], env },
        check(s) {
          const ok = (s.stdout.match(/ \| CHANGED \| rc=0 >>/g) ?? []).length;
          if (s.code !== 0 || ok !== COMMANDS * n) throw new Error(`${ok} of ${COMMANDS * n} commands`);
        },
        cleanup: async () => {
          await run('sh', ['-c', endMasters(work.dir)]);
          work.remove();
        },
      };
    },
  };
  const playbook: Tool = {
    name: `ansible-playbook, ${COMMANDS} raw tasks`,
    repeatAt: slowRepeatAt,
    // BENCH_PLAYBOOK_SIZES leaves it out of the largest sizes too (over 128 hosts at load 6-17 it ran about an hour)
    sizes: process.env.BENCH_PLAYBOOK_SIZES?.split(',').map(Number),
    async prepare(n) {
      const work = scratch('bench-fanout-play-');
      const { inventory, env } = ansibleSetup(lab, n, work.dir);
      const play = join(work.dir, 'fanout.yml');
      writeFileSync(
        play,
        `- hosts: lab\n  gather_facts: false\n  tasks:\n${Array.from({ length: COMMANDS }, (_, i) => `    - ansible.builtin.raw: ${JSON.stringify(fanoutCommand(i))}\n`).join('')}`,
      );
      return {
        command: { argv: ['ansible-playbook', '-i', inventory, play, '-f', String(n)], env },
        check(s) {
          const recaps = (s.stdout.match(new RegExp(`: ok=${COMMANDS} +changed=${COMMANDS} +unreachable=0 +failed=0`, 'g')) ?? []).length;
          if (s.code !== 0 || recaps !== n)
            throw new Error(`${recaps} of ${n} hosts recapped with ${COMMANDS} changed: ${s.stdout.slice(-800)}`);
        },
        cleanup: async () => {
          await run('sh', ['-c', endMasters(work.dir)]);
          work.remove();
        },
      };
    },
  };
  const mux: Tool = {
    name: 'OpenSSH multiplexed',
    repeatAt: slowRepeatAt,
    async prepare(n) {
      const work = scratch('bench-fanout-ssh-');
      const ssh = `ssh -i ${shq(lab.clientKey)} -o UserKnownHostsFile=${shq(lab.knownHosts)} -o StrictHostKeyChecking=yes -o BatchMode=yes -o ControlMaster=auto -o ControlPersist=30s -o ControlPath=${shq(work.dir)}/cp-%h`;
      const perHost = (address: string) =>
        `( ${Array.from({ length: COMMANDS }, (_, i) => `${ssh} root@${address} ${shq(fanoutCommand(i))} || exit 1`).join('; ')} ) &`;
      const script = `${lab.hosts
        .slice(0, n)
        .map((h) => perHost(h.address))
        .join('\n')}\nfail=0; for j in $(jobs -p); do wait $j || fail=1; done; exit $fail\n`;
      // a file, not `sh -c`: at 128 hosts the script is 6,400 ssh lines, past Linux's 128 KiB limit on one argument (E2BIG)
      const file = join(work.dir, 'fanout.sh');
      writeFileSync(file, script);
      return {
        command: { argv: ['sh', file] },
        check(s) {
          const lines = (s.stdout.match(/^fanout-\d+ /gm) ?? []).length;
          if (s.code !== 0 || lines !== COMMANDS * n) throw new Error(`${lines} of ${COMMANDS * n} outputs`);
        },
        cleanup: async () => {
          await run('sh', ['-c', endMasters(work.dir)]);
          work.remove();
        },
      };
    },
  };
  return [ours, adhoc, playbook, mux];
}

async function main(): Promise<void> {
  ensureBuilt(log);
  requireDebian(
    [
      ['ansible', 'ansible-core'],
      ['ssh', 'openssh-client'],
    ],
    log,
  );
  const [engine] = compileAgainstDist('fanout', ['engine-process.ts']);
  const max = Math.max(...SIZES);
  log(
    `bench/fanout: ${COMMANDS} commands per host; whole processes, start to exit; ${REPEAT} runs per tool and size; lab "${LAB_ID}" of ${max} hosts`,
  );
  log(`machine: ${machineLine()}`);
  const started = Date.now();
  const lab = await startLab({ id: LAB_ID, hosts: max, variety: false });
  log(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  try {
    const rows = await runSeries({ sizes: SIZES, repeat: REPEAT, tools: tools(lab, engine), unit: 'hosts', log });
    log('');
    log(formatTable(rows, { unit: 'hosts' }));
    log('reported s: the engine run as the process times it (connect, phase, close); wall s is fork to exit.');
    log(
      'target: ansible -m raw / ours >= 10x at every size. Every side works on all hosts at once (ours --parallel = hosts, Ansible forks = hosts).',
    );
    saveRows('fanout', rows);
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/fanout failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
