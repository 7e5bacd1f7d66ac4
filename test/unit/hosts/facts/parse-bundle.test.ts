// parseBundle: single raw outputs wrapped in a header (as a hand capture would be), the CPU
// combination rules, missing/broken sections, hostile and truncated input.
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../../src/hosts/facts/index.js';
import { hw } from '../parsers/fixture.js';

const one = (section: string, file: string) => `@@@ ${section}\n${hw(file)}\n`;
const ALL_MISSING = [
  'hostname',
  'uname',
  'os-release',
  'cpuinfo',
  'lscpu',
  'meminfo',
  'lsblk',
  'ip-addr',
  'ip-link',
  'ip-route',
  'kvm',
  'python3',
  'timesync',
  'sys-class-net',
  'dmidecode',
];

describe('parseBundle with hand-captured sections', () => {
  it('an empty bundle: every field null or empty, every section reported', () => {
    const f = parseBundle('');
    expect(f).toMatchObject({
      hostname: null,
      system: null,
      os: null,
      kernel: null,
      arch: null,
      cpu: null,
      memory: null,
      disks: [],
      nics: [],
      defaultRoute: null,
      python3: null,
      timesync: null,
    });
    expect(f.missing.map((m) => m.section)).toEqual(['bundle', ...ALL_MISSING]);
    expect(f.missing.find((m) => m.section === 'lsblk')!.reason).toBe('absent from the bundle');
  });

  it('cpuinfo alone (x86): topology from physical id/core id, kvm unknown => false', () => {
    const f = parseBundle(one('cpuinfo', 'cpuinfo--intel-xeon-e5-2650v3-2socket-40cpu-vmx.txt'));
    // 40 entries, 2 packages x 10 distinct core ids
    expect(f.cpu).toEqual({
      model: 'Intel(R) Xeon(R) CPU E5-2650 v3 @ 2.30GHz',
      sockets: 2,
      cores: 20,
      threads: 40,
      virtualization: 'vmx',
      kvm: false,
    });
  });

  it('cpuinfo alone without topology (ppc64le, arm64): one socket, cores = threads', () => {
    // 24 "processor" entries, no physical id, no lscpu: SMT cannot be told => cores = threads
    expect(parseBundle(one('cpuinfo', 'cpuinfo--ppc64le-power8-24cpu.txt')).cpu).toMatchObject({ sockets: 1, cores: 24, threads: 24 });
    expect(parseBundle(one('cpuinfo', 'cpuinfo--aarch64-arm-cortex-a510-a710-a715-x3-8cpu.txt')).cpu).toMatchObject({
      sockets: 1,
      cores: 8,
      threads: 8,
    });
  });

  it('lscpu alone (JSON and text) gives the CPU and the architecture', () => {
    // Xeon Gold 6430: 2 sockets x 32 cores, 64 CPUs, VT-x
    const f = parseBundle(one('lscpu', 'lscpu-json--xeon-gold-6430-2socket-64cpu-hierarchic.json'));
    expect(f.cpu).toEqual({ model: 'Intel(R) Xeon(R) Gold 6430', sockets: 2, cores: 64, threads: 64, virtualization: 'vmx', kvm: false });
    expect(f.arch).toBe('x86_64');
    // Raspberry Pi: Socket(s) "-" => 1; 4 cores per cluster x 1 cluster
    expect(parseBundle(one('lscpu', 'lscpu--raspberrypi4-aarch64-cortex-a72.txt')).cpu).toMatchObject({
      model: 'Cortex-A72',
      sockets: 1,
      cores: 4,
      threads: 4,
    });
  });

  it('cpuinfo with the kvm section: /dev/kvm present => kvm true', () => {
    const text = `${one('cpuinfo', 'cpuinfo--amd-epyc-7451-2socket-96cpu-svm.txt')}@@@ kvm\ndev=present\nmodule=kvm_amd\n`;
    expect(parseBundle(text).cpu).toEqual({
      model: 'AMD EPYC 7451 24-Core Processor',
      sockets: 2,
      cores: 48,
      threads: 96,
      virtualization: 'svm',
      kvm: true,
    });
  });

  it('cpuinfo and lscpu together: cpuinfo counts threads, lscpu gives the topology cpuinfo lacks', () => {
    // POWER8 with SMT8: cpuinfo lists 24 threads but no topology; lscpu says 3 cores in 1 socket.
    const lscpu =
      '@@@ lscpu\nArchitecture: ppc64le\nCPU(s): 24\nModel name: POWER8 (architected), altivec supported\nThread(s) per core: 8\nCore(s) per socket: 3\nSocket(s): 1\n';
    expect(parseBundle(one('cpuinfo', 'cpuinfo--ppc64le-power8-24cpu.txt') + lscpu).cpu).toEqual({
      model: 'POWER8 (architected), altivec supported',
      sockets: 1,
      cores: 3,
      threads: 24,
      virtualization: null,
      kvm: false,
    });
  });

  it('each other kind through its section name', () => {
    expect(parseBundle(one('meminfo', 'meminfo--vm-4gb.txt')).memory).toEqual({ totalBytes: 3997272 * 1024 });
    expect(parseBundle(one('os-release', 'os-release--rocky-9.3.txt')).os).toEqual({
      id: 'rocky',
      versionId: '9.3',
      prettyName: 'Rocky Linux 9.3 (Blue Onyx)',
    });
    expect(parseBundle(one('dmidecode', 'dmidecode--dell-poweredge-r640-full.txt')).system).toEqual({
      vendor: 'Dell Inc.',
      product: 'PowerEdge R640',
      serial: '2RJF153',
    });
    expect(parseBundle(one('timesync', 'chronyc-tracking--aws-ec2-amazon-linux-timesync.txt')).timesync).toEqual({
      synchronized: true,
      source: 'chrony',
    });
    expect(parseBundle(one('timesync', 'timedatectl--centos7-ntp-synchronized-dst.txt')).timesync).toEqual({
      synchronized: true,
      source: 'timedatectl',
    });
    expect(parseBundle(one('ip-route', 'ip-route-json--laptop-ipv4-dual-default-wireguard.json')).defaultRoute).toEqual({
      interface: 'enp0s31f6',
      gateway: '192.168.178.1',
    });
    expect(parseBundle(one('lsblk', 'lsblk-json--dell-8x-nvme-ext4-partitions-loops.json')).disks).toHaveLength(8);
    expect(parseBundle(one('ip-addr', 'ip-addr-json--laptop-eth-wifi-wireguard-sit-wwan-down.json')).nics.map((n) => n.name)).toEqual([
      'enp0s31f6',
      'wlan0',
      'wg0',
      'wwan0',
      'tun0',
    ]);
    const eth = parseBundle(one('ethtool', 'ethtool--eth0-100m-link-partner-external-phy.txt'));
    expect(eth.nics).toEqual([
      { name: 'eth0', mac: null, state: 'up', speedMbps: 100, mtu: null, kind: 'physical', addresses: [], master: null },
    ]);
    expect(eth.missing.map((m) => m.section)).not.toContain('sys-class-net'); // ethtool gave the speeds
  });
});

