// Preflight's package-source check (offline and proxied sites): the real checker script runs in sh and python3 on
// this machine against local HTTP servers (an index that answers, a port nothing listens on, a registry answering
// 401 as registries do, a proxy), and the engine stops an install in preflight, before deploy-key touches
// authorized_keys, when the manager's answer says the pip index is unreachable.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES_DEADLINE_S, sourceFindings, sourcesScript, sourcesToCheck } from '../../../src/deploy/preflight/sources.js';
import type { Spec } from '../../../src/types/spec.js';
import { runOverFake } from './helpers/run-fake.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const run = promisify(execFile);

/** A server answering every request with `status`; the request lines it saw (absolute URLs when used as a proxy). */
function server(status: number): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const s = createServer((req: IncomingMessage, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(status, { 'Docker-Distribution-API-Version': 'registry/2.0' }).end('{}');
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve({ server: s, url: `127.0.0.1:${(s.address() as AddressInfo).port}`, seen })),
  );
}

/** A port nothing listens on (a server's, closed again). */
async function closedPort(): Promise<number> {
  const s = await server(200);
  const port = Number(s.url.split(':')[1]);
  await new Promise((r) => s.server.close(r));
  return port;
}

/** The spec's checks without the `os` kind (this machine's own mirrors are not this test's business). */
function checksOf(spec: Spec, pulls = true) {
  return sourcesToCheck(spec, pulls).filter((c) => c.kind !== 'os');
}

/** Runs the checker in sh on this machine; the manager's venv is a directory that does not exist. */
async function check(spec: Spec, pulls = true): Promise<{ out: string; ms: number }> {
  const started = Date.now();
  const { stdout } = await run('sh', ['-c', sourcesScript(checksOf(spec, pulls), spec, '/nonexistent/osism-venv')]);
  return { out: stdout, ms: Date.now() - started };
}

function specWith(deploy: Partial<Spec['deploy']>): Spec {
  const spec = testSpec();
  // a kolla-ansible command the machine does not have: the manager would build the venv, so pip's index is needed
  return { ...spec, deploy: { ...spec.deploy, kollaAnsible: 'osism-no-such-kolla-ansible', ...deploy } };
}

let index: Awaited<ReturnType<typeof server>>;
let registry: Awaited<ReturnType<typeof server>>;
beforeAll(async () => {
  index = await server(200);
  registry = await server(401);
});
afterAll(() => {
  index.server.close();
  registry.server.close();
});

