// exportPreset: a Spec as a commented YAML preset (a comment per section with its allowed values)
// that loadPreset reads back to the same Spec.
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Pair, Scalar } from 'yaml';
import { DEFAULT_RELEASE } from '../catalog/index.js';
import { RELEASES, ROLES } from '../types/spec.js';
import type { HostSpec, Spec } from '../types/spec.js';

/** One comment per top-level key: what it is and the values it takes. */
export const SECTION_COMMENTS: Record<keyof Spec, string> = {
  version: 'Preset format version; this installer reads version 1.',
  name: 'Deployment name; the installer saves its state under it (letters, digits, ".", "_", "-").',
  release: `OpenStack release: ${RELEASES.map((r) => `"${r}"`).join(' | ')} (${DEFAULT_RELEASE} is the default; 2023.2 is end of life, only for Senlin).`,
  ssh:
    'How every host is reached (flags -l -i -p -J --password-env --host-keys override this).\n' +
    'hostKeys: strict | accept-new; become: sudo | null; passwordEnv names an environment variable\n' +
    '(secrets never go into a preset); identityFile, jumpHost, knownHosts: null for none / the default.',
  hosts:
    `Hosts: name (hostname), address (IP, DNS name or local), roles from ${ROLES.join(', ')};\n` +
    'optional interfaces {network, external, tunnel} and ssh overrides {user, port, identityFile, jumpHost, become, passwordEnv}.',
  discover: 'Optional discovery: targets (CIDRs, ranges like 10.0.0.10-20, names), roles: auto | none; null = off.',
  network:
    'Cluster network: default interfaces (per-host ones go under hosts[].interfaces), internalVip (an unused address in\n' +
    'the API subnet), externalVip (null = the internal VIP), virtualRouterId (keepalived, 0-255, unique on the segment).',
  services: 'Seed service ids (docs/catalog.md); hard dependencies are added automatically.',
  backends:
    'compute: auto | kvm | qemu; network: ovn | openvswitch (linuxbridge is refused); dvr: true | false (refused with octavia);\n' +
    'storage: ceph | glusterfs | none. ceph: osdDevices auto | [devices] | {host: [devices]}, replicas, rgw, cephfs;\n' +
    'glusterfs: volume, replicas, brickPath.',
  deploy:
    'Deploy host (a host name or local), kolla config dir (--configdir), kolla-ansible command, Ansible forks,\n' +
    'pipIndex (offline pip index URL or wheelhouse directory, null = PyPI), collectionsDir (offline: a directory on the\n' +
    "manager made by `ansible-galaxy collection download` of kolla's requirements; absent = kolla-ansible install-deps),\n" +
    'toolsSource (offline: a URL base or directory on the hosts with cephadm-<version> and docker-compose-<version>-linux-<arch>;\n' +
    "absent = download.ceph.com and GitHub releases), registry (the registry or mirror with kolla's images, host[:port] or\n" +
    "http://host[:port]; absent = quay.io), proxy (http://host:port for pip, the source checks and the hosts' containers),\n" +
    "managerBind (where the manager services publish their ports: internal = the manager's API address, all, or one of its addresses).",
  options:
    "Service settings kolla cannot default: designate.nsRecords (the NS records of your zones, null = kolla's example\n" +
    "ns1.example.org), designate.dnsDomain (Neutron's DNS domain; default: the first NS record's parent domain);\n" +
    "ironic.dhcpRanges (the provisioning network's ranges {start, end, gateway}; ironic needs them), ironic.agentKernel\n" +
    'and ironic.agentInitramfs (the ironic-python-agent images: an http(s) URL or a path on the manager; ironic needs them).',
};

function hostObject(host: HostSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: host.name, address: host.address, roles: [...host.roles] };
  if (host.interfaces && Object.keys(host.interfaces).length) out.interfaces = { ...host.interfaces };
  if (host.ssh && Object.keys(host.ssh).length) out.ssh = { ...host.ssh };
  return out;
}

