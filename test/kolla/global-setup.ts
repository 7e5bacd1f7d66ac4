// vitest globalSetup of the "kolla" project: installs the real kolla-ansible of every release into the
// per-machine cache before the first test file (a cold machine: the trixie root and four venvs, a few
// minutes; a warm one: well under a second per release), and says what it did. A release that
// cannot be installed fails the run with the reason.
import { ensureKolla } from './install.js';
import { KOLLA_RELEASES } from './releases.js';

/** Prepares every release; the tests then find them cached. */
export default async function setup(): Promise<void> {
  for (const release of KOLLA_RELEASES) {
    const start = Date.now();
    const k = await ensureKolla(release, (line) => process.stdout.write(`[kolla] ${line}\n`));
    const secs = ((Date.now() - start) / 1000).toFixed(1);
    process.stdout.write(
      `[kolla] kolla-ansible ${release}: ${k.built ? 'installed' : 'cached'} (${secs} s), ansible-core ${k.ansibleCore}, python ${k.python}, ` +
        `${k.where === 'trixie' ? 'Debian trixie root' : 'this machine'}, ${k.verdict}\n`,
    );
  }
}
