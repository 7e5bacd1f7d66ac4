// Quorum, host list and deploy-host rules. Each case builds the hosts by hand; the expected
// severity follows from the rule text (1 or odd >= 3 pass, 2 and even warn, 0 fail; duplicates fail).
import { describe, expect, it } from 'vitest';
import { checkDeployHost, checkHosts } from '../../../src/plan/hosts.js';
import { checkQuorum, quorumTolerance } from '../../../src/plan/quorum.js';
import type { CheckContext } from '../../../src/plan/context.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Spec } from '../../../src/types/spec.js';
import { facts, host, nic, spec, summary, withId } from './helpers.js';

function ctx(s: Spec, f: Record<string, Facts> | null = null): CheckContext {
  return { spec: s, facts: f, services: new Set(), locate: (path) => ({ file: 'p.yaml', line: path.length, col: 1 }) };
}

function controls(n: number): Spec {
  return spec({ hosts: Array.from({ length: n }, (_, i) => host(`ctl${i + 1}`, `10.0.0.${11 + i}`, ['control'])) });
}

describe('quorum.control', () => {
  it('fails without control hosts, passes 1 and odd counts, warns on 2 and 4', () => {
    expect(checkQuorum(ctx(controls(0))).map((f) => f.severity)).toEqual(['fail']);
    expect(checkQuorum(ctx(controls(1))).map((f) => f.severity)).toEqual(['pass']);
    expect(checkQuorum(ctx(controls(2))).map((f) => f.severity)).toEqual(['warn']);
    expect(checkQuorum(ctx(controls(3))).map((f) => f.severity)).toEqual(['pass']);
    expect(checkQuorum(ctx(controls(4))).map((f) => f.severity)).toEqual(['warn']);
    expect(checkQuorum(ctx(controls(5))).map((f) => f.severity)).toEqual(['pass']);
  });

  it('states the tolerance: floor((n-1)/2) failures', () => {
    // 3 -> 1, 4 -> 1 (same as 3, hence the warning), 5 -> 2.
    expect([1, 2, 3, 4, 5].map(quorumTolerance)).toEqual([0, 0, 1, 1, 2]);
    const [four] = checkQuorum(ctx(controls(4)));
    expect(four!.message).toContain('tolerate only 1 failure');
    expect(four!.fix).toBe('Use 3 or 5 control hosts.');
    const [single] = checkQuorum(ctx(controls(1)));
    expect(single!.message).toContain('no failover');
    expect(single!.fix).toBeNull();
    // Located at the hosts list (path length 1 in the fake locate).
    expect(four!.location).toEqual({ file: 'p.yaml', line: 1, col: 1 });
  });
});

