// Where the lab can run from: lab hosts overlay /etc, /var and /opt with private layers kept in the
// checkout's .lab/ (overlayfs refuses a layer inside the tree it covers), so a checkout there is
// refused with the reason; /root, /home and /tmp are replaced by fresh directories, so a checkout
// there is bound back at its own path inside each host (test/lab/host-setup.ts).
import { describe, expect, it } from 'vitest';
import { setupScript, type HostSetup } from '../../lab/host-setup.js';
import { hiddenCheckoutTop, replacedCheckoutTop } from '../../lab/lab.js';

describe('lab checkout location', () => {
  it('refuses checkouts under the overlaid directories, naming the directory', () => {
    expect(hiddenCheckoutTop('/opt/osism-installer')).toBe('opt');
    expect(hiddenCheckoutTop('/var/lib/ci/main')).toBe('var');
    expect(hiddenCheckoutTop('/etc/x')).toBe('etc');
    expect(hiddenCheckoutTop('/root/osism-installer')).toBeNull();
    expect(hiddenCheckoutTop('/srv/osism-installer')).toBeNull();
  });

  it('knows which checkouts lie under a replaced directory, not names that only start like one', () => {
    expect(replacedCheckoutTop('/root/osism-installer')).toBe('root');
    expect(replacedCheckoutTop('/home/ops/src/osism-installer')).toBe('home');
    expect(replacedCheckoutTop('/tmp/x')).toBe('tmp');
    expect(replacedCheckoutTop('/homes/ops/x')).toBeNull();
    expect(replacedCheckoutTop('/tmpfs/x')).toBeNull();
    expect(replacedCheckoutTop('/check/work/main')).toBeNull();
  });

  it('binds a kept checkout aside before /root is replaced and back at its path right after', () => {
    const host: HostSetup = {
      name: 'h1',
      hostname: 'lab-t-h1',
      address: '10.200.1.10',
      kind: 'root',
      dir: '/root/oi/.lab/t/hosts/h1',
      network: ['link set lo up'],
      clientPublicKey: 'ssh-ed25519 AAAA test',
      hostKey: '/root/oi/.lab/t/keys/h1/ssh_host_ed25519_key',
      passwordFile: null,
      peers: [],
      keep: { checkout: '/root/oi', mountPoint: '/run/osism-lab/keep/t-h1' },
    };
    const lines = setupScript(host).split('\n');
    const at = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, line).toBeGreaterThanOrEqual(0);
      return i;
    };
    const aside = at('mount --bind /root/oi /run/osism-lab/keep/t-h1');
    // The fresh /root comes from the host dir as seen through the mount point (/root/oi is about to vanish).
    const fresh = at('mount --bind /run/osism-lab/keep/t-h1/.lab/t/hosts/h1/root /root');
    const tmp = at('mount --bind /run/osism-lab/keep/t-h1/.lab/t/hosts/h1/tmp /tmp');
    const back = at('mount --bind /run/osism-lab/keep/t-h1 /root/oi');
    expect(aside).toBeLessThan(fresh);
    expect(tmp).toBeLessThan(back);
    // The host key is copied after the checkout is back.
    expect(lines.findIndex((l) => l.startsWith('cp /root/oi/.lab/t/keys/h1/ssh_host_ed25519_key'))).toBeGreaterThan(back);
    // Without a kept checkout the host dir is used directly.
    expect(setupScript({ ...host, dir: '/srv/oi/.lab/t/hosts/h1', keep: null })).toContain(
      'mount --bind /srv/oi/.lab/t/hosts/h1/root /root',
    );
  });
});
