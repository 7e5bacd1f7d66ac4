// bench/scan (`npm run bench:scan`): the hardware scan of 4, 16, 64 and 128 lab hosts (one lab of the
// largest size, id 'bn', plain root+key hosts), each a whole process timed start to exit, side by side
// in one run, interleaved so machine load hits all of them alike:
//   1. ours: `node dist/main.js scan HOST...` (the built CLI; one ssh2 connection and one exec per host);
//   2. `ansible all -m setup` (Debian's ansible-core), forks = hosts, fresh ControlPersist dir per run;
//   3. parallel OpenSSH: one `ssh host sh -s < SCAN_SCRIPT` per host, all at once, from one shell.
// Every run is cold (connects from scratch) and must bring facts back from every host.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCAN_SCRIPT } from '../../src/hosts/facts/index.js';
import { shq } from '../../src/hosts/shell-quote.js';
import { startLab, type Lab } from '../../test/lab/lab.js';
import { benchRepeat, benchSizes, CLI, ensureBuilt, machineLine, requireDebian, saveRows, slowRepeatAt } from '../lib/env.js';
import { run } from '../lib/run.js';
import { formatTable, runSeries, type Tool } from '../lib/series.js';

const SIZES = benchSizes();
const REPEAT = benchRepeat();
const LAB_ID = process.env.BENCH_LAB_ID ?? 'bn';
const log = (l: string) => process.stdout.write(l + '\n');

/** A scratch directory removed by the returned function. */
function scratch(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The three sides for this lab. */
function tools(lab: Lab): Tool[] {
  const hosts = (n: number) => lab.hosts.slice(0, n);
  const ours: Tool = {
    name: 'ours: scan',
    ours: true,
    async prepare(n) {
      const home = scratch('bench-scan-home-');
      return {
        command: {
          argv: [
            process.execPath,
            CLI,
            'scan',
            '-i',
            lab.clientKey,
            '--known-hosts',
            lab.knownHosts,
            '--host-keys',
            'strict',
            ...hosts(n).map((h) => h.address),
          ],
          env: { ...process.env, SSH_AUTH_SOCK: '', HOME: home.dir, XDG_CONFIG_HOME: home.dir, XDG_STATE_HOME: home.dir },
        },
        check(s) {
          if (s.code !== 0)
            throw new Error(
              s.stdout
                .split('\n')
                .filter((l, i, all) => / FAILED$/.test(l) || / FAILED$/.test(all[i - 1] ?? ''))
                .join('\n')
                .slice(-1500) || s.stdout.slice(-500),
            );
          if (!new RegExp(`^${n} hosts? scanned in`, 'm').test(s.stdout)) throw new Error(`no "${n} hosts scanned" line`);
          const answered = (s.stdout.match(/ {2}hostname lab-/g) ?? []).length;
          if (answered !== n) throw new Error(`${answered} of ${n} hosts reported a hostname`);
        },
        cleanup: home.remove,
      };
    },
    reported(s) {
      const m = /scanned in ([\d.]+) s/.exec(s.stdout);
      return m ? Number(m[1]) * 1000 : null;
    },
  };
  const ansible: Tool = {
    name: 'ansible -m setup',
    repeatAt: slowRepeatAt,
    async prepare(n) {
      const work = scratch('bench-scan-ansible-');
      const inventory = join(work.dir, 'inventory');
      writeFileSync(
        inventory,
        [
          '[lab]',
          ...hosts(n).map(
            (h) =>
              `${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${lab.clientKey} ansible_python_interpreter=/usr/bin/python3`,
          ),
        ].join('\n') + '\n',
      );
      return {
        command: {
          argv: ['ansible', 'all', '-i', inventory, '-m', 'setup', '-f', String(n), '--tree', join(work.dir, 'tree')],
          env: {
            ...process.env,
            ANSIBLE_SSH_ARGS: `-o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=${lab.knownHosts} -o StrictHostKeyChecking=yes`,
            ANSIBLE_SSH_CONTROL_PATH_DIR: join(work.dir, 'cp'),
            ANSIBLE_LOCAL_TEMP: join(work.dir, 'tmp'),
            ANSIBLE_NOCOLOR: '1',
          },
        },
        check(s) {
          if (s.code !== 0) throw new Error(s.stdout.slice(-1000));
          const facts = readdirSync(join(work.dir, 'tree')).filter((f) =>
            readFileSync(join(work.dir, 'tree', f), 'utf8').includes('"ansible_hostname": "lab-'),
          );
          if (facts.length !== n) throw new Error(`${facts.length} of ${n} hosts returned facts`);
        },
        async cleanup() {
          // end this run's persistent masters so they do not linger
          await run('sh', [
            '-c',
            `for s in ${shq(join(work.dir, 'cp'))}/*; do [ -S "$s" ] && ssh -o ControlPath="$s" -O exit x 2>/dev/null; done; true`,
          ]);
          work.remove();
        },
      };
    },
  };
  const openssh: Tool = {
    name: 'parallel OpenSSH',
    async prepare(n) {
      const work = scratch('bench-scan-ssh-');
      const script = join(work.dir, 'scan.sh');
      writeFileSync(script, SCAN_SCRIPT);
      const ssh = `ssh -o BatchMode=yes -o UserKnownHostsFile=${shq(lab.knownHosts)} -o StrictHostKeyChecking=yes -o ControlMaster=no -i ${shq(lab.clientKey)}`;
      const all = hosts(n)
        .map((h) => `${ssh} root@${h.address} 'sh -s' <${shq(script)} >${shq(join(work.dir, `${h.name}.out`))} &`)
        .join('\n');
      return {
        command: { argv: ['sh', '-c', `${all}\nwait\n`] },
        check() {
          const outs = readdirSync(work.dir).filter((f) => f.endsWith('.out'));
          const good = outs.filter((f) => readFileSync(join(work.dir, f), 'utf8').includes('@@@ hostname\nlab-'));
          if (good.length !== n) throw new Error(`${good.length} of ${n} hosts printed a bundle`);
        },
        cleanup: work.remove,
      };
    },
  };
  return [ours, ansible, openssh];
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
  const max = Math.max(...SIZES);
  log(`bench/scan: whole processes, start to exit; ${REPEAT} runs per tool and size; lab "${LAB_ID}" of ${max} hosts`);
  log(`machine: ${machineLine()}`);
  const started = Date.now();
  const lab = await startLab({ id: LAB_ID, hosts: max, variety: false });
  log(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  try {
    const rows = await runSeries({ sizes: SIZES, repeat: REPEAT, tools: tools(lab), unit: 'hosts', log });
    log('');
    log(formatTable(rows, { unit: 'hosts' }));
    log('reported s: what `scan` prints as its own time ("N hosts scanned in X s"); wall s is fork to exit.');
    log('targets: ansible -m setup / ours >= 10x at 16, 64 and 128 hosts; parallel OpenSSH / ours >= 1.0 at every size.');
    saveRows('scan', rows);
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/scan failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
