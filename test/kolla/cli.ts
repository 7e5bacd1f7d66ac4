// `tsx test/kolla/cli.ts prepare [RELEASE...]`: install the real kolla-ansible of the releases into the
// per-machine cache (npm test calls it before the suite, so the time shows as a step of its own).
// `tsx test/kolla/cli.ts run RELEASE PROGRAM [ARG...]`: run one of the release's programs by hand
// (kolla-ansible, ansible-playbook, ...) with its environment, /tmp and the current directory visible.
import { ensureKolla } from './install.js';
import { KOLLA_RELEASES, type KollaRelease } from './releases.js';

function isRelease(s: string): s is KollaRelease {
  return (KOLLA_RELEASES as readonly string[]).includes(s);
}

async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'prepare') {
    const wanted = rest.length > 0 ? rest : [...KOLLA_RELEASES];
    const bad = wanted.filter((r) => !isRelease(r));
    if (bad.length > 0) {
      process.stderr.write(`unknown release ${bad.join(', ')}; known: ${KOLLA_RELEASES.join(', ')}\n`);
      return 2;
    }
    for (const release of wanted as KollaRelease[]) {
      const start = Date.now();
      const k = await ensureKolla(release, (line) => process.stdout.write(`  ${line}\n`));
      const secs = ((Date.now() - start) / 1000).toFixed(1);
      process.stdout.write(
        `kolla-ansible ${release}: ${k.built ? 'installed' : 'cached'} in ${secs} s (ansible-core ${k.ansibleCore}, python ${k.python}, ` +
          `${k.where === 'trixie' ? `trixie root ${k.root}` : 'this machine'}, ${k.verdict}) venv ${k.venv}\n`,
      );
    }
    return 0;
  }
  if (verb === 'run' && rest.length >= 2 && isRelease(rest[0]!)) {
    const k = await ensureKolla(rest[0]);
    const r = await k.run(rest.slice(1), { cwd: process.cwd(), binds: ['/tmp', process.cwd()] });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    return r.code;
  }
  process.stderr.write(
    'usage: tsx test/kolla/cli.ts prepare [RELEASE...]\n       tsx test/kolla/cli.ts run RELEASE PROGRAM [ARG...]\n' +
      `releases: ${KOLLA_RELEASES.join(', ')}\n`,
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
