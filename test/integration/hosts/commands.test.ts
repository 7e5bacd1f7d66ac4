// The scan and discover verbs through the CLI's main(): output shapes, exit codes (0, 2, 3), streamed
// plain output, --json in command-line order, --save then --import giving the same facts.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { SCAN_SCRIPT } from '../../../src/hosts/facts/index.js';
import type { ScanRow } from '../../../src/types/facts.js';
import { captureIO } from '../../helpers/io.js';
import { lab as getLab } from '../../lab/inject.js';
import { PASSWORD_VAR, hostOfKind, labEnv } from './support.js';

const lab = getLab();

/** Runs the CLI with captured output in a scratch directory, with its own XDG config (known_hosts). */
async function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string; cwd: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'osism-cli-'));
  const { io, out, err } = captureIO(cwd, { ...labEnv(lab), XDG_CONFIG_HOME: join(cwd, 'config'), ...extraEnv });
  const code = await main(args, io);
  return { code, out: out(), err: err(), cwd };
}

const root = hostOfKind(lab, 'root');
const sudo = hostOfKind(lab, 'sudo');
const pw = hostOfKind(lab, 'password');
const hidden = hostOfKind(lab, 'jump-only');

describe('osism-installer scan', () => {
  it('--json: one row per host in command-line order; a failing host gets its error and exit 1 (a failed run)', async () => {
    const r = await cli(['scan', '--json', '-i', lab.clientKey, `${root.address}`, `labuser@${sudo.address}`, `${root.address}:2299`]);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.out) as ScanRow[];
    expect(rows.map((x) => [x.host, x.address])).toEqual([
      [root.address, root.address],
      [sudo.address, sudo.address],
      [`${root.address}:2299`, root.address],
    ]);
    expect(rows[0]!.facts!.hostname).toBe(root.hostname);
    expect(rows[1]!.facts!.hostname).toBe(sudo.hostname);
    expect(rows[2]!.facts).toBeUndefined();
    expect(rows[2]!.error).toMatch(/connection refused on port 2299/);
    // the new keys went to the installer's own known_hosts in the XDG config dir
    expect(readFileSync(join(r.cwd, 'config', 'osism-installer', 'known_hosts'), 'utf8')).toContain(`${root.address} ${root.hostKey}`);
  });

  it('plain output: a block per host with its facts, exit 0; password and jump flags work', async () => {
    const viaJump = await cli([
      'scan',
      '-i',
      lab.clientKey,
      '-J',
      `root@${lab.hosts.find((h) => h.name === hidden.via)!.address}`,
      hidden.address,
    ]);
    expect(viaJump.code).toBe(0);
    expect(viaJump.out).toContain(`${hidden.address} (${hidden.address})  hostname ${hidden.hostname}`);
    expect(viaJump.out).toMatch(/nic +eth0 .*: .*\/24/);
    expect(viaJump.out).toMatch(/1 host scanned in [\d.]+ s\n$/);
    const withPassword = await cli(['scan', '--password-env', PASSWORD_VAR, pw.address]);
    expect(withPassword.code).toBe(0);
    expect(withPassword.out).toContain(`hostname ${pw.hostname}`);
  });

  it('--save writes raw bundles that --import turns into the same facts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osism-save-'));
    const scanned = await cli(['scan', '--json', '-i', lab.clientKey, '--save', dir, root.address]);
    expect(scanned.code).toBe(0);
    expect(readdirSync(dir)).toEqual([`${root.address}.bundle`]);
    const imported = await cli(['scan', '--json', '--import', join(dir, `${root.address}.bundle`)]);
    expect(imported.code).toBe(0);
    const [a] = JSON.parse(scanned.out) as ScanRow[];
    const [b] = JSON.parse(imported.out) as ScanRow[];
    expect(b!.facts).toEqual(a!.facts);
    expect(b!.host).toBe(root.hostname);
  });

  it('--print-script prints the scan script itself', async () => {
    const r = await cli(['scan', '--print-script']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd()).toBe(SCAN_SCRIPT.trimEnd());
  });

  it('bad input is exit 2 with a reason: no hosts, unreadable or foreign import, bad host syntax, bad numbers', async () => {
    const cases: [string[], RegExp][] = [
      [['scan'], /scan needs at least one HOST/],
      [['scan', '--import', '/nonexistent.bundle'], /cannot read \/nonexistent.bundle: no such file/],
      [['scan', 'root@'], /is not a host name or address/],
      [['scan', '--concurrency', '0', root.address], /--concurrency "0" is not a positive whole number/],
      [['scan', '--host-keys', 'sometimes', root.address], /--host-keys: "sometimes" is not a mode/],
      [['scan', root.address, '--import', 'x'], /either hosts or --import/],
      [['scan', '--frobnicate'], /scan: Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
    const notBundle = join(mkdtempSync(join(tmpdir(), 'osism-nb-')), 'notes.txt');
    writeFileSync(notBundle, 'just some text\n');
    const r = await cli(['scan', '--import', notBundle]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a scan bundle/);
  });

  it('strict host keys refuse an unknown host: exit 1 and the reason in its row', async () => {
    const r = await cli(['scan', '--json', '--host-keys', 'strict', '-i', lab.clientKey, root.address]);
    expect(r.code).toBe(1);
    const [row] = JSON.parse(r.out) as ScanRow[];
    expect(row!.error).toMatch(/unknown host key ssh-ed25519 SHA256:\S+ and --host-keys is strict/);
  });
});

