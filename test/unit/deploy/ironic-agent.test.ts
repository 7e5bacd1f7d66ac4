// The ironic-agent phase's commands, run by a real sh as on the manager: a URL is downloaded by python3
// from a real HTTP server (here a local one), a path on the manager is copied; both land where kolla's
// ironic prechecks look (<configDir>/config/ironic/ironic-agent.{kernel,initramfs}); a failed download
// leaves no file behind for the prechecks to accept.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCommands, ironicAgentPhase } from '../../../src/deploy/phases/ironic-agent.js';
import type { DeployContext } from '../../../src/deploy/types.js';
import type { Spec } from '../../../src/types/spec.js';
import { testSpec } from './helpers/spec.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ipa.kernel') res.end('KERNEL-BYTES');
    else {
      res.statusCode = 404;
      res.end('not here');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A spec with Ironic whose agent images come from `kernel` and `initramfs`, the config dir in a fresh temp dir. */
function ironicSpec(kernel: string, initramfs: string): Spec {
  const spec = testSpec({ services: ['ironic'] });
  return {
    ...spec,
    deploy: { ...spec.deploy, configDir: mkdtempSync(join(tmpdir(), 'ironic-agent-')) },
    options: { designate: { nsRecords: null }, ironic: { dhcpRanges: [], agentKernel: kernel, agentInitramfs: initramfs } },
  };
}

/** Runs the phase's commands with /bin/sh -e (PATH of the machine, python3 from Debian), stopping at the first failure. */
function runAll(spec: Spec): Promise<{ status: number | null; stderr: string }> {
  const script = agentCommands(spec)
    .map((c) => c.command)
    .join('\n');
  // asynchronously: the HTTP server above answers from this same process
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-e', '-c', script], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('ironic-agent phase', () => {
  it('downloads a URL and copies a path on the manager into config/ironic, where kolla looks', async () => {
    const staged = join(mkdtempSync(join(tmpdir(), 'ipa-')), 'ipa.initramfs');
    writeFileSync(staged, 'INITRAMFS-BYTES');
    const spec = ironicSpec(`${base}/ipa.kernel`, staged);
    expect(await runAll(spec)).toMatchObject({ status: 0 });
    const dir = join(spec.deploy.configDir, 'config', 'ironic');
    expect(readFileSync(join(dir, 'ironic-agent.kernel'), 'utf8')).toBe('KERNEL-BYTES');
    expect(readFileSync(join(dir, 'ironic-agent.initramfs'), 'utf8')).toBe('INITRAMFS-BYTES');
    expect(existsSync(join(dir, 'ironic-agent.kernel.part'))).toBe(false);
  });

  it('fails on a download error or a missing path and leaves no agent file behind', async () => {
    const missing = ironicSpec(`${base}/gone.kernel`, '/nonexistent/ipa.initramfs');
    const r = await runAll(missing);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('404');
    expect(existsSync(join(missing.deploy.configDir, 'config', 'ironic', 'ironic-agent.kernel'))).toBe(false);
    const noFile = ironicSpec(`${base}/ipa.kernel`, '/nonexistent/ipa.initramfs');
    expect((await runAll(noFile)).status).not.toBe(0);
    expect(existsSync(join(noFile.deploy.configDir, 'config', 'ironic', 'ironic-agent.initramfs'))).toBe(false);
  });

  it('runs only with Ironic, on the manager, and names its sources as its inputs', () => {
    const spec = ironicSpec(`${base}/ipa.kernel`, '/srv/ipa.initramfs');
    const ctx = { spec } as DeployContext;
    expect(ironicAgentPhase.shouldRun!(ctx)).toBeNull();
    expect(ironicAgentPhase.hosts(ctx)).toEqual(['ctl1']);
    expect(ironicAgentPhase.inputs(ctx)).toMatchObject({ kernel: `${base}/ipa.kernel`, initramfs: '/srv/ipa.initramfs' });
    expect(ironicAgentPhase.shouldRun!({ spec: testSpec({ services: ['nova'] }) } as DeployContext)).toBe('Ironic is not selected');
  });
});
