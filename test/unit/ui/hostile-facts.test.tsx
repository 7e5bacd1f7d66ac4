// Hostile bytes in what a host reports about itself (its hostname, a NIC name, a disk model, the CPU
// model), from a real scan bundle, on every path they reach: `scan --import` plain and JSON, the
// deployment's facts file the connect phase writes (JSON.stringify of the parsed facts), and the TUI's
// Scan screen with a host's details open. None may print a byte a terminal acts on; each is shown
// escaped (the NIC name that is none is left out and named, escaped). Task output and host names in
// run events are covered per path in test/unit/text/hostile-output.test.ts and hostile-output.test.tsx.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { parseBundle } from '../../../src/hosts/facts/index.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { captureIO } from '../../helpers/io.js';
import { specOf } from '../../helpers/spec.js';
import { fakeServices } from './helpers/fakes.js';
import { taken, wizard } from './helpers/reduce.js';
import { driveApp, KEYS, type Driven } from './helpers/render.js';

/** Issue 13's hostname: retitle the window, clear the screen, colour, CR, BS; plus a one-byte CSI and a bidi override. */
const HOSTILE = '\u001b]0;PWNTITLE\u0007\u001b[2J\u001b[31mred\r\b\u009b1m\u202e';
/** How HOSTILE reads once escaped. */
const SHOWN = '\\x1b]0;PWNTITLE\\x07\\x1b[2J\\x1b[31mred\\x0d\\x08\\x9b1m\\u202e';
/** Its first line escaped: a one-line field (the hostname, the CPU model) ends at the CR. */
const FIRST_LINE = '\\x1b]0;PWNTITLE\\x07\\x1b[2J\\x1b[31mred';
/** Any byte a terminal acts on, newline aside. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

/** A scan bundle whose hostname, CPU model, second NIC name and disk model carry HOSTILE. */
const BUNDLE = [
  '@@@ hostname',
  `cmp1${HOSTILE}`,
  '@@@ cpuinfo',
  'processor\t: 0',
  `model name\t: CPU ${HOSTILE}`,
  '@@@ lsblk',
  JSON.stringify({
    blockdevices: [
      { name: 'vdb', path: '/dev/vdb', type: 'disk', size: 107374182400, rota: false, model: `Disk ${HOSTILE}`, serial: 'S1' },
    ],
  }),
  '@@@ ip-addr',
  JSON.stringify([
    {
      ifname: 'eth0',
      address: '52:54:00:00:00:01',
      operstate: 'UP',
      mtu: 1500,
      addr_info: [{ family: 'inet', local: '10.0.0.21', prefixlen: 24 }],
    },
    { ifname: `ev${HOSTILE}`, address: '52:54:00:00:00:02', operstate: 'UP', mtu: 1500, addr_info: [] },
  ]),
  '',
].join('\n');

let dir: string;
let app: Driven | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-facts-'));
  writeFileSync(join(dir, 'cmp1.bundle'), BUNDLE);
});
afterEach(() => {
  app?.unmount();
  app = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile facts on every output path', () => {
  it('scan --import, plain: hostname, CPU model and the left-out NIC shown escaped, nothing raw', async () => {
    const c = captureIO(dir);
    expect(await main(['scan', '--import', 'cmp1.bundle'], c.io)).toBe(0);
    expect(c.out()).toContain(`hostname cmp1${FIRST_LINE}\n`);
    expect(c.out()).toContain(`cpu     CPU ${FIRST_LINE}: `);
    expect(c.out()).toContain(`the interface "ev${SHOWN}" was left out`);
    expect(c.out() + c.err()).not.toMatch(RAW);
  });

  it('scan --import --json: every control a \\u escape, the disk model and the NIC note escaped', async () => {
    const c = captureIO(dir);
    expect(await main(['scan', '--import', 'cmp1.bundle', '--json'], c.io)).toBe(0);
    expect(c.out()).not.toMatch(RAW);
    const [row] = JSON.parse(c.out()) as { facts: { hostname: string; disks: { model: string }[]; missing: { reason: string }[] } }[];
    expect(row!.facts.hostname).toBe(`cmp1${FIRST_LINE}`);
    expect(row!.facts.disks[0]!.model).toBe(`Disk ${SHOWN}`);
    expect(row!.facts.missing.map((m) => m.reason)).toContain(
      `the interface "ev${SHOWN}" was left out: it is not a network interface name (at most 15 letters, digits, "_", ".", "@", "-")`,
    );
  });

  it('the facts file the connect phase writes (JSON of the parsed facts) holds no raw control', () => {
    expect(JSON.stringify({ cmp1: parseBundle(BUNDLE) }, null, 2)).not.toMatch(RAW);
  });

  it("TUI: the Scan screen's details of the host show the disk model escaped and draw nothing raw", async () => {
    const facts = { cmp1: parseBundle(BUNDLE) };
    const { services } = fakeServices();
    const s = wizard().start(specOf({ hosts: [{ name: 'cmp1', address: '10.0.0.21', roles: [] }] }));
    const atScan: WizardState = taken({
      ...s,
      screen: 'scan',
      facts,
      scan: { ...s.scan, hosts: { cmp1: { status: 'done', error: null } } },
    });
    app = await driveApp(services, atScan);
    const f = await app.press('d', (x) => x.includes('/dev/vdb'));
    expect(f).toContain('Disk \\x1b]0;PWNTITLE');
    // Ink's own colouring may appear (ESC [ ... m); nothing else a terminal acts on may
    expect(f.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(RAW);
  });
});
