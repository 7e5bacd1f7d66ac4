// bench/discover (`npm run bench:discover`): find the SSH servers of a /24 and of a /22 in which 4, 16,
// 64 and 128 lab hosts are alive (one lab of 128 hosts on a /22, id 'bd'; the hosts beyond the size have
// their link cut, so they are as silent as empty addresses), each a whole process timed start to exit:
//   1. ours: `node dist/main.js discover RANGE` (probe, banner and host key fingerprint of every server);
//   2. `nmap -sT -p22 -n RANGE` (Debian's nmap, as root: ARP ping, then TCP connect): no banners, no keys;
//   3. nmap, then `ssh-keyscan` of the open addresses: what an operator runs to get the keys ours prints.
//      (-T 30: its default 5 s lost 3 of 64 keys at load 20, which stopped the benchmark; it only waits longer)
// Every run must find exactly the live hosts (and ours their keys, known to the lab's known_hosts).
import { startLab, type Lab } from '../../test/lab/lab.js';
import { benchRepeat, benchSizes, CLI, ensureBuilt, machineLine, requireDebian, saveRows } from '../lib/env.js';
import { formatTable, runSeries, type Tool } from '../lib/series.js';

const SIZES = benchSizes();
const REPEAT = benchRepeat();
const LAB_ID = process.env.BENCH_LAB_ID ?? 'bd';
const log = (l: string) => process.stdout.write(l + '\n');

/** The three sides for one range. */
function tools(lab: Lab, range: string): Tool[] {
  const ours: Tool = {
    name: 'ours: discover',
    ours: true,
    async prepare(n) {
      return {
        command: { argv: [process.execPath, CLI, 'discover', range, '--known-hosts', lab.knownHosts] },
        check(s) {
          if (s.code !== 0) throw new Error(s.stdout.slice(-500));
          if (!new RegExp(`probed in [\\d.]+ s: ${n} SSH servers?(;|$)`, 'm').test(s.stdout))
            throw new Error(
              `not "${n} SSH servers": ${s.stdout
                .split('\n')
                .filter((l) => !/  known$/.test(l))
                .join('\n')
                .slice(-1500)}`,
            );
          const keyed = s.stdout.split('\n').filter((l) => / ssh-ed25519 SHA256:\S+ {2}known$/.test(l)).length;
          if (keyed !== n)
            throw new Error(
              `${keyed} of ${n} servers with a known host key fingerprint: ${s.stdout
                .split('\n')
                .filter((l) => !/  known$/.test(l))
                .join('\n')
                .slice(-1500)}`,
            );
        },
      };
    },
    reported(s) {
      const m = /probed in ([\d.]+) s/.exec(s.stdout);
      return m ? Number(m[1]) * 1000 : null;
    },
  };
  const nmap: Tool = {
    name: 'nmap -sT -p22',
    async prepare(n) {
      return {
        command: { argv: ['nmap', '-sT', '-p22', '-n', range, '-oG', '-'] },
        check(s) {
          const open = (s.stdout.match(/Ports: 22\/open\//g) ?? []).length;
          if (s.code !== 0 || open !== n) throw new Error(`${open} of ${n} open`);
        },
      };
    },
  };
  const keyscan: Tool = {
    name: 'nmap, then ssh-keyscan',
    async prepare(n) {
      return {
        command: {
          argv: [
            'sh',
            '-c',
            `nmap -sT -p22 -n ${range} -oG - | awk '/Ports: 22\\/open\\//{print $2}' | xargs -r ssh-keyscan -t ed25519 -T 30 2>/dev/null`,
          ],
        },
        check(s) {
          const keys = s.stdout.split('\n').filter((l) => / ssh-ed25519 AAAA/.test(l)).length;
          if (keys !== n) throw new Error(`${keys} of ${n} keys`);
        },
      };
    },
  };
  return [ours, nmap, keyscan];
}

/** Cuts the links of the hosts beyond the first n and restores the first n. */
async function alive(lab: Lab, n: number): Promise<void> {
  for (const [i, h] of lab.hosts.entries()) await lab.partition(h.name, i >= n);
}

async function main(): Promise<void> {
  ensureBuilt(log);
  requireDebian(
    [
      ['nmap', 'nmap'],
      ['ssh-keyscan', 'openssh-client'],
    ],
    log,
  );
  const max = Math.max(...SIZES);
  log(`bench/discover: whole processes, start to exit; ${REPEAT} runs per tool and size; lab "${LAB_ID}" of ${max} hosts on a /22`);
  log(`machine: ${machineLine()}`);
  const started = Date.now();
  const lab = await startLab({ id: LAB_ID, hosts: max, variety: false, prefix: 22 });
  log(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const [a, b, c] = lab.gateway.split('.');
  try {
    for (const range of [`${a}.${b}.${c}.0/24`, `${a}.${b}.${c}.0/22`]) {
      log(`${range}:`);
      const rows = await runSeries({
        sizes: SIZES,
        repeat: REPEAT,
        tools: tools(lab, range),
        unit: 'live hosts',
        log,
        beforeSize: (n) => alive(lab, n),
      });
      saveRows(`discover ${range.slice(range.indexOf('/'))}`, rows, { range });
      log('');
      log(`discovery of ${range} (${range.endsWith('/24') ? 254 : 1022} addresses):`);
      log(formatTable(rows, { unit: 'live hosts' }));
    }
    log('reported s: what `discover` prints as its own time; wall s is fork to exit.');
    log('target: nmap -sT -p22 / ours >= 1.0 (no slower than nmap while also fetching every host key).');
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/discover failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
