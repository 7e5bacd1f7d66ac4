// globals.yml: each service's kolla flags from the catalog, only names kolla knows for the release
// (checked against ../shared's variable lists), "yes"/"no" strings, nothing per-host.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG, RELEASE_INFO, servicesFor } from '../../../src/catalog/index.js';
import { resolveServices } from '../../../src/plan/index.js';
import { RELEASES, type BackendsSpec, type HostSpec, type Release, type ServiceOptions, type Spec } from '../../../src/types/spec.js';
import { file, referenceVariables, render } from './helpers.js';
import { haHosts, makeSpec } from './spec-fixture.js';

/** Every role on some host: three controllers (network, monitoring too), two compute+storage hosts. */
const HOSTS = haHosts();
const BASE = makeSpec({ hosts: HOSTS });

/** globals.yml of a render, parsed. */
function globalsOf(spec: Spec): Record<string, unknown> {
  return parse(file(render(spec), 'globals.yml')) as Record<string, unknown>;
}

/** A Spec with these services and backends. */
function specWith(release: Release, services: string[], backends: Partial<BackendsSpec> = {}, hosts: HostSpec[] = HOSTS): Spec {
  return { ...BASE, release, hosts, services, backends: { ...BASE.backends, ...backends } };
}

/** Options for Designate and Ironic: two NS records, a range with a gateway and one without. */
const OPTIONS: ServiceOptions = {
  designate: { nsRecords: ['ns1.cloud.example.com', 'ns2.cloud.example.com'] },
  ironic: {
    dhcpRanges: [
      { start: '10.0.5.100', end: '10.0.5.200', gateway: '10.0.5.1' },
      { start: '10.0.6.100', end: '10.0.6.120', gateway: null },
    ],
  },
};

/** A catalog value ("yes"/"no") as the release's own globals.yml writes booleans (RELEASE_INFO.booleans, checked against the release). */
function asRelease(release: Release, value: string): unknown {
  return RELEASE_INFO[release].booleans === 'true-false' && (value === 'yes' || value === 'no') ? value === 'yes' : value;
}

/** Backend combinations the variable-list check renders each release with. */
const COMBINATIONS: Partial<BackendsSpec>[] = [
  { storage: 'none', network: 'ovn', compute: 'kvm' },
  { storage: 'ceph', network: 'openvswitch', compute: 'qemu', ceph: { osdDevices: 'auto', replicas: 2, rgw: true, cephfs: true } },
  { storage: 'glusterfs', network: 'openvswitch', dvr: true, compute: 'auto' },
];

describe('globals.yml flags per service', () => {
  for (const release of RELEASES) {
    for (const entry of servicesFor(release)) {
      const support = entry.releases[release];
      if (Object.keys(support.kollaFlags).length === 0 && Object.keys(support.kollaFlagsOff ?? {}).length === 0) continue;
      it(`${release}: ${entry.id} on writes its catalog flags, off writes its off flags`, () => {
        // Expected values are the catalog's data for the entry; nova_compute_virt_type is per host (host_vars).
        const on = globalsOf(specWith(release, [entry.id]));
        for (const [key, value] of Object.entries(support.kollaFlags)) {
          if (key === 'nova_compute_virt_type') continue;
          expect(on[key], `${key} with ${entry.id} on`).toBe(asRelease(release, value));
        }
        if (entry.core) return;
        // Off: a Spec with only Keystone (and what the plan layer adds to it); keys an "on" service sets win.
        const minimal = specWith(release, ['keystone']);
        const deployed = resolveServices(minimal).services;
        if (deployed.includes(entry.id)) return;
        const setByOn = new Set(deployed.flatMap((id) => Object.keys(CATALOG.find((e) => e.id === id)!.releases[release].kollaFlags)));
        const off = globalsOf(minimal);
        for (const [key, value] of Object.entries(support.kollaFlagsOff ?? {})) {
          if (!setByOn.has(key)) expect(off[key], `${key} with ${entry.id} off`).toBe(asRelease(release, value));
        }
      });
    }
  }
});