describe('osism-installer discover', () => {
  const subnet = `${lab.gateway.split('.').slice(0, 3).join('.')}.0/24`;

  it('prints one line per SSH server as found, then a summary; --json sorts by address; exit 0', async () => {
    const plain = await cli(['discover', subnet, '--timeout', '1000']);
    expect(plain.code).toBe(0);
    const reachable = lab.hosts.filter((h) => !h.via);
    for (const h of reachable)
      expect(plain.out).toMatch(
        new RegExp(`^${h.address.replace(/\./g, '\\.')}:22  SSH-2\\.0-OpenSSH\\S* .*ssh-ed25519 SHA256:\\S+  new$`, 'm'),
      );
    // the lab's unused addresses never answer (no ARP reply within the timeout): counted, not dropped silently
    const summary = new RegExp(
      `254 addresses probed in [\\d.]+ s: ${reachable.length} SSH servers; (\\d+) addresses timed out \\(no answer in 1000 ms, not refused[^\\n]*\\n$`,
    ).exec(plain.out);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    expect(Number(summary![1])).toBeLessThanOrEqual(254 - reachable.length);
    const json = await cli(['discover', '--json', subnet, '--timeout', '1000']);
    const results = JSON.parse(json.out) as { address: string }[];
    // lab hosts are .10, .11, ... in name order, so sorting by address gives name order
    expect(results.map((r) => r.address)).toEqual(reachable.map((h) => h.address));
  });

  it('exit 1 when no SSH server answers', async () => {
    const r = await cli(['discover', hostOfKind(lab, 'root').address, '--port', '2299']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/:2299  closed\n/);
  });

  it('-J: finds a host only the jump host reaches, with the fingerprint its key has; without -J it is unreachable', async () => {
    const jump = lab.hosts.find((h) => h.name === hidden.via)!;
    const [a, b, c, d] = hidden.address.split('.');
    const range = `${a}.${b}.${c}.${d}-${Number(d) + 2}`;
    const fp = (await lab.hostExec(hidden.name, 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub')).stdout.split(' ')[1]!;
    const r = await cli(['discover', '-J', `root@${jump.address}`, '-i', lab.clientKey, range, '--timeout', '1000']);
    expect(r.err).toContain(`probing 3 addresses on port 22 through jump host root@${jump.address}:22...`);
    expect(r.out).toMatch(
      new RegExp(
        `^${hidden.address.replace(/\./g, '\\.')}:22  SSH-2\\.0-OpenSSH\\S* .*ssh-ed25519 ${fp.replace(/[+/]/g, '\\$&')}  new$`,
        'm',
      ),
    );
    expect(r.code).toBe(0);
    const direct = await cli(['discover', hidden.address, '--timeout', '1000']);
    expect(direct.code).toBe(1);
    expect(direct.out).toMatch(new RegExp(`^${hidden.address.replace(/\./g, '\\.')}:22  (unreachable|filtered)`, 'm'));
  });

  it('-J: a jump host whose key is not trusted (--host-keys strict) or a wrong login stops before any probe, exit 1, naming it', async () => {
    const jump = lab.hosts.find((h) => h.name === hidden.via)!;
    const strict = await cli(['discover', '-J', `root@${jump.address}`, '-i', lab.clientKey, '--host-keys', 'strict', hidden.address]);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(new RegExp(`cannot reach the jump host: .*${jump.address.replace(/\./g, '\\.')}`));
    expect(strict.out).toBe('');
    const login = await cli(['discover', '-J', `nobody@${jump.address}`, '-i', lab.clientKey, hidden.address]);
    expect(login.code).toBe(1);
    expect(login.err).toMatch(/cannot reach the jump host: .*nobody/);
  });

  it('bad targets are exit 2 and nothing is probed: malformed CIDR, too large without --force, unresolvable name', async () => {
    const cases: [string[], RegExp][] = [
      [['discover', '10.0.0.0/33'], /"10\.0\.0\.0\/33" is not a valid CIDR: the prefix must be a number from 0 to 32/],
      [['discover', '10.0.0.5/24'], /did you mean 10\.0\.0\.0\/24\?/],
      [['discover', '10.0.0.0/15'], /"10\.0\.0\.0\/15" has 131070 addresses, more than a \/16 \(65536\); narrow it down or add --force/],
      [['discover', 'no-such-host.invalid'], /"no-such-host\.invalid" cannot be resolved/],
      [['discover', '10.0.0.300'], /"10\.0\.0\.300" is not a valid IPv4 address/],
      [['discover', '10.0.0.20-10'], /ends before it starts/],
      [['discover'], /discover needs at least one TARGET/],
      [['discover', '-l', 'ubuntu', '10.0.0.1'], /-l, -i and --password-env log in to a jump host; give one with -J/],
      [['discover', '-J', 'root@bad host', '10.0.0.1'], /discover: -J: .*is not a host name or address/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.out, args.join(' ')).toBe('');
    }
  });
});
