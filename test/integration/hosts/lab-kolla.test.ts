// startLab's `kolla` option: what kolla-ansible's prechecks ask of a host is really there (a chronyd that
// follows the lab's time server, a Docker daemon of the host's own, ping, python's docker and dbus
// modules), and the named lab patch systemd-cli answers from those daemons, not with constants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab.js';
import { freshLabId } from '../../lab/net.js';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ id: freshLabId('k'), hosts: 3, variety: false, kolla: true });
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

/** Runs a command in a lab host and returns its stdout; fails the test on a non-zero exit. */
async function on(host: string, command: string): Promise<string> {
  const r = await lab.hostExec(host, command);
  expect(r.code, `${host}: ${command}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('a kolla lab', () => {
  it('runs a chronyd per host; h2 and h3 follow h1 over NTP and the patched timedatectl says so', async () => {
    const [h1, h2, h3] = lab.hosts;
    // chronyc names the source by address; h1 serves from its local clock (127.127.1.1 = 7F7F0101)
    expect(await on(h1!.name, 'chronyc -n tracking')).toMatch(/^Reference ID\s*: 7F7F0101/m);
    for (const h of [h2!, h3!]) {
      expect(await on(h.name, 'chronyc -n tracking')).toContain(`(${h1!.address})`);
      expect(await on(h.name, 'timedatectl status')).toMatch(/^System clock synchronized: yes$/m);
      // kolla's exact question, all five names in one call
      expect((await on(h.name, 'systemctl is-active chrony chronyd ntp ntpd systemd-timesyncd')).split('\n').slice(0, 5)).toEqual([
        'active',
        'active',
        'inactive',
        'inactive',
        'inactive',
      ]);
    }
  });

  it('answers from the daemons: chronyd stopped on h3 makes systemctl fail and timedatectl unsynchronised', async () => {
    await on(
      'h3',
      'kill "$(cat /run/chrony/chronyd.pid)"; i=0; while [ -e /run/chrony/chronyd.pid ] && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.05; done',
    );
    const r = await lab.hostExec('h3', 'systemctl is-active chrony chronyd ntp ntpd systemd-timesyncd');
    expect(r.code).toBe(3);
    expect(await on('h3', 'timedatectl status')).toMatch(/^System clock synchronized: no$/m);
    // the patch pretends nothing else
    const other = await lab.hostExec('h3', 'systemctl restart chrony');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('only `is-active UNIT...` is answered in the lab');
  });

  it('gives every host a Docker daemon of its own, asked the way kolla_container_facts asks', async () => {
    const sdk = 'import docker; c = docker.from_env(); print(c.version()["Version"]); print(sorted(n.name for n in c.networks.list()))';
    const before = await on('h2', `python3 -c '${sdk}'`);
    expect(before.split('\n')[0]).toMatch(/^\d+\.\d+\.\d+/);
    await on('h2', 'docker network create --internal lab-kolla-only-h2 >/dev/null');
    expect(await on('h2', `python3 -c '${sdk}'`)).toContain("'lab-kolla-only-h2'");
    expect(await on('h3', `python3 -c '${sdk}'`)).not.toContain('lab-kolla-only-h2');
    expect(await on('h2', 'python3 -c "import docker; print(docker.from_env().containers.list(all=True))"')).toBe('[]\n');
  });

  it('has ping, python3-dbus and the host facts kolla reads (/etc/localtime, /etc/timezone)', async () => {
    await on('h1', `ping -c 1 -W 5 ${lab.hosts[2]!.address}`);
    await on('h2', 'python3 -c "import dbus"');
    await on('h3', 'test -e /etc/localtime && test -s /etc/timezone');
  });
});