describe('globals.yml names and values', () => {
  for (const release of RELEASES) {
    it(`${release}: every key exists in the reference variable list, for every service and backend combination`, () => {
      const variables = referenceVariables(release);
      const everything = servicesFor(release).map((e) => e.id);
      const specs = [
        ...servicesFor(release).map((e) => specWith(release, [e.id])),
        // DVR is refused together with Octavia, Manila together with GlusterFS: those combinations go without them.
        ...COMBINATIONS.map((b) =>
          specWith(
            release,
            everything.filter((id) => !(b.dvr && id === 'octavia') && !(b.storage === 'glusterfs' && id === 'manila')),
            b,
          ),
        ),
        { ...specWith(release, everything), network: { ...BASE.network, externalVip: '10.0.0.251' } },
        { ...specWith(release, everything), options: OPTIONS },
        // an offline or proxied site: its registry mirror and proxy
        { ...specWith(release, ['keystone']), deploy: { ...BASE.deploy, registry: 'http://10.0.0.5:5000', proxy: 'http://10.0.0.6:3128' } },
      ];
      for (const spec of specs) {
        const keys = Object.keys(globalsOf(spec));
        const unknown = keys.filter((k) => !variables.has(k));
        expect(unknown, `services ${spec.services.join(',')} backends ${JSON.stringify(spec.backends)}`).toEqual([]);
      }
    });
  }

  it('writes booleans as the strings "yes"/"no" and never a per-host variable', () => {
    const text = file(
      render(
        specWith(
          '2025.1',
          servicesFor('2025.1').map((e) => e.id),
          COMBINATIONS[1],
        ),
      ),
      'globals.yml',
    );
    const lines = text.split('\n').filter((l) => /^[a-z_]+: /.test(l));
    expect(lines.length).toBeGreaterThan(40);
    // Unquoted YAML booleans would be true/false (or yes/no in YAML 1.1 readers): none may appear.
    expect(lines.filter((l) => /: (true|false|yes|no|True|False)$/.test(l))).toEqual([]);
    for (const l of lines.filter((x) => /^enable_/.test(x))) expect(l).toMatch(/^enable_[a-z0-9_]+: "(yes|no)"$/);
    const doc = parse(text) as Record<string, unknown>;
    for (const perHost of [
      'network_interface',
      'api_interface',
      'neutron_external_interface',
      'tunnel_interface',
      'nova_compute_virt_type',
    ]) {
      expect(perHost in doc, perHost).toBe(false);
    }
  });

  it('writes YAML booleans on 2026.1, whose own globals.yml does, and strings nowhere for them', () => {
    const text = file(
      render(
        specWith(
          '2026.1',
          servicesFor('2026.1').map((e) => e.id),
          COMBINATIONS[1],
        ),
      ),
      'globals.yml',
    );
    const lines = text.split('\n').filter((l) => /^enable_/.test(l));
    expect(lines.length).toBeGreaterThan(30);
    for (const l of lines) expect(l).toMatch(/^enable_[a-z0-9_]+: (true|false)$/);
    expect(text).toContain('# Booleans are YAML true/false');
  });

  it("sets kolla's registry from deploy.registry (insecure for http) and the containers' proxy from deploy.proxy, nothing without them", () => {
    const spec = specWith('2025.1', ['keystone']);
    const site = globalsOf({ ...spec, deploy: { ...spec.deploy, registry: 'http://10.0.0.5:5000', proxy: 'http://10.0.0.6:3128' } });
    expect(site).toMatchObject({
      docker_registry: '10.0.0.5:5000',
      docker_registry_insecure: asRelease('2025.1', 'yes'),
      container_http_proxy: 'http://10.0.0.6:3128',
      container_https_proxy: 'http://10.0.0.6:3128',
    });
    const tls = globalsOf({ ...spec, deploy: { ...spec.deploy, registry: 'registry.example.org:5000' } });
    expect(tls.docker_registry).toBe('registry.example.org:5000');
    expect(tls).not.toHaveProperty('docker_registry_insecure');
    const plain = globalsOf(spec);
    for (const key of ['docker_registry', 'docker_registry_insecure', 'container_http_proxy', 'container_https_proxy'])
      expect(plain).not.toHaveProperty(key);
  });

  it('sets the VIPs and the keepalived router id from the preset', () => {
    const doc = globalsOf({
      ...BASE,
      network: { ...BASE.network, internalVip: '10.0.0.250', externalVip: '192.0.2.10', virtualRouterId: 77 },
    });
    expect(doc.kolla_internal_vip_address).toBe('10.0.0.250');
    expect(doc.kolla_external_vip_address).toBe('192.0.2.10');
    expect(doc.keepalived_virtual_router_id).toBe('77');
    // Without an external VIP kolla's default (the internal one) applies: the key is not written.
    expect('kolla_external_vip_address' in globalsOf(BASE)).toBe(false);
  });
});

