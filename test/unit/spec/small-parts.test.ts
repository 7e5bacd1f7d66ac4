// mergeSsh layering, locate(), "did you mean", address checks.
import { describe, expect, it } from 'vitest';
import { closest, defaultSpec, editDistance, loadPreset, mergeSsh } from '../../../src/spec/index.js';
import { isIPv4, isIPv6 } from '../../../src/spec/ip.js';

describe('mergeSsh', () => {
  it('layers defaults < preset < host override < flags, null being a value and undefined not', () => {
    const preset = { user: 'deploy', port: 2222, become: 'sudo' as const, identityFile: '~/.ssh/a' };
    const host = { port: 22, identityFile: null };
    const flags = { user: 'ops', port: undefined };
    expect(mergeSsh(preset, host, flags)).toEqual({
      user: 'ops', // flag
      port: 22, // host override (the flag was not given)
      identityFile: null, // host override to "none"
      jumpHost: null, // default
      become: 'sudo', // preset
      hostKeys: 'accept-new', // default
      passwordEnv: null,
      knownHosts: null,
    });
  });
});

describe('locate', () => {
  const text = [
    'name: lab',
    'hosts:',
    '  - name: ctl1',
    '    address: 10.0.0.11',
    '    roles: [control]',
    'network:',
    '  internalVip: 10.0.0.250',
    '  externalVip:',
  ].join('\n');
  const { locate, spec } = loadPreset(text, 'p.yaml');

  it('points at a written value', () => {
    expect(spec).not.toBeNull();
    // line 4 "    address: 10.0.0.11": value at column 14.
    expect(locate(['hosts', 0, 'address'])).toEqual({ file: 'p.yaml', line: 4, col: 14 });
    // line 5 "    roles: [control]": the first role at column 13.
    expect(locate(['hosts', 0, 'roles', 0])).toEqual({ file: 'p.yaml', line: 5, col: 13 });
    expect(locate(['network', 'internalVip'])).toEqual({ file: 'p.yaml', line: 7, col: 16 });
  });

  it('points at the key of an empty value and at the nearest written parent of a defaulted key', () => {
    // "  externalVip:" has no value (null: the internal VIP): its key at 8:3.
    expect(spec!.network.externalVip).toBeNull();
    expect(locate(['network', 'externalVip'])).toEqual({ file: 'p.yaml', line: 8, col: 3 });
    // network.virtualRouterId is not written (default 51): the last written step is the key "network" at 6:1.
    expect(spec!.network.virtualRouterId).toBe(51);
    expect(locate(['network', 'virtualRouterId'])).toEqual({ file: 'p.yaml', line: 6, col: 1 });
    expect(locate(['backends', 'storage'])).toBeUndefined();
  });
});

describe('closest', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('nvoa', 'nova')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('nvoa', ['nova', 'neutron'])).toBe('nova');
    expect(closest('xyz', ['nova', 'neutron'])).toBeNull();
  });
});

describe('address checks', () => {
  it.each(['10.0.0.1', '255.255.255.255', '0.0.0.0'])('%s is IPv4', (a) => expect(isIPv4(a)).toBe(true));
  it.each(['10.0.0.256', '10.0.0', '01.2.3.4', '1.2.3.4.5', ''])('%s is not IPv4', (a) => expect(isIPv4(a)).toBe(false));
  it.each(['::1', '2001:db8::11', 'fe80::1:2:3:4', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8'])('%s is IPv6', (a) =>
    expect(isIPv6(a)).toBe(true),
  );
  it.each(['1:2:3:4:5:6:7:8:9', '2001:db8:::1', '1::2::3', 'g::1', '1:2:3:4:5:6:7', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:'])(
    '%s is not IPv6',
    (a) => expect(isIPv6(a)).toBe(false),
  );
});

describe('defaultSpec', () => {
  it('is this machine as an all-in-one: one `local` host with every role, deploying from itself', () => {
    const spec = defaultSpec();
    expect(spec.hosts).toEqual([
      { name: 'local', address: 'local', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] },
    ]);
    expect(spec.deploy.host).toBe('local');
    expect(spec.release).toBe('2026.1');
    expect(spec.backends.storage).toBe('none');
    // The VIP must be chosen (Network screen or preset): an all-in-one default cannot guess a free address.
    expect(spec.network.internalVip).toBe('');
    expect(defaultSpec({ name: 'x' }).name).toBe('x');
  });
});

describe('loading findings without a node', () => {
  it('point at the start of the file and explain a second YAML document', () => {
    expect(loadPreset('', 'e.yaml').findings[0]!.location).toEqual({ file: 'e.yaml', line: 1, col: 1 });
    const multi = loadPreset('name: a\n---\nname: b\n', 'm.yaml').findings;
    // The "---" on line 2 starts the second document.
    expect(multi.map((f) => [f.id, f.location?.line, f.location?.col])).toEqual([['preset.yaml', 2, 1]]);
    expect(multi[0]!.message).toMatch(/a preset is one YAML document/);
  });
});
