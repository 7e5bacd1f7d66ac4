// SCAN_SCRIPT run for real on this machine by dash: syntax, every section in order, the values
// against Node's own view of the machine, as an unprivileged user, and with tools missing or failing.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundle, SCAN_SCRIPT, SCRIPT_SECTIONS, parseBundle } from '../../../../src/hosts/facts/index.js';

const isRoot = process.getuid?.() === 0;

function run(argv: string[], env: NodeJS.ProcessEnv = process.env): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env, cwd: '/', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('SCAN_SCRIPT', () => {
  it('is valid POSIX sh for dash and bash --posix', () => {
    expect(run(['dash', '-n', '-c', SCAN_SCRIPT]).status).toBe(0);
    expect(run(['bash', '--posix', '-n', '-c', SCAN_SCRIPT]).status).toBe(0);
    // No bashisms a dash would choke on only at run time.
    expect(SCAN_SCRIPT).not.toMatch(/\[\[|\$\(\(|^\s*function\s|<<<|^\s*local\s/m);
  });

  it('prints every section in order as the current user, exits 0, matches what Node sees', () => {
    const r = run(['dash', '-c', SCAN_SCRIPT]);
    expect(r.status).toBe(0);
    const b = readBundle(r.stdout);
    expect([...b.sections.keys()]).toEqual([...SCRIPT_SECTIONS, 'end']);
    expect(b.complete).toBe(true);
    const f = parseBundle(r.stdout);
    expect(f.hostname).toBe(hostname());
    expect(f.cpu!.threads).toBe(cpus().length);
    expect(f.memory!.totalBytes).toBe(totalmem()); // both are the kernel's MemTotal
    expect(f.arch).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    // What stays missing here is what this machine lacks: no systemd/chrony, and (as root) no dmidecode binary.
    for (const m of f.missing) expect(['timesync', 'dmidecode']).toContain(m.section);
  });

  it('runs as an unprivileged user: dmidecode says it needs root, the rest is there', () => {
    // As root we drop to nobody; a non-root test run already is unprivileged.
    const argv = isRoot
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'dash', '-c', SCAN_SCRIPT]
      : ['dash', '-c', SCAN_SCRIPT];
    const r = run(argv);
    expect(r.status).toBe(0);
    const b = readBundle(r.stdout);
    expect(b.sections.get('dmidecode')).toContain('@@@! dmidecode: needs root (the scan user is not root)');
    const f = parseBundle(r.stdout);
    expect(f.hostname).toBe(hostname());
    expect(f.disks.length).toBeGreaterThan(0);
    expect(f.nics.length).toBeGreaterThan(0);
    expect(f.missing.find((m) => m.section === 'dmidecode')?.reason).toMatch(/needs root/);
  });

  it('a missing or failing tool is a note in its section, never the end of the scan', () => {
    // A private mount namespace: ip, python3 replaced by /dev/null (not executable => "not
    // installed"), lsblk by a tool that fails with a message, /usr/sbin emptied.
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const failing = join(dir, 'fail');
    writeFileSync(failing, '#!/bin/sh\necho "lsblk: boom" >&2\nexit 3\n');
    chmodSync(failing, 0o755);
    const setup = [
      'set -e',
      'mount -t tmpfs none /usr/sbin',
      `mount --bind ${failing} "$(command -v lsblk)"`,
      'for p in $(which -a ip python3); do mount --bind /dev/null "$p"; done',
      'exec env -i PATH=/usr/bin:/bin dash -c "$0"',
    ].join('\n');
    const r = run([...(isRoot ? ['unshare', '-m'] : ['unshare', '-r', '-m']), 'sh', '-c', setup, SCAN_SCRIPT]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const b = readBundle(r.stdout);
    expect([...b.sections.keys()]).toEqual([...SCRIPT_SECTIONS, 'end']);
    expect(b.sections.get('ip-addr')!.trim()).toBe('@@@! ip: not installed');
    expect(b.sections.get('lsblk')!.trim()).toBe('@@@! lsblk exited 3: lsblk: boom');
    const f = parseBundle(r.stdout);
    expect(f.missing).toContainEqual({ section: 'lsblk', reason: 'lsblk exited 3: lsblk: boom' });
    expect(f.missing).toContainEqual({ section: 'ip-route', reason: 'ip: not installed' });
    expect(f.python3).toBeNull();
    expect(f.missing.map((m) => m.section)).not.toContain('python3');
    // Without ip, the NICs still come from sysfs.
    expect(f.nics.map((n) => n.name)).toContain('eth0');
    expect(f.cpu!.threads).toBe(cpus().length);
  });

  it('is safe to pipe into sh (nothing reads the script text as input)', () => {
    const r = spawnSync('dash', [], { input: SCAN_SCRIPT, encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status).toBe(0);
    expect(readBundle(r.stdout).complete).toBe(true);
  });
});