describe('parseBundle on notes, broken and hostile input', () => {
  it('script notes become the reason; python3 "not installed" is a fact, not a gap', () => {
    const f = parseBundle(
      '@@@ lscpu\n\n@@@! lscpu: not installed\n@@@ python3\n\n@@@! python3: not installed\n@@@ dmidecode\n@@@! dmidecode: needs root (the scan user is not root)\n@@@ dmi-id\nsys_vendor=HPE\nproduct_name=ProLiant DL380 Gen10\n',
    );
    expect(f.missing.find((m) => m.section === 'lscpu')).toEqual({ section: 'lscpu', reason: 'lscpu: not installed' });
    expect(f.python3).toBeNull();
    expect(f.missing.map((m) => m.section)).not.toContain('python3');
    expect(f.system).toEqual({ vendor: 'HPE', product: 'ProLiant DL380 Gen10', serial: null });
    expect(f.missing.map((m) => m.section)).not.toContain('dmidecode');
  });

  it('garbage JSON and truncated sections are reasons, the rest still parses', () => {
    const lsblk = hw('lsblk-json--gpu-server-sata-ssd-mdraid1-nvme-lvm-raid.json');
    const f = parseBundle(
      `@@@ hostname\nctl1\n@@@ lsblk\n${lsblk.slice(0, 500)}\n@@@ ip-addr\n{{{\n@@@ meminfo\nMemTotal: 1024 kB\n@@@ os-release\n\n`,
    );
    expect(f.hostname).toBe('ctl1');
    expect(f.memory).toEqual({ totalBytes: 1024 * 1024 });
    expect(f.disks).toEqual([]);
    expect(f.missing.find((m) => m.section === 'lsblk')!.reason).toMatch(/^not valid JSON/);
    expect(f.missing.find((m) => m.section === 'ip-addr')!.reason).toMatch(/^not valid JSON/);
    expect(f.missing.find((m) => m.section === 'os-release')!.reason).toBe('empty');
  });

  it('unknown and duplicate sections are reported, with a suggestion', () => {
    const f = parseBundle('@@@ lsbkl\n{}\n@@@ hostname\na\n@@@ hostname\nb\n');
    expect(f.hostname).toBe('a');
    expect(f.missing).toContainEqual({ section: 'lsbkl', reason: 'unknown section, ignored (did you mean lsblk?)' });
    expect(f.missing).toContainEqual({ section: 'hostname', reason: 'appears more than once; the first was used' });
  });

  it('not a bundle at all', () => {
    expect(parseBundle('{"blockdevices": []}').missing[0]).toEqual({
      section: 'bundle',
      reason: 'no "@@@ <section>" header found: this is not a scan bundle',
    });
  });

  it('hostile values come back as inert strings: quotes, $(...), backticks, escapes, newlines', () => {
    const evil = `x'"; $(reboot) \`id\` \u001b]0;pwned\u0007`;
    const text = [
      '@@@ hostname',
      evil,
      '@@@ os-release',
      `ID="debian$(id)"`,
      `PRETTY_NAME="${evil.replace(/"/g, '\\"')}"`,
      '@@@ cpuinfo',
      'processor\t: 0',
      `model name\t: ${evil}`,
      '@@@ lsblk',
      JSON.stringify({ blockdevices: [{ name: 'sda', type: 'disk', size: 1, model: `${evil}\nsecond line`, serial: evil }] }),
      '@@@ ip-addr',
      JSON.stringify([
        {
          ifname: 'eth0;reboot',
          address: '52:54:00:00:00:01',
          operstate: 'UP',
          addr_info: [{ family: 'inet', local: '$(id)', prefixlen: 24 }],
        },
      ]),
    ].join('\n');
    const f = parseBundle(text);
    // ESC and BEL shown as the escapes \x1b and \x07 (visible, inert)
    const cleaned = `x'"; $(reboot) \`id\` \\x1b]0;pwned\\x07`;
    expect(f.hostname).toBe(cleaned);
    expect(f.os).toEqual({ id: 'debian$(id)', versionId: '', prettyName: cleaned });
    expect(f.cpu!.model).toBe(cleaned);
    expect(f.disks[0]).toMatchObject({ model: `${cleaned} second line`, serial: cleaned });
    // an interface name that is none is left out (named in missing): it would become kolla's network_interface
    expect(f.nics).toEqual([]);
    expect(f.missing).toContainEqual({
      section: 'ip-link',
      reason:
        'the interface "eth0;reboot" was left out: it is not a network interface name (at most 15 letters, digits, "_", ".", "@", "-")',
    });
    expect(f.missing).toContainEqual({ section: 'hostname', reason: `partly read: "${cleaned}" is not a valid host name (RFC 1123)` });
  });

  it('never throws: every truncation of a real bundle and random bytes', () => {
    const bundle = [
      '@@@ hostname\nctl1\n',
      one('cpuinfo', 'cpuinfo--vmware-vm-xeon-gold-6326-8vcpu-novirt.txt'),
      one('lscpu', 'lscpu-json--xeon-gold-6430-2socket-64cpu-hierarchic.json'),
      one('lsblk', 'lsblk-json--dgx-8x-nvme-mdraid0-sda-lvm-human-sizes.json'),
      one('ip-addr', 'ip-addr-json--desktop-dhcp-ipv6-mngtmpaddr.json'),
      one('dmidecode', 'dmidecode--dell-poweredge-xe9680-t-system.txt'),
    ].join('');
    let seen = 0;
    for (let cut = 0; cut <= bundle.length; cut += 97) {
      const f = parseBundle(bundle.slice(0, cut));
      expect(Array.isArray(f.missing)).toBe(true);
      seen++;
    }
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 200; i++) {
      const junk = Array.from({ length: 400 }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
      const f = parseBundle(`@@@ ${['lsblk', 'cpuinfo', 'lscpu', 'ip-addr', 'dmidecode', 'timesync', 'os-release'][i % 7]}\n${junk}`);
      expect(f.missing.length).toBeGreaterThan(0);
      seen++;
    }
    expect(seen).toBeGreaterThan(200);
    expect(() => parseBundle(undefined as unknown as string)).not.toThrow();
  });
});
