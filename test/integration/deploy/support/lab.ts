// The lab the deploy tests run on: the shared lab (test/lab/lab.ts, startLab with our own id
// 'dp') when it is in the tree, else the deploy tests' own mini lab with the same shape.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../helpers/shared.js';
import { startMiniLab, type MiniLab } from './mini-lab.js';

/** The parts of a lab the deploy tests use. */
export type DeployLab = Pick<MiniLab, 'id' | 'hosts' | 'clientKey' | 'hostExec' | 'killSshd' | 'startSshd' | 'stop'>;

/** Starts `hosts` plain root+key hosts under lab id `id`. */
export async function startDeployLab(id: string, hosts: number): Promise<DeployLab> {
  const shared = join(repoRoot, 'test', 'lab', 'lab.ts');
  if (existsSync(shared)) {
    const mod = (await import(shared)) as { startLab: (o: { id: string; hosts: number; variety: boolean }) => Promise<DeployLab> };
    const lab = await mod.startLab({ id, hosts, variety: false });
    // the stand-ins go on every host's PATH inside its own mount namespace (product code never knows)
    for (const h of lab.hosts) {
      const r = await lab.hostExec(h.name, `d=$(mktemp -d) && for t in kolla-ansible cephadm docker gluster rally; do ln -s ${join(repoRoot, 'test', 'standins', 'bin')}/$t $d/$t; done && mount --bind $d /usr/local/bin`);
      if (r.code !== 0) throw new Error(`cannot put the stand-ins on ${h.name}'s PATH: ${r.stderr}`);
    }
    return lab;
  }
  return startMiniLab({ id, hosts });
}
