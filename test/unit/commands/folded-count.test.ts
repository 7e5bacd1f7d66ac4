// The counts a verb prints say what the operator reads: a folded finding ("7 more like the 3 above")
// counts as the findings it stands for, not as one. Before, a preset listing a service 11 times
// printed 4 findings and summed them up as "4 fail" (validate, its JSON counts, apply's refusal).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { countFindings, countUnlisted } from '../../../src/plan/format.js';
import { countSeverity, foldFindings } from '../../../src/spec/fold-findings.js';
import type { Finding } from '../../../src/types/findings.js';
import { captureIO } from '../../helpers/io.js';

/** keystone listed 11 times: 10 duplicates, shown as 3 and one line counting 7. */
const DUP = `version: 1
name: aio
hosts:
  - {name: aio, address: 10.0.0.10, roles: [manager, control, network, compute, monitoring]}
network: {interface: eth0, externalInterface: eth1, internalVip: 10.0.0.250}
services: [${Array(11).fill('keystone').join(', ')}, glance]
backends: {compute: auto, network: ovn, storage: none}
deploy: {host: aio}
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'folded-'));
  writeFileSync(join(dir, 'dup.yaml'), DUP);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const finding = (severity: Finding['severity'], n: number): Finding => ({ id: 'x', severity, subject: null, message: `m${n}`, fix: null });

describe('counting folded findings', () => {
  it('countFindings and countSeverity count a folded finding as what it stands for; countUnlisted says how many were not listed', () => {
    const folded = foldFindings([...[1, 2, 3, 4, 5, 6].map((n) => finding('fail', n)), finding('warn', 7)]);
    expect(folded).toHaveLength(5);
    expect(countFindings(folded)).toEqual({ pass: 0, warn: 1, fail: 6 });
    expect(countSeverity(folded, 'fail')).toBe(6);
    expect(countSeverity(folded, 'warn')).toBe(1);
    expect(countUnlisted(folded)).toBe(3);
    expect(countUnlisted([finding('fail', 1)])).toBe(0);
    // passes are folded too (service.requires), but a folded pass is not worth a word in the summary
    const passes = foldFindings([1, 2, 3, 4, 5].map((n) => finding('pass', n)));
    expect(countFindings(passes).pass).toBe(5);
    expect(countUnlisted(passes)).toBe(0);
  });

  it('validate: 4 lines listed, "10 fail" summed up with the 7 not listed named; its JSON counts 10 too', async () => {
    let c = captureIO(dir);
    expect(await main(['validate', '--preset', 'dup.yaml'], c.io)).toBe(1);
    expect(c.out().match(/^ {2}FAIL /gm)).toHaveLength(4);
    expect(c.out()).toContain('7 more like the 3 above (preset.service.duplicate)');
    expect(c.out()).toContain(
      '\n10 fail, 0 warn, 0 pass (7 of them counted above, not listed one by one): not deployable as written (exit 1).\n',
    );
    c = captureIO(dir);
    expect(await main(['validate', '--preset', 'dup.yaml', '--json'], c.io)).toBe(1);
    const doc = JSON.parse(c.out()) as { counts: Record<string, number>; findings: Finding[] };
    expect(doc.counts).toEqual({ pass: 0, warn: 0, fail: 10 });
    expect(doc.findings).toHaveLength(4);
    expect(doc.findings[3]).toMatchObject({ id: 'preset.service.duplicate', folded: 7 });
  });

  it("apply's refusal counts 10 failing findings, not 4", async () => {
    const c = captureIO(dir);
    expect(await main(['apply', '--preset', 'dup.yaml', '--yes'], c.io)).toBe(1);
    expect(c.err()).toContain('osism-installer apply: 10 failing finding(s); nothing was changed.\n');
  });
});
