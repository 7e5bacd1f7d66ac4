// The real kolla-ansible of every release is installed as real-kolla.md's recipe says, and runs with
// the ansible-core and python its own requirements ask for (read from the release's tarball), or is
// marked indicative when this machine has no ansible-core the release accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureKolla } from './install.js';
import { KOLLA_RELEASES, TEST_RELEASES } from './releases.js';

/** Whether version `v` (e.g. 2.19.11) satisfies a pip specifier list like ">=2.18,!=2.19.0,<2.20". */
function satisfies(v: string, spec: string): boolean {
  const parts = (s: string) => s.split('.').map(Number);
  const cmp = (a: string, b: string) => {
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  };
  return spec.split(',').every((c) => {
    const m = /^(>=|<=|==|!=|<|>)\s*([\d.]+)$/.exec(c.trim());
    if (!m) throw new Error(`cannot read the specifier ${c}`);
    const d = cmp(v, m[2]!);
    return { '>=': d >= 0, '<=': d <= 0, '==': d === 0, '!=': d !== 0, '<': d < 0, '>': d > 0 }[m[1]!]!;
  });
}

describe.each(KOLLA_RELEASES)('the real kolla-ansible %s', (release) => {
  it('is installed from its tarball and reports its version through its own CLI', async () => {
    const k = await ensureKolla(release);
    const r = await k.run(['kolla-ansible', '--version']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // kolla 17's bash CLI prints the bare version, the cliff CLI of 20+ "kolla-ansible <version>"
    expect(r.stdout.trim()).toMatch(new RegExp(`^(kolla-ansible )?${TEST_RELEASES[release].pbrVersion.replace(/\./g, '\\.')}$`));
  });

  it("runs with an ansible-core and a python the release's requirements accept, or is marked indicative", async () => {
    const k = await ensureKolla(release);
    const requirements = readFileSync(join(k.hostSrc, 'requirements.txt'), 'utf8');
    // 20+ pin ansible-core in requirements.txt; 17's bash CLI checks ANSIBLE_VERSION_MIN/MAX (major.minor, both inclusive)
    let ansibleSpec = /^ansible-core([^#;\s]+)/m.exec(requirements)?.[1];
    if (!ansibleSpec) {
      const script = readFileSync(join(k.hostSrc, 'tools', 'kolla-ansible'), 'utf8');
      const min = /^ANSIBLE_VERSION_MIN=([\d.]+)$/m.exec(script)![1]!;
      const [major, minor] = /^ANSIBLE_VERSION_MAX=([\d.]+)$/m.exec(script)![1]!.split('.').map(Number);
      ansibleSpec = `>=${min},<${major}.${minor! + 1}`;
    }
    expect(satisfies(k.ansibleCore, ansibleSpec!)).toBe(k.verdict === 'authoritative');
    const pythonSpec = /^python_requires\s*=\s*(\S+)/m.exec(readFileSync(join(k.hostSrc, 'setup.cfg'), 'utf8'))?.[1];
    expect(satisfies(k.python, pythonSpec!)).toBe(true);
  });

  it('runs with the venv activated and finds the openstack.kolla collection', async () => {
    const k = await ensureKolla(release);
    const r = await k.run(['sh', '-c', 'echo "$VIRTUAL_ENV"; command -v ansible-playbook; ansible-galaxy collection list openstack.kolla']);
    expect(r.code).toBe(0);
    const [venv, playbook] = r.stdout.split('\n');
    expect(venv).toBe(k.venv);
    expect(playbook).toBe(`${k.venv}/bin/ansible-playbook`);
    expect(r.stdout).toMatch(/^openstack\.kolla\s+\d/m);
  });
});
