// The lab's scale options (the benchmarks start 128 hosts with them; the suites keep small labs): a /22
// main network, and a stop that leaves nothing behind: no namespace, link, route, process or directory.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/lab.js';
import { freshLabId, labNames } from '../../lab/net.js';
import { sh } from '../../lab/shell.js';

let lab: Lab | null = null;
afterAll(async () => {
  await lab?.stop();
});

describe('a lab on a /22', () => {
  it('puts the runner and the hosts on one /22, so its other /24s are on-link, and removes everything on stop', async () => {
    lab = await startLab({ id: freshLabId('s'), hosts: 3, variety: false, prefix: 22 });
    const names = labNames(lab.id);
    const [a, b, c] = lab.gateway.split('.').map(Number);
    expect(c! % 4).toBe(0);
    const bridge = await sh(`ip -j addr show dev ${names.mainBridge}`);
    const addr = (JSON.parse(bridge.stdout) as { addr_info: { family: string; local: string; prefixlen: number }[] }[])[0]!.addr_info.find(
      (x) => x.family === 'inet',
    )!;
    expect(addr).toMatchObject({ local: lab.gateway, prefixlen: 22 });
    for (const h of lab.hosts) {
      const r = await lab.hostExec(h.name, 'ip -j addr show dev eth0');
      const info = (JSON.parse(r.stdout) as { addr_info: { family: string; local: string; prefixlen: number }[] }[])[0]!.addr_info;
      expect(info.filter((x) => x.family === 'inet')).toMatchObject([{ local: h.address, prefixlen: 22 }]);
    }
    // An address of the /22's last /24 goes straight to the bridge (ARP), not to a gateway.
    const far = `${a}.${b}.${c! + 3}.200`;
    const route = await sh(`ip -j route get ${far}`);
    const hop = (JSON.parse(route.stdout) as { dev: string; gateway?: string }[])[0]!;
    expect(hop.dev).toBe(names.mainBridge);
    expect(hop.gateway).toBeUndefined();
    // The hosts reach each other across the /22 too.
    expect((await lab.hostExec(lab.hosts[0]!.name, `ip -j route get ${far}`)).stdout).toContain('"dev":"eth0"');

    expect(lab.hosts.every((h) => existsSync(join(h.dir, 'holder.pid')))).toBe(true);
    expect(processesMentioning(lab.dir).length).toBeGreaterThanOrEqual(3);
    const hidden = `${lab.hosts[0]!.address.replace(/^10\.200\./, '10.201.').replace(/\.\d+$/, '')}.0/24`;
    expect((await sh(`ip route show ${hidden}`)).stdout).toContain('unreachable');
    const dir = lab.dir;
    const id = lab.id;
    await lab.stop();
    lab = null;
    const netns = existsSync('/run/netns') ? readdirSync('/run/netns') : [];
    expect(netns.filter((n) => n.startsWith(names.namespacePrefix))).toEqual([]);
    const links = await sh('ip -o link show');
    expect(links.stdout).not.toContain(`-${id}`);
    expect((await sh(`ip route show ${a}.${b}.${c}.0/22`)).stdout.trim()).toBe('');
    expect((await sh(`ip route show ${hidden}`)).stdout.trim()).toBe('');
    expect(existsSync(dir)).toBe(false);
    expect(processesMentioning(dir)).toEqual([]);
  });
});

/** Pids whose command line mentions `text` (the holders' and sshds' name their host directory). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}
