// Repeated findings of one kind are folded into one with a count: a 10 MB preset with 900,000
// duplicate services printed 105 MB, one finding per duplicate.
import { describe, expect, it } from 'vitest';
import { foldFindings } from '../../../src/spec/fold-findings.js';
import { loadPreset } from '../../../src/spec/index.js';
import type { Finding } from '../../../src/types/findings.js';

const f = (id: string, n: number, severity: Finding['severity'] = 'fail'): Finding => ({
  id,
  severity,
  subject: `s${n}`,
  message: `m${n}`,
  fix: 'fix it',
  location: { file: 'p.yaml', line: n, col: 1 },
});

describe('foldFindings', () => {
  it('keeps the first three of a kind and counts the rest in one finding where the fourth was, with where it is', () => {
    const input = [f('a', 1), f('b', 2), f('a', 3), f('a', 4), f('a', 5), f('a', 6), f('a', 7, 'warn')];
    expect(foldFindings(input)).toEqual([
      f('a', 1),
      f('b', 2),
      f('a', 3),
      f('a', 4),
      {
        id: 'a',
        severity: 'fail',
        subject: null,
        message: '2 more like the 3 above (a), not listed one by one; the next is at p.yaml:5:1.',
        fix: 'fix it',
        location: { file: 'p.yaml', line: 5, col: 1 },
        folded: 2,
      },
      f('a', 7, 'warn'),
    ]);
  });

  it('never folds a single one: four of a kind stay four', () => {
    const four = [1, 2, 3, 4].map((n) => f('a', n));
    expect(foldFindings(four)).toEqual(four);
  });

  it('a preset listing a service 5,001 times: 4 findings, the last counting 4,997', () => {
    const text = `version: 1
name: lab
hosts:
  - {name: ctl1, address: 10.0.0.11, roles: [manager, control, network, compute, monitoring]}
network: {interface: eth0, internalVip: 10.0.0.250}
services: [keystone${', keystone'.repeat(5_000)}]
`;
    const loaded = loadPreset(text, 'dup.yaml');
    const dup = loaded.findings.filter((x) => x.id === 'preset.service.duplicate');
    expect(dup).toHaveLength(4);
    expect(dup[3]!.message).toMatch(/^4997 more like the 3 above \(preset\.service\.duplicate\)/);
  });
});
