// `npm run lab -- up|down|status [--id X] [--hosts N] [--plain] [--prefix 22]`: the SSH lab for humans.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabDescription, startLab, stopLab, type LabDescription, type LabHost } from './lab.js';

/** The ssh command line that logs in to a lab host with OpenSSH. */
export function sshCommandLine(d: LabDescription, h: LabHost): string {
  const opts = `-o UserKnownHostsFile=${d.knownHosts} -o StrictHostKeyChecking=yes`;
  const key = h.identityFile ? ` -i ${h.identityFile}` : '';
  let via = '';
  if (h.via) {
    const j = d.hosts.find((x) => x.name === h.via)!;
    via = ` -o ProxyCommand='ssh ${opts} -i ${j.identityFile} -W %h:%p ${j.user}@${j.address}'`;
  }
  return `ssh ${opts}${key}${via} ${h.user}@${h.address}`;
}

/** Prints a lab: one line per host with its kind and the ssh command line. */
function show(d: LabDescription): void {
  for (const h of d.hosts) {
    const alive = existsSync(join(h.dir, 'holder.pid')) && existsSync(`/proc/${readFileSync(join(h.dir, 'holder.pid'), 'utf8').trim()}`);
    const extra =
      h.kind === 'password'
        ? `   (password: cat ${join(d.dir, 'password')})`
        : h.become
          ? '   (then sudo -n)'
          : h.via
            ? `   (through ${h.via})`
            : '';
    process.stdout.write(
      `${h.name.padEnd(4)} ${h.kind.padEnd(9)} ${h.hostname.padEnd(14)} ${alive ? 'up  ' : 'DOWN'}  ${sshCommandLine(d, h)}${extra}\n`,
    );
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string', default: 'h' },
      hosts: { type: 'string', default: '4' },
      plain: { type: 'boolean', default: false },
      prefix: { type: 'string', default: '24' },
      kolla: { type: 'boolean', default: false },
      gluster: { type: 'boolean', default: false },
      'own-usr': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const verb = positionals[0];
  if (values.help || !verb || !['up', 'down', 'status'].includes(verb)) {
    process.stdout.write(
      'usage: npm run lab -- up|down|status [--id ID] [--hosts N] [--plain] [--prefix 22] [--kolla] [--gluster] [--own-usr]\n' +
        '  up      start (or restart) the lab: N hosts, 1..200 (default 4; h1 root, h2 sudo user, h3 password, h4 behind h1)\n' +
        '  down    remove it\n' +
        '  status  show its hosts and how to log in\n' +
        '  --plain every host root + key (no variety); --id defaults to "h" (the tests use "t")\n' +
        '  --prefix 22  the main network is a /22 (hosts in its first /24), for discovery of a wider range\n' +
        "  --kolla hosts as kolla-ansible's prechecks expect them: chronyd, dockerd, private /run (docs/lab.md)\n" +
        '  --gluster a real glusterd in every host (own state, /run and logs; docs/lab.md)\n' +
        '  --own-usr a private /usr in every host (apt-get may remove and install packages there)\n',
    );
    return verb && !values.help ? 2 : 0;
  }
  const id = values.id!;
  if (verb === 'down') {
    await stopLab(id);
    process.stdout.write(`lab ${id}: removed\n`);
    return 0;
  }
  if (verb === 'status') {
    const d = readLabDescription(id);
    if (!d) {
      process.stdout.write(`lab ${id}: not running\n`);
      return 1;
    }
    show(d);
    return 0;
  }
  const started = Date.now();
  if (values.prefix !== '24' && values.prefix !== '22') {
    process.stderr.write(`--prefix must be 24 or 22, got ${values.prefix}\n`);
    return 2;
  }
  const lab = await startLab({
    id,
    hosts: Number(values.hosts),
    variety: !values.plain,
    prefix: values.prefix === '22' ? 22 : 24,
    kolla: values.kolla,
    gluster: values.gluster,
    ownUsr: values['own-usr'],
  });
  process.stdout.write(`lab ${id}: ${lab.hosts.length} hosts up in ${((Date.now() - started) / 1000).toFixed(1)} s (dir ${lab.dir})\n`);
  show(lab);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
