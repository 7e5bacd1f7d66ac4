// Names from facts that become device paths and interface names are checked before use:
// issue 13's lsblk path `/dev/sdz$(touch${IFS}/tmp/x)` was accepted as an OSD (quoted, so nothing ran).
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/hosts/facts/index.js';
import { scanInput } from '../../../src/plan/index.js';
import { implausibleDisk, plausibleFacts } from '../../../src/spec/plausible-facts.js';
import type { Facts } from '../../../src/types/facts.js';
import { testSpec } from '../deploy/helpers/spec.js';

const EVIL_DISK = '/dev/sdz$(touch${IFS}/tmp/x)';

/** lsblk -J -b of one free disk at `path`. */
function lsblk(path: string): string {
  return JSON.stringify({
    blockdevices: [
      { name: path, path, type: 'disk', size: 4e12, rota: false, model: 'NVMe', serial: 's1', mountpoint: null, fstype: null },
    ],
  });
}

function facts(over: Partial<Facts>): Facts {
  return {
    hostname: 'st1',
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
    missing: [],
    ...over,
  };
}

const disk = (path: string, name: string) => ({
  name,
  path,
  sizeBytes: 4e12,
  rotational: false,
  model: 'x',
  serial: null,
  inUse: false,
  reason: null,
});
const nic = (name: string) => ({ name, mac: null, state: 'up', speedMbps: null, mtu: 1500, kind: 'physical' as const, addresses: [] });

describe('plausible names from facts', () => {
  it('a scanned disk whose lsblk path carries a command substitution is kept in sight but in use, never an OSD', () => {
    const good = parseBundle(`@@@ lsblk\n${lsblk('/dev/nvme0n1')}\n`);
    expect(good.disks).toMatchObject([{ path: '/dev/nvme0n1', inUse: false }]);
    const f = parseBundle(`@@@ lsblk\n${lsblk(EVIL_DISK)}\n`);
    expect(f.disks).toHaveLength(1);
    expect(f.disks[0]).toMatchObject({ path: EVIL_DISK, inUse: true });
    expect(f.disks[0]!.reason).toBe(`its path "${EVIL_DISK}" is not a plausible device path, so it is never used`);
  });

  it('device paths and names: kernel names pass, shell syntax and parent directories do not', () => {
    expect(implausibleDisk({ name: 'nvme0n1', path: '/dev/nvme0n1' })).toBeNull();
    expect(implausibleDisk({ name: 'wwn-0x5000c500a1b2c3d4', path: '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4' })).toBeNull();
    expect(implausibleDisk({ name: 'sda', path: '/dev/../etc/passwd' })).toMatch(/not a plausible device path/);
    expect(implausibleDisk({ name: 'sd a', path: '/dev/sda' })).toMatch(/not a plausible device name/);
  });

  it('an interface with an implausible name is left out (with the default route over it), named in missing', () => {
    const f = plausibleFacts(
      facts({ nics: [nic('eth0'), nic('eth1;reboot')], defaultRoute: { interface: 'eth1;reboot', gateway: '10.0.0.1' } }),
    );
    expect(f.nics.map((n) => n.name)).toEqual(['eth0']);
    expect(f.defaultRoute).toBeNull();
    expect(f.missing.map((m) => m.section)).toEqual(['ip-link', 'ip-route']);
    expect(f.missing[0]!.reason).toContain('"eth1;reboot" was left out');
  });

  it('facts read from a file (scan --json) are checked the same way', () => {
    const spec = testSpec();
    const host = spec.hosts[0]!;
    const rows = [{ host: host.name, address: host.address, facts: facts({ hostname: host.name, disks: [disk(EVIL_DISK, 'sdz')] }) }];
    const scan = scanInput(spec, rows, 'scan.json');
    expect(scan.facts[host.name]!.disks[0]).toMatchObject({ inUse: true });
  });
});
