// Hostile bytes from a host on every non-TUI output path: the plain reporter, JSON lines, the phase
// log file, host errors and the preflight probe. Each gets the issue-13 hostname (retitle, clear,
// colour, CR, BS) in a host name, task output, a log line and a failure message, and must print
// none of those bytes raw while still showing them (escaped).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHost } from '../../../src/deploy/preflight/checks.js';
import { parseProbe } from '../../../src/deploy/preflight/probe.js';
import { CommandTimeoutError, HostError } from '../../../src/hosts/errors.js';
import { jsonLinesReporter } from '../../../src/report/json-lines.js';
import { plainReporter } from '../../../src/report/plain.js';
import { openPhaseLog } from '../../../src/state/phase-log.js';
import type { EngineEvent } from '../../../src/types/events.js';
import { testSpec } from '../deploy/helpers/spec.js';

// ... plus a one-byte CSI (C1) and a right-to-left override, which JSON.stringify leaves raw
const HOSTILE = '\u001b]0;PWNTITLE\u0007\u001b[2J\u001b[31mred\r\b\u009b1m\u202e';
/** How HOSTILE reads once escaped. */
const SHOWN = '\\x1b]0;PWNTITLE\\x07\\x1b[2J\\x1b[31mred\\x0d\\x08\\x9b1m\\u202e';
/** Any byte a terminal acts on, newline aside. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

/** A run whose host name, task, log line and failure carry HOSTILE. */
const EVENTS: EngineEvent[] = [
  { type: 'run:start', at: 0, deployment: 'lab', phases: [{ id: 'kolla-deploy', title: 'Deploy' }], dryRun: false },
  { type: 'phase:start', at: 0, phase: 'kolla-deploy', title: 'Deploy', hosts: [`h${HOSTILE}`], index: 0, total: 1, logPath: '/l/1.log' },
  { type: 'task', at: 1, phase: 'kolla-deploy', name: `task ${HOSTILE}`, role: 'common', handler: false },
  { type: 'log', at: 2, phase: 'kolla-deploy', host: `h${HOSTILE}`, level: 'warn', line: `warning ${HOSTILE}` },
  {
    type: 'phase:end',
    at: 3,
    phase: 'kolla-deploy',
    status: 'failed',
    durationMs: 3,
    reason: `failed ${HOSTILE}`,
    failures: [{ host: `h${HOSTILE}`, task: `task ${HOSTILE}`, message: `fatal: ${HOSTILE}\nsecond line` }],
    logPath: '/l/1.log',
  },
  { type: 'run:end', at: 3, status: 'failed', durationMs: 3 },
];

function buffer() {
  let text = '';
  return { out: { write: (s: string) => (text += s) }, text: () => text };
}

describe('hostile host output', () => {
  it('plain reporter: shown escaped, never raw', () => {
    const b = buffer();
    const sink = plainReporter(b.out);
    EVENTS.forEach((e) => sink(e));
    expect(b.text()).toContain(`fatal: ${SHOWN}`);
    expect(b.text()).not.toMatch(RAW);
  });

  it('JSON lines: every control written as a \\u escape; each line parses back to the same event', () => {
    const b = buffer();
    const sink = jsonLinesReporter(b.out);
    EVENTS.forEach((e) => sink(e));
    expect(b.text()).not.toMatch(RAW);
    const back = b
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as EngineEvent);
    expect(back).toEqual(EVENTS);
  });

  it('phase log file: escaped, newlines kept, secrets still redacted first', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'osism-log-')), 'logs', '1.log');
    const log = openPhaseLog(path, (t) => t.replace('S3CRET', '<redacted>'));
    log.write(`[h1] ${HOSTILE} S3CRET\n[h1] next\r\n`);
    log.close();
    expect(readFileSync(path, 'utf8')).toBe(`[h1] ${SHOWN} <redacted>\n[h1] next\n`);
  });

  it('host errors carry what the host said escaped (their message reaches every output)', () => {
    const e = new HostError('h1', '10.0.0.1', 'scan', `h1 (10.0.0.1): the scan script printed no bundle: ${HOSTILE}`);
    expect(e.message).toBe(`h1 (10.0.0.1): the scan script printed no bundle: ${SHOWN}`);
    expect(new CommandTimeoutError('h1', '10.0.0.1', 1000, HOSTILE, '').message).not.toMatch(RAW);
  });

  it('preflight: a hostile hostname is named escaped in the finding (the "calls itself" warning of issue 13)', () => {
    const spec = testSpec();
    const probe = parseProbe(`os=debian 12\nhostname=${HOSTILE}\npython3=3.11.2\ntimesync=yes\nkvm=yes\nfree_var_lib_kib=83000000\n`);
    const findings = checkHost({ spec, host: spec.hosts[1]!, probe, firstInstall: true, ports: [] });
    const named = findings.find((f) => f.id === 'preflight.hostname')!;
    expect(named.message).toContain(`calls itself "${SHOWN}"`);
    for (const f of findings) expect(`${f.message} ${f.fix ?? ''}`).not.toMatch(RAW);
  });
});