/** The Spec as commented YAML; `loadPreset(exportPreset(spec))` gives back `spec`. */
export function exportPreset(spec: Spec): string {
  const data: Partial<Record<keyof Spec, unknown>> = {
    version: 1,
    name: spec.name,
    release: spec.release,
    ssh: {
      user: spec.ssh.user,
      port: spec.ssh.port,
      identityFile: spec.ssh.identityFile,
      jumpHost: spec.ssh.jumpHost,
      become: spec.ssh.become,
      hostKeys: spec.ssh.hostKeys,
      passwordEnv: spec.ssh.passwordEnv,
      knownHosts: spec.ssh.knownHosts,
    },
    hosts: spec.hosts.map(hostObject),
    discover: spec.discover ? { targets: [...spec.discover.targets], roles: spec.discover.roles } : null,
    network: {
      interface: spec.network.interface,
      externalInterface: spec.network.externalInterface,
      internalVip: spec.network.internalVip,
      externalVip: spec.network.externalVip,
      virtualRouterId: spec.network.virtualRouterId,
    },
    services: [...spec.services],
    backends: {
      compute: spec.backends.compute,
      network: spec.backends.network,
      dvr: spec.backends.dvr,
      storage: spec.backends.storage,
      ceph: {
        osdDevices: spec.backends.ceph.osdDevices,
        replicas: spec.backends.ceph.replicas,
        rgw: spec.backends.ceph.rgw,
        cephfs: spec.backends.ceph.cephfs,
      },
      glusterfs: {
        volume: spec.backends.glusterfs.volume,
        replicas: spec.backends.glusterfs.replicas,
        brickPath: spec.backends.glusterfs.brickPath,
      },
    },
    deploy: {
      host: spec.deploy.host,
      configDir: spec.deploy.configDir,
      kollaAnsible: spec.deploy.kollaAnsible,
      forks: spec.deploy.forks,
      pipIndex: spec.deploy.pipIndex,
      ...(spec.deploy.collectionsDir ? { collectionsDir: spec.deploy.collectionsDir } : {}),
      ...(spec.deploy.toolsSource ? { toolsSource: spec.deploy.toolsSource } : {}),
      ...(spec.deploy.registry ? { registry: spec.deploy.registry } : {}),
      ...(spec.deploy.proxy ? { proxy: spec.deploy.proxy } : {}),
      ...(spec.deploy.managerBind ? { managerBind: spec.deploy.managerBind } : {}),
    },
  };
  if (spec.options) {
    const { designate, ironic } = spec.options;
    // optional keys are written only when the Spec has them, so the preset reads back to the same Spec
    const defined = (entries: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
    data.options = {
      designate: defined({ nsRecords: designate.nsRecords ? [...designate.nsRecords] : null, dnsDomain: designate.dnsDomain }),
      ironic: defined({
        dhcpRanges: ironic.dhcpRanges.map((d) => ({ start: d.start, end: d.end, gateway: d.gateway })),
        agentKernel: ironic.agentKernel,
        agentInitramfs: ironic.agentInitramfs,
      }),
    };
  }
  const doc = new Document(data);
  doc.commentBefore = ` osism-installer preset (format version 1): osism-installer apply --preset <this file>\n Deployment "${spec.name}", written by the installer; edit freely, then check with: osism-installer validate --preset <this file>`;
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items as Pair<Scalar, unknown>[]) {
      const key = (isScalar(pair.key) ? pair.key.value : String(pair.key)) as keyof Spec;
      if (isScalar(pair.key)) pair.key.spaceBefore = key !== 'version';
      if (isScalar(pair.key))
        pair.key.commentBefore = SECTION_COMMENTS[key]
          .split('\n')
          .map((l) => ` ${l}`)
          .join('\n');
      // Hosts and short lists read best on one line each.
      if (key === 'hosts' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      if (key === 'discover' && isMap(pair.value)) pair.value.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0 });
}