describe('hosts', () => {
  it('fails on names that differ only in case and on duplicate addresses, naming the second host', () => {
    const s = spec({
      hosts: [host('node1', '10.0.0.11', ['control']), host('Node1', '10.0.0.12', ['compute']), host('node3', '10.0.0.11', ['compute'])],
    });
    const f = checkHosts(ctx(s));
    const name = withId(f, 'hosts.unique-name');
    expect(name).toHaveLength(1);
    expect(name[0]!.severity).toBe('fail');
    expect(name[0]!.message).toContain('hosts 1, 2');
    const addr = withId(f, 'hosts.unique-address');
    expect(addr).toHaveLength(1);
    expect(addr[0]!).toMatchObject({ severity: 'fail', subject: 'node3' });
    expect(addr[0]!.message).toBe('node1 and node3 all have the address 10.0.0.11; each host needs its own.');
  });

  it('finds the same api address on two scanned hosts although the preset addresses differ', () => {
    const s = spec({ hosts: [host('a', '192.168.1.5', ['control']), host('b', '192.168.1.6', ['compute'])] });
    const f = checkHosts(
      ctx(s, { a: facts({ nics: [nic('eth0', ['10.0.0.50/24'])] }), b: facts({ nics: [nic('eth0', ['10.0.0.50/24'])] }) }),
    );
    expect(summary(withId(f, 'hosts.unique-address'))).toEqual(['fail hosts.unique-address b']);
  });

  it('passes unique names and addresses, warns about a host without roles and a hostname that differs', () => {
    const s = spec({ hosts: [host('ctl1', '10.0.0.11', ['control']), host('spare', '10.0.0.99', [])] });
    const f = checkHosts(
      ctx(s, {
        ctl1: facts({ hostname: 'ctl1.example.com', nics: [nic('eth0', ['10.0.0.11/24'])] }),
        spare: facts({ hostname: 'localhost', nics: [nic('eth0', ['10.0.0.99/24'])] }),
      }),
    );
    // ctl1.example.com shortens to ctl1 (RabbitMQ uses the short name): no warning for ctl1.
    expect(summary(f)).toEqual([
      'pass hosts.unique-name hosts',
      'pass hosts.unique-address hosts',
      'warn hosts.roles spare',
      'warn hosts.hostname spare',
    ]);
  });

  it('fails when two machines report the same hostname', () => {
    const s = spec({ hosts: [host('a', '10.0.0.1', ['control']), host('b', '10.0.0.2', ['compute'])] });
    const f = checkHosts(
      ctx(s, {
        a: facts({ hostname: 'node', nics: [nic('eth0', ['10.0.0.1/24'])] }),
        b: facts({ hostname: 'node', nics: [nic('eth0', ['10.0.0.2/24'])] }),
      }),
    );
    expect(summary(withId(f, 'hosts.unique-hostname'))).toEqual(['fail hosts.unique-hostname b']);
  });

  it('fails an empty host list', () => {
    expect(summary(checkHosts(ctx(spec({ hosts: [] }))))).toEqual(['fail hosts.none hosts']);
  });
});

describe('deploy host and manager', () => {
  const three = [host('ctl1', '10.0.0.11', ['control']), host('ctl2', '10.0.0.12', ['control']), host('mgr', '10.0.0.5', ['manager'])];

  it('fails an unknown deploy.host with a suggestion', () => {
    const f = checkDeployHost(ctx(spec({ hosts: three, deploy: { ...spec().deploy, host: 'ctl3' } })));
    const d = withId(f, 'deploy.host')[0]!;
    expect(d.severity).toBe('fail');
    // "ctl3" is one edit from ctl1 and ctl2; closest() keeps the first best.
    expect(d.fix).toContain('Did you mean "ctl1"?');
    expect(d.location).toEqual({ file: 'p.yaml', line: 2, col: 1 });
  });

  it('passes local and known hosts, and checks the manager role against deploy.host', () => {
    expect(summary(checkDeployHost(ctx(spec({ hosts: three, deploy: { ...spec().deploy, host: 'mgr' } }))))).toEqual([
      'pass deploy.host deploy.host',
      'pass roles.manager manager',
    ]);
    // Manager role on mgr but kolla-ansible elsewhere: they would end up apart.
    expect(summary(checkDeployHost(ctx(spec({ hosts: three, deploy: { ...spec().deploy, host: 'ctl1' } }))))).toEqual([
      'pass deploy.host deploy.host',
      'warn roles.manager manager',
    ]);
    const noManager = three.slice(0, 2);
    expect(summary(checkDeployHost(ctx(spec({ hosts: noManager, deploy: { ...spec().deploy, host: 'local' } }))))).toEqual([
      'pass deploy.host deploy.host',
      'pass roles.manager manager',
    ]);
    expect(summary(checkDeployHost(ctx(spec({ hosts: noManager, deploy: { ...spec().deploy, host: 'ctl2' } }))))).toEqual([
      'pass deploy.host deploy.host',
      'warn roles.manager manager',
    ]);
    const twoManagers = [host('m1', '10.0.0.1', ['manager']), host('m2', '10.0.0.2', ['manager'])];
    expect(summary(checkDeployHost(ctx(spec({ hosts: twoManagers, deploy: { ...spec().deploy, host: 'm1' } }))))).toEqual([
      'pass deploy.host deploy.host',
      'warn roles.manager manager',
    ]);
  });
});
