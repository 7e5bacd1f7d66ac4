// What each supported OpenStack release means for the tools and the hosts. Every fact comes from the
// release's own kolla-ansible source (../shared/reference/kolla-ansible/src/kolla-ansible-<ref>.tar.gz);
// docs/releases.md names the file of each, and test/unit/catalog/releases.test.ts reads them back.
import type { Release } from '../types/spec.js';
import type { ReleaseInfo } from './types.js';

/** kolla-ansible and ansible-core versions, Python, supported host systems and status per release. */
export const RELEASE_INFO: Record<Release, ReleaseInfo> = {
  '2026.1': {
    name: 'Gazpacho',
    // stable/2026.1: kolla-ansible 22.x; requirements.txt ansible-core>=2.19,!=2.19.0,<2.21; setup.cfg python_requires >=3.11
    kollaAnsible: 'kolla-ansible>=22,<23',
    ansibleCore: 'ansible-core>=2.19,!=2.19.0,<2.21',
    python: '3.11',
    // ansible/roles/prechecks/vars/main.yml host_os_distributions (the support matrix lists Debian 13 only; prechecks accept 12 too)
    hostOs: [
      { id: 'ubuntu', versions: ['24.04'] },
      { id: 'debian', versions: ['12', '13'] },
      { id: 'rocky', versions: ['10'] },
      { id: 'centos', versions: ['10'] },
    ],
    default: true,
    status: 'maintained',
    slurp: true,
    booleans: 'true-false',
    statusLine: 'newest; maintained; SLURP (skip-level upgrade from 2025.1); the default',
    notes:
      '2026.1 (Gazpacho), kolla-ansible 22: the newest maintained release and a SLURP release (2025.1 upgrades to it directly). ' +
      'Valkey instead of Redis; kolla-ansible 22 no longer deploys Zun, Kuryr, InfluxDB, Telegraf or Venus; CloudKitty stores ratings in MariaDB. ' +
      'Hosts run Ubuntu 24.04, Debian 12 or 13, or Rocky/CentOS 10; the manager needs Python >= 3.11 and ansible-core 2.19-2.20.',
  },
  '2025.2': {
    name: 'Flamingo',
    // stable/2025.2: kolla-ansible 21.x; requirements.txt ansible-core>=2.18,!=2.19.0,<2.20; python_requires >=3.11
    kollaAnsible: 'kolla-ansible>=21,<22',
    ansibleCore: 'ansible-core>=2.18,!=2.19.0,<2.20',
    python: '3.11',
    hostOs: [
      { id: 'ubuntu', versions: ['24.04'] },
      { id: 'debian', versions: ['12'] },
      { id: 'rocky', versions: ['10'] },
      { id: 'centos', versions: ['10'] },
    ],
    default: false,
    status: 'maintained',
    slurp: false,
    booleans: 'yes-no',
    statusLine: 'maintained; not SLURP (its successor 2026.1 is)',
    notes:
      '2025.2 (Flamingo), kolla-ansible 21: maintained. Valkey replaces Redis (kolla-ansible 21 removed its redis role); Venus and the separate ' +
      'Ironic Inspector are gone. Hosts run Ubuntu 24.04, Debian 12 or Rocky/CentOS 10; the manager needs Python >= 3.11 and ansible-core 2.18-2.19.',
  },
  '2025.1': {
    name: 'Epoxy',
    // stable/2025.1: kolla-ansible 20.x; requirements.txt ansible-core>=2.17,<2.19; python_requires >=3.10
    kollaAnsible: 'kolla-ansible>=20,<21',
    ansibleCore: 'ansible-core>=2.17,<2.19',
    python: '3.10',
    hostOs: [
      { id: 'ubuntu', versions: ['24.04'] },
      { id: 'debian', versions: ['12'] },
      { id: 'rocky', versions: ['9', '10'] },
      { id: 'centos', versions: ['9', '10'] },
    ],
    default: false,
    status: 'maintained',
    slurp: true,
    booleans: 'yes-no',
    statusLine: 'maintained; SLURP (upgrades to 2025.2, or straight to 2026.1)',
    notes:
      "2025.1 (Epoxy), kolla-ansible 20: maintained and a SLURP release (OSISM's current OpenStack). Senlin cannot be deployed (dropped in " +
      'kolla-ansible 18); Redis is still offered (replaced by Valkey from 2025.2); Elasticsearch/Kibana are OpenSearch/OpenSearch Dashboards.',
  },
  '2023.2': {
    name: 'Bobcat',
    // tag 2023.2-eol: kolla-ansible 17.x, bash CLI with ANSIBLE_VERSION_MIN=2.14 / MAX=2.15; python_requires >=3.8
    kollaAnsible: 'kolla-ansible>=17,<18',
    ansibleCore: 'ansible-core>=2.14,<2.16',
    python: '3.8',
    hostOs: [
      { id: 'ubuntu', versions: ['22.04'] },
      { id: 'debian', versions: ['11', '12'] },
      { id: 'rocky', versions: ['9'] },
      { id: 'centos', versions: ['9'] },
      { id: 'openEuler', versions: ['22.03'] },
    ],
    default: false,
    status: 'end-of-life',
    slurp: false,
    booleans: 'yes-no',
    statusLine: 'END OF LIFE upstream (tag 2023.2-eol): only for Senlin',
    notes:
      '2023.2 (Bobcat) is end of life upstream (tag 2023.2-eol) and receives no fixes; choose it only for Senlin, ' +
      'the last release whose kolla-ansible deploys it. Hosts run Ubuntu 22.04, Debian 11 or 12, Rocky/CentOS 9 or openEuler 22.03.',
  },
};

/** The release used when a preset names none. */
export const DEFAULT_RELEASE: Release = '2026.1';
