// What operators read: scan blocks and discover lines. Expected text is written from the facts given
// here; hostile strings from hosts never reach the terminal as control characters.
import { describe, expect, it } from 'vitest';
import { formatResult, silentSummary } from '../../../src/commands/discover.js';
import { emptyTally } from '../../../src/hosts/discover/index.js';
import { formatBytes, formatScanRow, formatScanSummary } from '../../../src/hosts/scan-format.js';
import type { Facts } from '../../../src/types/facts.js';

const facts: Facts = {
  hostname: 'ctl1',
  system: { vendor: 'Dell Inc.', product: 'PowerEdge R650', serial: null },
  os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.1 LTS' },
  kernel: '6.8.0-45-generic',
  arch: 'x86_64',
  cpu: { model: 'Intel Xeon Gold 6338', sockets: 2, cores: 64, threads: 128, virtualization: 'vmx', kvm: true },
  memory: { totalBytes: 512 * 1024 ** 3 },
  disks: [
    {
      name: 'sda',
      path: '/dev/sda',
      sizeBytes: 480 * 1000 ** 3,
      rotational: false,
      model: 'SSDSC2KB480G8',
      serial: null,
      inUse: true,
      reason: 'partitions (sda1, sda2)',
    },
    { name: 'sdb', path: '/dev/sdb', sizeBytes: 4 * 1024 ** 4, rotational: true, model: null, serial: null, inUse: false, reason: null },
  ],
  nics: [
    { name: 'eno1', mac: null, state: 'up', speedMbps: 25000, mtu: 9000, kind: 'physical', addresses: ['10.0.0.11/24'] },
    { name: 'bond0', mac: null, state: 'up', speedMbps: null, mtu: 1500, kind: 'bond', addresses: [] },
  ],
  defaultRoute: { interface: 'eno1', gateway: '10.0.0.1' },
  python3: '3.12.3',
  timesync: { synchronized: true, source: 'chrony' },
  missing: [{ section: 'dmidecode', reason: 'needs root' }],
};

describe('scan output', () => {
  it('sizes in binary units like lsblk', () => {
    expect(formatBytes(512 * 1024 ** 3)).toBe('512 GiB');
    expect(formatBytes(480 * 1000 ** 3)).toBe('447 GiB');
    expect(formatBytes(4 * 1024 ** 4)).toBe('4.0 TiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(0)).toBe('0 B');
  });

  it('one block per host: system, cpu, memory, each disk with why it is in use, each nic, time, python, what was not read', () => {
    expect(formatScanRow({ host: 'ctl1', address: '10.0.0.11', facts })).toBe(
      [
        'ctl1 (10.0.0.11)  hostname ctl1',
        '  system  Ubuntu 24.04.1 LTS, kernel 6.8.0-45-generic, x86_64; Dell Inc. PowerEdge R650',
        '  cpu     Intel Xeon Gold 6338: 2 sockets, 64 cores, 128 threads; vmx, /dev/kvm usable',
        '  memory  512 GiB',
        '  disk    sda 447 GiB ssd SSDSC2KB480G8: in use: partitions (sda1, sda2)',
        '  disk    sdb 4.0 TiB hdd: free',
        '  nic     eno1 up, physical, 25000 Mb/s: 10.0.0.11/24 (default route via 10.0.0.1)',
        '  nic     bond0 up, bond: no address',
        '  time    synchronised (chrony)',
        '  python3 3.12.3',
        '  not read: dmidecode: needs root',
        '',
      ].join('\n'),
    );
  });

  it('a failed host shows its error once, without repeating the host prefix', () => {
    expect(formatScanRow({ host: 'ctl2', address: '10.0.0.12', error: 'ctl2 (10.0.0.12): cannot connect: no route to host' })).toBe(
      'ctl2 (10.0.0.12): FAILED\n  cannot connect: no route to host\n',
    );
  });

  it('a changed-key error keeps its fix command to the end (a long known_hosts path included)', () => {
    const file = `/home/operator/${'deep/'.repeat(40)}known_hosts`;
    const fix = `ssh-keygen -R '10.0.0.13' -f ${file}`;
    const error = `ctl3 (10.0.0.13): the host key has CHANGED. Recorded ssh-ed25519 key SHA256:${'a'.repeat(43)} (${file}:2), presented SHA256:${'b'.repeat(43)}. Verify it, then remove the old line: ${fix}`;
    expect(formatScanRow({ host: 'ctl3', address: '10.0.0.13', error }).trimEnd().endsWith(fix)).toBe(true);
  });

  it('escapes control characters a hostile host could send', () => {
    const evil = { ...facts, hostname: 'x\u001b[2J\u0007y', disks: [], nics: [], missing: [] };
    const out = formatScanRow({ host: 'h', address: 'a', facts: evil });
    expect(out).toContain('hostname x\\x1b[2J\\x07y');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('summary counts hosts and failures', () => {
    expect(
      formatScanSummary(
        [
          { host: 'a', address: 'a', facts },
          { host: 'b', address: 'b', error: 'x' },
        ],
        2345,
      ),
    ).toBe('2 hosts scanned in 2.3 s, 1 FAILED\n');
  });
});

describe('discover lines', () => {
  const base = { target: '10.0.0.0/24', address: '10.0.0.11', name: null, port: 22 };
  it('an SSH server: banner, key, and what known_hosts says', () => {
    expect(
      formatResult({
        ...base,
        state: 'open',
        banner: 'SSH-2.0-OpenSSH_9.6p1',
        hostKey: { type: 'ssh-ed25519', fingerprint: 'SHA256:abc' },
        known: 'mismatch',
      }),
    ).toBe('10.0.0.11:22  SSH-2.0-OpenSSH_9.6p1  ssh-ed25519 SHA256:abc  CHANGED');
  });
  it('other states', () => {
    expect(formatResult({ ...base, name: 'ctl1', state: 'closed', banner: null, hostKey: null, known: null })).toBe(
      'ctl1 10.0.0.11:22  closed',
    );
    expect(formatResult({ ...base, state: 'open', banner: null, hostKey: null, known: null })).toBe(
      '10.0.0.11:22  open, not SSH (no SSH banner)',
    );
  });
  it('the summary counts addresses that timed out, and those only a second try found; nothing when none', () => {
    expect(silentSummary({ ...emptyTally() }, 1500)).toBe('');
    expect(silentSummary({ ...emptyTally(), retried: 191, answeredOnRetry: 1, timedOut: 190 }, 1500)).toBe(
      '190 addresses timed out (no answer in 1500 ms, not refused: no host, a firewall dropping, or too slow; --all lists them, --timeout waits longer); 1 answered only when probed again with the full timeout',
    );
    expect(silentSummary({ ...emptyTally(), retried: 1, answeredOnRetry: 0, timedOut: 1 }, 800)).toMatch(
      /^1 address timed out \(no answer in 800 ms/,
    );
  });
  it('the summary names open ports left without a host key, and servers keyed only on the slower second try', () => {
    expect(silentSummary({ ...emptyTally(), slowRetried: 3, keyedOnRetry: 2 }, 1500, 1)).toBe(
      '2 showed banner and host key only on a slower second try; 1 open port without an SSH host key (listed above with the reason; not counted as SSH servers)',
    );
    expect(silentSummary(emptyTally(), 1500, 2)).toMatch(/^2 open ports without an SSH host key/);
  });
});
