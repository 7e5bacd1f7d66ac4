// prepare-manager's commands, run through a real sh with recording stand-ins for apt-get, dnf and
// ansible-galaxy on PATH: the quickstart's packages before the venv, the collections installed with the venv
// activated, from the network or offline from deploy.collectionsDir.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionsCommand, packagesCommand, prepareCommands } from '../../../src/deploy/phases/prepare-manager.js';
import type { DeployContext } from '../../../src/deploy/types.js';
import { testSpec } from './helpers/spec.js';

/** A directory of recorders: each named program appends {argv, cwd, VIRTUAL_ENV, PATH} as a JSON line to calls.jsonl. */
function recorders(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'prep-mgr-'));
  for (const n of names) {
    const file = join(dir, n);
    writeFileSync(
      file,
      `#!/usr/bin/python3\nimport json, os, sys\nopen(${JSON.stringify(join(dir, 'calls.jsonl'))}, "a").write(json.dumps({"tool": ${JSON.stringify(n)}, "argv": sys.argv[1:], "cwd": os.getcwd(), "venv": os.environ.get("VIRTUAL_ENV"), "path": os.environ["PATH"]}) + "\\n")\n`,
    );
    chmodSync(file, 0o755);
  }
  return dir;
}

/** Runs a command line with PATH = the recorders (then /usr/bin for env and python3) and returns the calls. */
function calls(line: string, dir: string, extraPath = '/usr/bin') {
  const r = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8', env: { PATH: `${dir}:${extraPath}`, VIRTUAL_ENV: '' } });
  let seen: { tool: string; argv: string[]; cwd: string; venv: string | null; path: string }[] = [];
  try {
    seen = readFileSync(join(dir, 'calls.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  } catch {
    // nothing was called
  }
  return { status: r.status, stderr: r.stderr, seen };
}

describe('prepare-manager', () => {
  it("installs the quickstart's packages with apt-get (dbus build headers from 2025.1 on), else with dnf", () => {
    let dir = recorders(['apt-get', 'dnf']);
    const apt25 = calls(packagesCommand(testSpec({ release: '2025.1' })), dir);
    expect(apt25.seen.map((c) => c.tool)).toEqual(['apt-get']);
    expect(apt25.seen[0]!.argv).toEqual(expect.arrayContaining(['install', 'python3-venv', 'python3-dev', 'gcc', 'libdbus-glib-1-dev']));
    dir = recorders(['apt-get']);
    const apt23 = calls(packagesCommand(testSpec({ release: '2023.2' })), dir);
    expect(apt23.seen[0]!.argv).toContain('python3-venv');
    expect(apt23.seen[0]!.argv).not.toContain('libdbus-glib-1-dev');
    // a Rocky manager: no apt-get on PATH (the recorders only, no /usr/bin)
    dir = recorders(['dnf']);
    const rocky = calls(packagesCommand(testSpec({ release: '2025.1' })), dir, '/nonexistent');
    expect(rocky.seen.map((c) => c.tool)).toEqual(['dnf']);
    expect(rocky.seen[0]!.argv).toEqual(expect.arrayContaining(['install', 'python3-devel', 'openssl-devel', 'python3-libselinux']));
    // neither: a clear refusal
    const none = calls(packagesCommand(testSpec()), recorders([]), '/nonexistent');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('neither apt-get nor dnf');
  });

  it('builds the venv only after the packages (python3 -m venv needs python3-venv) and installs collections last', () => {
    const ctx = { spec: testSpec() } as DeployContext;
    const cmds = prepareCommands(ctx);
    expect(cmds[0]).toBe(packagesCommand(ctx.spec));
    expect(cmds[1]).toBe('python3 -m venv /opt/osism-installer/kolla-ansible-2025.1');
    expect(cmds.at(-1)).toBe(collectionsCommand(ctx.spec));
  });

  it('runs install-deps with the venv activated (VIRTUAL_ENV and its bin first on PATH)', () => {
    const line = collectionsCommand(testSpec());
    // kolla's install-deps calls a bare ansible-galaxy: the venv's must come first
    expect(line).toBe(
      'env VIRTUAL_ENV=/opt/osism-installer/kolla-ansible-2025.1 PATH=/opt/osism-installer/kolla-ansible-2025.1/bin:"$PATH" ' +
        '/opt/osism-installer/kolla-ansible-2025.1/bin/kolla-ansible install-deps',
    );
  });

  it('offline: installs the downloaded collections from deploy.collectionsDir with ansible-galaxy --offline, venv activated', () => {
    const dir = recorders(['ansible-galaxy']);
    const offline = join(dir, 'kolla collections'); // a space must survive quoting
    mkdirSync(offline);
    const base = testSpec();
    const spec = testSpec({ release: '2023.2', deploy: { ...base.deploy, collectionsDir: offline } });
    const r = calls(collectionsCommand(spec), dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.seen).toHaveLength(1);
    expect(r.seen[0]).toMatchObject({
      argv: ['collection', 'install', '--offline', '--force', '-r', 'requirements.yml'],
      cwd: offline,
      venv: '/opt/osism-installer/kolla-ansible-2023.2',
    });
    expect(r.seen[0]!.path.split(':')[0]).toBe('/opt/osism-installer/kolla-ansible-2023.2/bin');
  });
});
