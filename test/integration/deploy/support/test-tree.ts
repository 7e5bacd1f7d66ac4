// A small Kolla-style tree for the deploy tests while the renderer (src/render) is not in the
// tree: the inventory groups the stand-in playbooks use (kolla's top-level groups and
// baremetal/common children), globals.yml and passwords.yml. Written by hand from
// ../shared/reference/kolla-ansible/multinode's top-level layout.
import type { Spec } from '../../../../src/types/spec.js';

/** A rendered-file shape (path relative to the tree root). */
export interface TestFile {
  path: string;
  content: string;
  mode: number;
}

/** Passwords used by the tests (found in no log: the tests check). */
export const TEST_PASSWORDS = { keystone_admin_password: 'kS-admin-4d1f9a77c2', database_password: 'db-root-8e2b61c0f4' };

/** The tree for a spec. */
export function testTree(spec: Spec): TestFile[] {
  const inGroup = (role: string): string => spec.hosts.filter((h) => h.roles.includes(role as never)).map((h) => h.name).join('\n');
  const inventory = [
    ...['control', 'network', 'compute', 'monitoring', 'storage'].map((g) => `[${g}]\n${inGroup(g)}\n`),
    '[deployment]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
    '[baremetal:children]\ncontrol\nnetwork\ncompute\nstorage\nmonitoring\n',
    '[common:children]\ncontrol\nnetwork\ncompute\nstorage\nmonitoring\n',
  ].join('\n');
  return [
    { path: 'inventory/multinode', content: inventory, mode: 0o644 },
    ...spec.hosts.map((h) => ({
      path: `inventory/host_vars/${h.name}.yml`,
      content: `ansible_host: ${h.address}\nansible_python_interpreter: /usr/bin/python3\nnetwork_interface: eth0\n`,
      mode: 0o644,
    })),
    { path: 'globals.yml', content: `kolla_internal_vip_address: "${spec.network.internalVip}"\nopenstack_release: "${spec.release}"\n`, mode: 0o644 },
    { path: 'passwords.yml', content: Object.entries(TEST_PASSWORDS).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n', mode: 0o640 },
    { path: 'manager/homer/docker-compose.yml', content: 'services:\n  homer:\n    image: b4bz/homer:latest\n', mode: 0o644 },
  ];
}
