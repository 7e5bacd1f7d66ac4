// The lab refuses, with the reason, a checkout that its hosts cannot see: lab hosts get fresh /root,
// /home and /tmp and overlays over /etc, /var and /opt (test/lab/host-setup.ts).
import { describe, expect, it } from 'vitest';
import { hiddenCheckoutTop } from '../../lab/lab.js';

describe('lab checkout location', () => {
  it('names the replaced top directory a checkout lies under', () => {
    expect(hiddenCheckoutTop('/root/osism-installer')).toBe('root');
    expect(hiddenCheckoutTop('/home/ops/src/osism-installer')).toBe('home');
    expect(hiddenCheckoutTop('/tmp/x')).toBe('tmp');
    expect(hiddenCheckoutTop('/opt/osism-installer')).toBe('opt');
  });

  it('accepts checkouts elsewhere, including names that only start like a replaced directory', () => {
    expect(hiddenCheckoutTop('/srv/osism-installer')).toBeNull();
    expect(hiddenCheckoutTop('/work/main')).toBeNull();
    expect(hiddenCheckoutTop('/check/work/main')).toBeNull();
    expect(hiddenCheckoutTop('/homes/ops/osism-installer')).toBeNull();
    expect(hiddenCheckoutTop('/tmpfs/x')).toBeNull();
  });
});