describe('service options', () => {
  it("writes Designate's NS records and Ironic's DHCP ranges in kolla's shapes, only for deployed services", () => {
    const doc = globalsOf({ ...specWith('2025.1', ['designate', 'ironic']), options: OPTIONS });
    expect(doc.designate_ns_record).toEqual(['ns1.cloud.example.com', 'ns2.cloud.example.com']);
    // kolla's item: range "start,end", routers only when there is a gateway
    expect(doc.ironic_dnsmasq_dhcp_ranges).toEqual([
      { range: '10.0.5.100,10.0.5.200', routers: '10.0.5.1' },
      { range: '10.0.6.100,10.0.6.120' },
    ]);
    const neither = globalsOf({ ...specWith('2025.1', ['nova']), options: OPTIONS });
    expect('designate_ns_record' in neither || 'ironic_dnsmasq_dhcp_ranges' in neither).toBe(false);
  });

  it("gives Neutron the DNS domain of Designate's first NS record, ending with a dot, where the release checks it", () => {
    for (const release of ['2025.1', '2025.2', '2026.1'] as const)
      expect(globalsOf({ ...specWith(release, ['designate']), options: OPTIONS }).neutron_dns_domain, release).toBe('cloud.example.com.');
    const own = { ...OPTIONS, designate: { ...OPTIONS.designate, dnsDomain: 'tenants.example.org' } };
    expect(globalsOf({ ...specWith('2026.1', ['designate']), options: own }).neutron_dns_domain).toBe('tenants.example.org.');
    // 2023.2 has no neutron_dns_domain; without Designate nothing is written
    expect('neutron_dns_domain' in globalsOf({ ...specWith('2023.2', ['designate']), options: OPTIONS })).toBe(false);
    expect('neutron_dns_domain' in globalsOf({ ...specWith('2026.1', ['nova']), options: OPTIONS })).toBe(false);
  });
});

describe('single controller', () => {
  const aio: HostSpec[] = [
    { name: 'aio', address: '10.0.0.10', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] },
  ];

  it('keeps HAProxy and keepalived on with a spare VIP', () => {
    const doc = globalsOf({
      ...BASE,
      hosts: aio,
      deploy: { ...BASE.deploy, host: 'aio' },
      network: { ...BASE.network, internalVip: '10.0.0.250' },
    });
    expect(doc.enable_haproxy).toBe('yes');
    expect(doc.enable_keepalived).toBe('yes');
    expect(doc.kolla_internal_vip_address).toBe('10.0.0.250');
  });

  it("switches to kolla's IP-constrained mode when the VIP is the host's own address", () => {
    const doc = globalsOf({
      ...BASE,
      hosts: aio,
      deploy: { ...BASE.deploy, host: 'aio' },
      network: { ...BASE.network, internalVip: '10.0.0.10' },
    });
    expect(doc.enable_haproxy).toBe('no');
    expect(doc.enable_keepalived).toBe('no');
    // ProxySQL would bind 3306 on the VIP, which is MariaDB's own address here.
    expect(doc.enable_proxysql).toBe('no');
    expect(doc.kolla_internal_vip_address).toBe('10.0.0.10');
  });
});

