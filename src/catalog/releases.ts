// What each supported OpenStack release means for the tools and the hosts.
import type { Release } from '../types/spec.js';
import type { ReleaseInfo } from './types.js';

/** kolla-ansible and ansible-core versions and supported host systems per release. */
export const RELEASE_INFO: Record<Release, ReleaseInfo> = {
  '2025.1': {
    // kolla-ansible 20.x = 2025.1 Epoxy; its requirements.txt pins ansible-core>=2.17,<2.19.
    kollaAnsible: 'kolla-ansible>=20,<21',
    ansibleCore: 'ansible-core>=2.17,<2.19',
    // kolla-ansible 2025.1 support matrix (doc/source/user/support-matrix.rst).
    hostOs: [
      { id: 'ubuntu', versions: ['24.04'] },
      { id: 'debian', versions: ['12'] },
      { id: 'rocky', versions: ['9', '10'] },
      { id: 'centos', versions: ['9', '10'] },
    ],
    default: true,
    notes:
      "2025.1 (Epoxy), OSISM's default OpenStack release. Senlin cannot be deployed (dropped in kolla-ansible 18); " +
      'Redis is still offered (replaced by Valkey from 2025.2); Elasticsearch/Kibana are OpenSearch/OpenSearch Dashboards.',
  },
  '2023.2': {
    // kolla-ansible 17.x = 2023.2 Bobcat (end of life, tag 2023.2-eol); requirements.txt: ansible-core>=2.14,<2.16.
    kollaAnsible: 'kolla-ansible>=17,<18',
    ansibleCore: 'ansible-core>=2.14,<2.16',
    // kolla-ansible 2023.2 support matrix.
    hostOs: [
      { id: 'ubuntu', versions: ['22.04'] },
      { id: 'debian', versions: ['12'] },
      { id: 'rocky', versions: ['9'] },
      { id: 'centos', versions: ['9'] },
    ],
    default: false,
    notes:
      '2023.2 (Bobcat) is end of life upstream (tag 2023.2-eol) and receives no fixes; choose it only for Senlin, ' +
      'the last release whose kolla-ansible deploys it. Hosts run Ubuntu 22.04, Debian 12 or Rocky/CentOS 9.',
  },
};

/** The release used when a preset names none. */
export const DEFAULT_RELEASE: Release = '2025.1';