// python3 starts slowly on a loaded machine (several runs per test): a liveness bound, not a benchmark
describe('the package-source checker on this machine', { timeout: 120_000 }, () => {
  it('passes an index and a registry that answer (a 401 from /v2/ is an answer)', async () => {
    const spec = specWith({ pipIndex: `http://${index.url}/simple/`, registry: `http://${registry.url}` });
    const { out } = await check(spec);
    expect(sourceFindings('ctl1', checksOf(spec), out)).toEqual([]);
    expect(registry.seen).toContain('GET /v2/');
    expect(index.seen).toContain('GET /simple/');
  });

  it('names the unreachable index, the host and the key to set, within the deadline', async () => {
    const port = await closedPort();
    const spec = specWith({ pipIndex: `http://127.0.0.1:${port}/simple/`, registry: `http://127.0.0.1:${port}` });
    const { out, ms } = await check(spec);
    expect(ms).toBeLessThan((SOURCES_DEADLINE_S + 20) * 1000); // liveness bound, not a benchmark
    const found = sourceFindings('ctl1', checksOf(spec), out);
    expect(found.map((f) => [f.id, f.severity, f.subject])).toEqual([
      ['preflight.source', 'fail', 'ctl1'],
      ['preflight.source', 'fail', 'ctl1'],
    ]);
    expect(found[0]!.message).toMatch(
      new RegExp(
        `^ctl1 cannot reach the pip index \\(deploy\\.pipIndex\\) at http://127\\.0\\.0\\.1:${port}/simple/: .*refused.*\\.$`,
        'i',
      ),
    );
    expect(found[0]!.fix).toContain('Set deploy.pipIndex to a pip index URL or a wheelhouse directory the manager reaches');
    expect(found[0]!.fix).toContain('deploy.proxy');
    expect(found[1]!.message).toContain(`the container registry (deploy.registry) at http://127.0.0.1:${port}/v2/`);
    expect(found[1]!.fix).toContain('Set deploy.registry');
  });

  it('goes through deploy.proxy when one is set (the pip index is asked of the proxy)', async () => {
    const proxy = await server(200);
    try {
      const spec = specWith({ pipIndex: 'http://pypi.example.invalid/simple/', proxy: `http://${proxy.url}` });
      const { out } = await check(spec, false);
      expect(sourceFindings('ctl1', checksOf(spec, false), out)).toEqual([]);
      expect(proxy.seen).toContain('GET http://pypi.example.invalid/simple/');
    } finally {
      proxy.server.close();
    }
  });

  it('checks a wheelhouse directory for packages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-'));
    const spec = specWith({ pipIndex: dir });
    let found = sourceFindings('ctl1', checksOf(spec, false), (await check(spec, false)).out);
    expect(found.map((f) => f.message)).toEqual([
      `ctl1 cannot reach the pip wheelhouse (deploy.pipIndex) at ${dir}: no package file in it.`,
    ]);
    writeFileSync(join(dir, 'kolla_ansible-20.1.0-py3-none-any.whl'), '');
    found = sourceFindings('ctl1', checksOf(spec, false), (await check(spec, false)).out);
    expect(found).toEqual([]);
    mkdirSync(join(dir, 'gone'));
    const missing = specWith({ pipIndex: join(dir, 'nope') });
    expect(sourceFindings('ctl1', checksOf(missing, false), (await check(missing, false)).out)[0]!.message).toContain('no such directory');
  });

  it('skips pip when the manager has its own kolla-ansible (deploy.kollaAnsible names an existing command)', async () => {
    const port = await closedPort();
    const spec = specWith({ pipIndex: `http://127.0.0.1:${port}/simple/`, kollaAnsible: 'sh' });
    const { out } = await check(spec, false);
    expect(out).toMatch(/^src\t0\t.*\tskip$/m);
    expect(sourceFindings('ctl1', checksOf(spec, false), out)).toEqual([]);
  });

  it("warns (does not fail) when kolla's default registry does not answer: the hosts may have the images loaded", () => {
    const spec = specWith({});
    const checks = checksOf(spec);
    const out = `src\t0\thttps://pypi.org/simple/\tok\nsrc\t1\thttps://quay.io/v2/\t[Errno 101] Network is unreachable\n`;
    expect(sourceFindings('ctl1', checks, out).map((f) => [f.severity, f.message])).toEqual([
      [
        'warn',
        "ctl1 cannot reach the container registry (quay.io, kolla's default; deploy.registry is not set) at https://quay.io/v2/: [Errno 101] Network is unreachable.",
      ],
    ]);
    // no registry check when nothing is pulled in this run
    expect(checksOf(spec, false).map((c) => c.kind)).toEqual(['url']);
  });

  it('counts a source the answer leaves out as not answered, and escapes what the host printed', () => {
    const spec = specWith({ registry: 'registry.example:5000' });
    const checks = checksOf(spec);
    const found = sourceFindings('ctl1', checks, 'src\t0\thttps://pypi.org/simple/\t\x1b[2Jgone\n');
    expect(found.map((f) => f.message)).toEqual([
      'ctl1 cannot reach the pip index (PyPI; deploy.pipIndex is not set) at https://pypi.org/simple/: \\x1b[2Jgone.',
      'ctl1 did not say whether the container registry (deploy.registry) answers.',
    ]);
  });
});

describe('preflight stops an offline install before any host is changed', () => {
  it('fails in preflight naming deploy.pipIndex; deploy-key never runs', async () => {
    const spec = specWith({});
    const fake = fakeHosts([
      { match: /^# osism-installer preflight probe/, result: { stdout: 'os=debian 12\n' } },
      {
        match: /^# osism-installer package sources/,
        result: {
          stdout:
            'src\t0\thttps://pypi.org/simple/\t[Errno 101] Network is unreachable\nsrc\t1\thttp://deb.debian.org/\tok\nsrc\t2\thttps://quay.io/v2/\tok\n',
        },
      },
    ]);
    const { result, events } = await runOverFake(spec, fake);
    expect(result.status).toBe('failed');
    const end = events.find((e) => e.type === 'phase:end' && e.phase === 'preflight');
    expect(end).toMatchObject({
      status: 'failed',
      failures: [
        {
          host: 'ctl1',
          task: 'package sources answer',
          message: expect.stringMatching(/^ctl1 cannot reach the pip index .*Network is unreachable\. Set deploy\.pipIndex to /),
        },
      ],
    });
    // the check runs first, on the manager only: no host probe yet, no key, no marker
    expect(fake.log.execs.map((e) => e.command).filter((c) => c.includes('preflight probe'))).toEqual([]);
    expect(fake.log.execs.some((e) => /authorized_keys|ssh-keygen/.test(e.command))).toBe(false);
    expect(events.some((e) => e.type === 'phase:start' && (e.phase === 'deploy-key' || e.phase === 'claim'))).toBe(false);
  });
});
