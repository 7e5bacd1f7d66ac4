// The Spec: what the operator wants. A preset file (DESIGN §3.1) is a serialised Spec.
// Pure data, no behaviour: loading, defaults and validation live in src/spec/.

/** Every role a host can carry, in the order they are shown to operators. */
export const ROLES = ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] as const;
/** A host role (DESIGN §3.1). `manager` is the deploy host that runs kolla-ansible and the manager services. */
export type Role = (typeof ROLES)[number];

/** OpenStack releases the installer can deploy, newest first; the first is the default (the catalog's RELEASE_INFO says more). */
export const RELEASES = ['2026.1', '2025.2', '2025.1', '2023.2'] as const;
/** An OpenStack release: decides the catalog and the kolla-ansible version. */
export type Release = (typeof RELEASES)[number];

/** How hosts are reached over SSH; flags on the command line override these. */
export interface SshSettings {
  /** Login user; a non-root user needs `become: sudo`. */
  user: string;
  /** TCP port of sshd. */
  port: number;
  /** Private key file (OpenSSH format); null means agent or password only. */
  identityFile: string | null;
  /** ProxyJump-style `[user@]host[:port]` every host is reached through, or null. */
  jumpHost: string | null;
  /** Privilege escalation for a non-root user. */
  become: 'sudo' | null;
  /** strict: refuse unknown host keys; accept-new: record them on first use (TOFU). */
  hostKeys: 'strict' | 'accept-new';
  /** Name of the environment variable holding the SSH password (the secret itself never is in a preset). */
  passwordEnv: string | null;
  /** known_hosts file of the installer; null means the default in the XDG config dir. */
  knownHosts: string | null;
}

/** Per-host interface names; they go to inventory host_vars because they may differ per host. */
export interface HostInterfaces {
  /** api/management interface (kolla `network_interface`); carries the host address. */
  network?: string;
  /** provider/external interface (kolla `neutron_external_interface`); carries no address. */
  external?: string;
  /** tunnel (Geneve/VXLAN) interface; defaults to `network`. */
  tunnel?: string;
}

/** One host of the deployment. */
export interface HostSpec {
  /** Inventory name; also the hostname kolla expects to resolve. */
  name: string;
  /** Address the installer and Ansible connect to (IP or DNS name), or `local` for this machine. */
  address: string;
  /** Roles of this host. */
  roles: Role[];
  /** Interface names when they differ from the network defaults. */
  interfaces?: HostInterfaces;
  /** Per-host SSH overrides. */
  ssh?: Partial<Pick<SshSettings, 'user' | 'port' | 'identityFile' | 'jumpHost' | 'become' | 'passwordEnv'>>;
}

/** Optional discovery: hosts found here are added with recommended roles. */
export interface DiscoverSpec {
  /** CIDRs, ranges (10.0.0.10-20) or names. */
  targets: string[];
  /** auto: found hosts get recommended roles; none: they must be given roles by hand. */
  roles: 'auto' | 'none';
}

/** Cluster-wide network settings (kolla globals). */
export interface NetworkSpec {
  /** Default api/management interface (kolla `network_interface`). */
  interface: string;
  /** Default external interface (kolla `neutron_external_interface`). */
  externalInterface: string;
  /** Internal VIP (kolla `kolla_internal_vip_address`): unused, inside the api subnet. */
  internalVip: string;
  /** External VIP; null means the internal VIP. */
  externalVip: string | null;
  /** keepalived VRRP id, 0-255, unique per L2 segment. */
  virtualRouterId: number;
}

/** Ceph options (deployed by cephadm, consumed through kolla overlays). */
export interface CephSpec {
  /** `auto`: every free disk of every storage host; a list: these devices on every storage host; a map: per host. */
  osdDevices: 'auto' | string[] | Record<string, string[]>;
  /** Pool size (replicas); at least this many OSD hosts are needed. */
  replicas: number;
  /** RADOS Gateway (S3/Swift API). */
  rgw: boolean;
  /** CephFS (Manila backend). */
  cephfs: boolean;
}

/** One DHCP range of Ironic's provisioning network (kolla `ironic_dnsmasq_dhcp_ranges` item). */
export interface DhcpRange {
  /** First address handed out. */
  start: string;
  /** Last address handed out. */
  end: string;
  /** Default gateway for the bare metal servers (kolla `routers`), or null for none. */
  gateway: string | null;
}