describe('storage backend details', () => {
  it('Ceph: Nova uses its own cephx user and every storage host serves RGW on port 7480', () => {
    const doc = globalsOf(
      specWith('2025.1', ['keystone', 'glance', 'nova', 'neutron', 'cinder'], {
        storage: 'ceph',
        ceph: { osdDevices: 'auto', replicas: 3, rgw: true, cephfs: false },
      }),
    );
    expect(doc.ceph_nova_user).toBe('nova');
    // The storage hosts of haHosts() are cmp1 and cmp2.
    expect(doc.ceph_rgw_hosts).toEqual([
      { host: 'cmp1', ip: "{{ 'api' | kolla_address('cmp1') }}", port: 7480 },
      { host: 'cmp2', ip: "{{ 'api' | kolla_address('cmp2') }}", port: 7480 },
    ]);
    expect(doc.glance_backend_ceph).toBe('yes');
    expect(doc.cinder_backend_ceph).toBe('yes');
    expect(doc.nova_backend_ceph).toBe('yes');
  });

  const ceph = { storage: 'ceph', ceph: { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: false } } as const;

  it("2023.2 with Ceph: nova's keyring is its own user's, not cinder's (kolla 17 defaults ceph_nova_keyring to cinder's)", () => {
    const doc = globalsOf(specWith('2023.2', ['keystone', 'glance', 'nova', 'neutron', 'cinder'], ceph));
    expect(doc.ceph_nova_user).toBe('nova');
    expect(doc.ceph_nova_keyring).toBe(`client.${String(doc.ceph_nova_user)}.keyring`);
    // later releases derive the keyring from ceph_nova_user and define no ceph_nova_keyring
    expect('ceph_nova_keyring' in globalsOf(specWith('2025.1', ['keystone', 'nova', 'neutron'], ceph))).toBe(false);
  });

  it('Cinder on Ceph with more than one cinder-volume host gets a cluster name (kolla prechecks from 2025.1 want one)', () => {
    // haHosts(): two storage hosts (the cinder-volume group up to 2025.2), three control hosts (2026.1's)
    for (const release of ['2025.1', '2025.2', '2026.1'] as const) {
      const doc = globalsOf(specWith(release, ['keystone', 'nova', 'neutron', 'cinder'], ceph));
      expect(doc.cinder_cluster_name, release).toBe(BASE.name);
      expect('cinder_cluster_skip_precheck' in doc).toBe(false);
    }
    // one storage host: the group has one host on 2025.1, and kolla refuses a cluster name then
    const oneStorage = HOSTS.map((h) => (h.name === 'cmp2' ? { ...h, roles: h.roles.filter((r) => r !== 'storage') } : h));
    expect('cinder_cluster_name' in globalsOf(specWith('2025.1', ['keystone', 'nova', 'neutron', 'cinder'], ceph, oneStorage))).toBe(false);
    expect('cinder_cluster_name' in globalsOf(specWith('2023.2', ['keystone', 'nova', 'neutron', 'cinder'], ceph))).toBe(false);
  });

  it('Cinder on LVM with more than one cinder-volume host skips the cluster precheck: LVM cannot run active-active', () => {
    const doc = globalsOf(specWith('2025.1', ['keystone', 'nova', 'neutron', 'cinder'], { storage: 'none' }));
    expect(doc.cinder_cluster_skip_precheck).toBe(true);
    expect('cinder_cluster_name' in doc).toBe(false);
  });

  it('refuses a selection the catalog refuses (Senlin on 2025.1) instead of dropping it silently', () => {
    expect(() => render(specWith('2025.1', ['keystone', 'senlin']))).toThrow(/senlin/i);
  });
});
