// The pure parts of the kolla lab hosts (test/lab/kolla-host.ts): which cgroup hierarchies a host mounts
// again (ip netns exec hides the machine's under a fresh /sys), and the chrony.conf of server and clients.
import { describe, expect, it } from 'vitest';
import { cgroupMounts, chronyConf } from '../../lab/kolla-host.js';

// /proc/self/mountinfo lines of this machine (cgroup v1 hybrid) and of a cgroup v2-only host.
const HYBRID = [
  '22 1 0:21 / /sys rw,nosuid,nodev,noexec,relatime - sysfs sysfs rw',
  '30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu',
  '35 30 0:32 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices',
  '39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd',
  '40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
].join('\n');
const V2 = '35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot';

describe('kolla lab hosts', () => {
  it('mounts every cgroup hierarchy of the machine again, by its controllers, and nothing else', () => {
    expect(cgroupMounts(HYBRID)).toEqual([
      { type: 'cgroup', options: 'cpu', path: '/sys/fs/cgroup/cpu' },
      { type: 'cgroup', options: 'devices', path: '/sys/fs/cgroup/devices' },
      { type: 'cgroup', options: 'name=systemd', path: '/sys/fs/cgroup/systemd' },
      { type: 'cgroup2', options: '', path: '/sys/fs/cgroup/unified' },
    ]);
    // nsdelegate may only be given in the initial cgroup namespace: dropped
    expect(cgroupMounts(V2)).toEqual([{ type: 'cgroup2', options: '', path: '/sys/fs/cgroup' }]);
  });

  it('makes the first host the lab time server and the others its NTP clients', () => {
    const server = chronyConf({ serve: ['10.200.7.0/24', '10.201.7.0/24'] });
    expect(server).toMatch(/^local stratum 8$/m);
    expect(server.match(/^allow .*$/gm)).toEqual(['allow 10.200.7.0/24', 'allow 10.201.7.0/24']);
    expect(server).not.toMatch(/^server /m);
    const client = chronyConf({ follow: '10.200.7.10' });
    expect(client).toMatch(/^server 10\.200\.7\.10 iburst/m);
    expect(client).not.toMatch(/^(local|allow)/m);
  });
});