/** Settings of single services that kolla cannot default sensibly (kolla prechecks refuse or the default is an example). */
export interface ServiceOptions {
  /**
   * Designate: the NS records of the zones it serves (kolla `designate_ns_record`; null keeps kolla's example
   * ns1.example.org), and the DNS domain of Neutron's DNS integration (kolla `neutron_dns_domain`, written with
   * its trailing dot; null derives it from the first NS record's parent domain).
   */
  designate: { nsRecords: string[] | null; dnsDomain?: string | null };
  /**
   * Ironic: DHCP ranges of the provisioning network (kolla `ironic_dnsmasq_dhcp_ranges`; its prechecks need them),
   * and where the ironic-python-agent kernel and initramfs come from (an http(s) URL the manager downloads, or
   * an absolute path on the manager); kolla's prechecks want them as config/ironic/ironic-agent.{kernel,initramfs}.
   */
  ironic: { dhcpRanges: DhcpRange[]; agentKernel?: string | null; agentInitramfs?: string | null };
}

/** GlusterFS options (gluster CLI over SSH). */
export interface GlusterSpec {
  /** Replicated volume name. */
  volume: string;
  /** Replica count; at least this many storage hosts are needed. */
  replicas: number;
  /** Brick directory on every storage host. */
  brickPath: string;
}

/** Backends: hypervisor, network, storage. */
export interface BackendsSpec {
  /** auto: kvm where /dev/kvm exists (it needs vmx/svm, which nested guests may hide), qemu elsewhere. */
  compute: 'auto' | 'kvm' | 'qemu';
  /** Neutron plugin; linuxbridge is refused with its reason. */
  network: 'ovn' | 'openvswitch';
  /** Distributed virtual routing (Neutron DVR); refused together with Octavia. */
  dvr: boolean;
  /** Shared storage backend. */
  storage: 'ceph' | 'glusterfs' | 'none';
  ceph: CephSpec;
  glusterfs: GlusterSpec;
}

/** Where and how the deployment runs. */
export interface DeploySpec {
  /** Name of the host that runs kolla-ansible (the manager), or `local` for this machine. */
  host: string;
  /** Where the rendered tree is uploaded on the deploy host (kolla `--configdir`). */
  configDir: string;
  /** kolla-ansible command; when it names an existing command the venv is not built. */
  kollaAnsible: string;
  /** Ansible forks. */
  forks: number;
  /** Offline pip index URL or wheelhouse directory for the kolla-ansible venv, or null. */
  pipIndex: string | null;
  /**
   * Offline Ansible collections for kolla (openstack.kolla and kolla's core collections): an absolute directory on
   * the manager made by `ansible-galaxy collection download` (its requirements.yml names every artifact); absent or
   * null: `kolla-ansible install-deps` fetches them from the network.
   */
  collectionsDir?: string | null;
  /**
   * Offline source of the tools install-tools downloads as files (cephadm, Docker's compose plugin): a URL base
   * or an absolute directory on the hosts holding them under their catalog names (`cephadm-<version>`,
   * `docker-compose-<version>-linux-<arch>`); absent or null: upstream (download.ceph.com, GitHub releases).
   */
  toolsSource?: string | null;
  /**
   * The container registry (or its mirror) kolla's images are pulled from: `host[:port]` (HTTPS) or `http://host[:port]`
   * (kolla `docker_registry`, with `docker_registry_insecure` for http); absent or null: kolla's default, quay.io.
   */
  registry?: string | null;
  /**
   * An HTTP proxy the site's downloads go through (`http://host:port`): pip on the manager, preflight's source
   * checks, and the hosts' container engine (kolla `container_http_proxy`/`container_https_proxy`); absent or null: none.
   */
  proxy?: string | null;
  /**
   * Where the manager's compose services publish their ports: `internal` (absent: the manager's
   * internal API address, reachable from the cloud's networks only), `all` (every address of the
   * manager) or one IP address of the manager.
   */
  managerBind?: string;
}

/** The whole Spec (DESIGN §3.1). */
export interface Spec {
  version: 1;
  /** Deployment name; state is saved under it. */
  name: string;
  release: Release;
  ssh: SshSettings;
  hosts: HostSpec[];
  discover: DiscoverSpec | null;
  network: NetworkSpec;
  /** Seed service ids (src/catalog). */
  services: string[];
  backends: BackendsSpec;
  deploy: DeploySpec;
  /** Service settings (`options` in a preset); absent when the preset has none. */
  options?: ServiceOptions;
}
