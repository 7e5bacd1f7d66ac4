// Broken presets: each problem is a `fail` finding at the exact line:col (worked out by hand from
// the YAML text of the test: lines and columns are 1-based; the column is where the bad key or
// value starts), with the bad value, what was expected and "did you mean" where it applies.
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/spec/index.js';
import type { Finding } from '../../../src/types/findings.js';

/** A valid preset's remaining sections, appended after the lines under test (so only the tested problem fails). */
const REST = ['hosts:', '  - {name: ctl1, address: 10.0.0.11, roles: [control, network, compute]}', 'network: {internalVip: 10.0.0.250}'];

function load(lines: string[]): { findings: Finding[]; at: (id: string) => Finding[] } {
  const result = loadPreset(lines.join('\n') + '\n', 'lab.yaml');
  expect(result.spec).toBeNull();
  for (const f of result.findings) {
    expect(f.severity).toBe('fail');
    expect(f.location?.file).toBe('lab.yaml');
  }
  return { findings: result.findings, at: (id) => result.findings.filter((f) => f.id === id) };
}

const pos = (f: Finding | undefined) => (f?.location ? `${f.location.line}:${f.location.col}` : 'nowhere');

describe('loadPreset refuses broken presets, each problem at its line:col', () => {
  it('YAML syntax: a tab used as indentation', () => {
    // line 2 starts with a tab: YAML forbids tabs as indentation, reported at 2:1.
    const { findings } = load(['name: lab', '\thosts: []']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id: 'preset.yaml', message: expect.stringMatching(/Tabs are not allowed as indentation/) });
    expect(pos(findings[0])).toBe('2:1');
  });

  it('YAML syntax: an over-indented key is reported once, on its own line, at the key (issue 12)', () => {
    // line 3 "  interface: eth0" (key at 2 spaces), line 4 "    internalVip: ..." (4 spaces): the line to edit is 4,
    // its key starts at column 5. YAML itself reports two errors at 3:14, where "eth0" starts.
    const { findings } = load(['name: lab', 'network:', '  interface: eth0', '    internalVip: 10.0.0.250', 'hosts: []']);
    expect(findings).toHaveLength(1);
    expect(pos(findings[0])).toBe('4:5');
    expect(findings[0]!.message).toContain('"internalVip" is indented deeper (4 spaces) than "interface" on line 3 (2 spaces)');
    expect(findings[0]!.fix).toMatch(/^indent "internalVip" with 2 spaces, like "interface"/);
    expect(findings[0]!.message).not.toContain('lab.yaml');
  });

  it('YAML syntax: an over-indented key of a list item is measured from the item key, past the dash', () => {
    // line 3 "  - name: ctl1" (the key "name" at column 5, 4 spaces in), line 4 "      address: x" (6 spaces): 4:7.
    const { findings } = load(['name: lab', 'hosts:', '  - name: ctl1', '      address: 10.0.0.11', 'network: {internalVip: 10.0.0.250}']);
    expect(findings.map((f) => pos(f))).toEqual(['4:7']);
    expect(findings[0]!.fix).toMatch(/^indent "address" with 4 spaces, like "name"/);
  });

  it('YAML syntax: a value with a second colon stays at the place YAML names', () => {
    // line 1 "name: a: b": YAML reports the nested mapping where "a" starts, column 7; the next line is not indented.
    const { findings } = load(['name: a: b', 'hosts: []']);
    expect(findings.map((f) => pos(f))).toEqual(['1:7']);
  });

  it('duplicate keys: both places are named', () => {
    // line 1 "name: lab", line 2 "name: lab2": the second key starts at 2:1, the first at 1:1.
    const { findings } = load(['name: lab', 'name: lab2', ...REST]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.id).toBe('preset.duplicate-key');
    expect(pos(findings[0])).toBe('2:1');
    expect(findings[0]!.message).toMatch(/"name" is written twice .*first at line 1, column 1/);
  });

  it('unknown key with "did you mean"', () => {
    // line 2 "netwrok: {}" starts at column 1.
    const { at } = load(['name: lab', 'netwrok: {}', ...REST]);
    expect(at('preset.unknown-key')).toHaveLength(1);
    expect(pos(at('preset.unknown-key')[0])).toBe('2:1');
    expect(at('preset.unknown-key')[0]!.fix).toBe('did you mean "network"?');
  });

  it('wrong type: hosts given as a string', () => {
    // line 2 "hosts: ctl1": the value starts after "hosts: " (7 characters) at column 8.
    const { findings } = load(['name: lab', 'hosts: ctl1', 'network: {internalVip: 10.0.0.250}']);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.type', '2:8']]);
    expect(findings[0]!.message).toBe('hosts is "ctl1"; expected a list of hosts ({name, address, roles}).');
  });

  it('unknown role with "did you mean"', () => {
    // line 3 "  - {name: ctl1, address: 10.0.0.11, roles: [controler]}": "controler" starts at column 46
    // (2 spaces + "- {" = 5, "name: ctl1, " 12 -> 17, "address: 10.0.0.11, " 20 -> 37, "roles: [" 8 -> 45, so 46).
    const { findings } = load([
      'name: lab',
      'hosts:',
      '  - {name: ctl1, address: 10.0.0.11, roles: [controler]}',
      'network: {internalVip: 10.0.0.250}',
    ]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.enum', '3:46']]);
    expect(findings[0]!.message).toMatch(/hosts\[0\]\.roles\[0\] is "controler"; expected one of manager, control, network/);
    expect(findings[0]!.fix).toBe('did you mean "control"?');
  });

  it('duplicate host names and addresses point at the second host and name the first', () => {
    // line 3 host ctl1 at 10.0.0.11; line 4 repeats both: "name: " value at column 12, address value at column 27
    // ("  - {" = 5 characters, "name: " 6 -> value at 12; "ctl1, address: " -> value at 12+4+2+9 = 27).
    const { findings } = load([
      'name: lab',
      'hosts:',
      '  - {name: ctl1, address: 10.0.0.11, roles: [control]}',
      '  - {name: ctl1, address: 10.0.0.11, roles: [compute]}',
      'network: {internalVip: 10.0.0.250}',
    ]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([
      ['preset.host.duplicate-name', '4:12'],
      ['preset.host.duplicate-address', '4:27'],
    ]);
    expect(findings[0]!.message).toMatch(/"ctl1" is used twice \(first at line 3, column 12\)/);
    expect(findings[1]!.message).toMatch(/"10.0.0.11" is used by two hosts \(first at line 3, column 27\)/);
  });

  it('Linux Bridge is refused with the reason, not as "unknown"', () => {
    // line 5 "backends: {network: linuxbridge}": the value starts at column 21 ("backends: {" 11 + "network: " 9 = 20).
    const { findings } = load(['name: lab', ...REST, 'backends: {network: linuxbridge}']);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.refused', '5:21']]);
    expect(findings[0]!.message).toMatch(
      /"linuxbridge" is refused\. Linux Bridge is not supported: Neutron removed the linuxbridge mechanism driver/,
    );
    expect(findings[0]!.fix).toBe('use one of ovn, openvswitch');
  });

  it('misspelt and duplicate service ids', () => {
    // line 5 "services: [keystone, glanse, keystone]": "glanse" at column 22 ("services: [" 11 + "keystone, " 10 = 21),
    // the second "keystone" at column 30 (21 + "glanse, " 8 = 29).
    const { findings } = load(['name: lab', ...REST, 'services: [keystone, glanse, keystone]']);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([
      ['preset.service.unknown', '5:22'],
      ['preset.service.duplicate', '5:30'],
    ]);
    expect(findings[0]!.message).toMatch(/"glanse" is not a service id/);
    expect(findings[0]!.fix).toBe('did you mean "glance"?');
  });

  it('deploy.managerBind must be internal, all or an IP address', () => {
    // line 2 "deploy: {managerBind: everywhere}": the value starts at column 23.
    const { findings } = load(['name: lab', 'deploy: {managerBind: everywhere}', ...REST]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/everywhere/);
    expect(findings[0]!.message).toMatch(/internal, all or an IP address/);
    expect(pos(findings[0])).toBe('2:23');
  });

  it('version other than 1', () => {
    // line 1 "version: 2": the value at column 10.
    const { findings } = load(['version: 2', 'name: lab', ...REST]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.version', '1:10']]);
    expect(findings[0]!.message).toBe('version is 2; this installer reads preset version 1.');
  });

  it('a password in ssh is refused with the fix "use passwordEnv", and its value is never echoed', () => {
    // line 2 "ssh:", line 3 "  password: hunter2": the key at column 3.
    const { findings } = load(['name: lab', 'ssh:', '  password: hunter2', ...REST]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.secret', '3:3']]);
    expect(findings[0]!.fix).toMatch(/passwordEnv/);
    expect(JSON.stringify(findings)).not.toContain('hunter2');
  });

  it('numbers out of range and YAML 1.2 booleans', () => {
    // line 5 "network: {internalVip: 10.0.0.250, virtualRouterId: 300}" replaces the valid one:
    // "300" at column 53 ("network: {" 10 + "internalVip: 10.0.0.250, " 25 + "virtualRouterId: " 17 = 52).
    // line 4 "backends: {dvr: yes}": "yes" at column 17 ("backends: {" 11 + "dvr: " 5 = 16).
    const { findings } = load([
      'name: lab',
      ...REST.slice(0, 2),
      'backends: {dvr: yes}',
      'network: {internalVip: 10.0.0.250, virtualRouterId: 300}',
    ]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([
      ['preset.type', '4:17'],
      ['preset.range', '5:53'],
    ]);
    expect(findings[0]!.message).toMatch(/backends\.dvr is "yes"; expected true or false \(YAML 1\.2 reads yes\/no\/on\/off as text\)/);
    expect(findings[1]!.message).toMatch(/virtualRouterId is 300, outside 0-255/);
  });

  it('required keys: no name, no internalVip', () => {
    // No "name" at all: reported at the document start 1:1. "network: {interface: eth0}" on line 3 has no
    // internalVip: reported at the network mapping, column 10.
    const { findings } = load([
      'hosts: [{name: ctl1, address: 10.0.0.11, roles: [control]}]',
      'services: [keystone]',
      'network: {interface: eth0}',
    ]);
    expect(findings.map((f) => [f.id, f.subject, pos(f)])).toEqual([
      ['preset.required', 'name', '1:1'],
      ['preset.required', 'network.internalVip', '3:10'],
    ]);
  });

  it('an unknown deploy host and an unknown host in the OSD map get "did you mean"', () => {
    // line 5 "deploy: {host: ctl2}": value at column 16 ("deploy: {" 9 + "host: " 6 = 15).
    // line 6 "backends: {ceph: {osdDevices: {ctll: [/dev/sdb]}}}": key "ctll" at column 32
    // ("backends: {" 11 + "ceph: {" 7 + "osdDevices: {" 13 = 31).
    const { findings } = load(['name: lab', ...REST, 'deploy: {host: ctl2}', 'backends: {ceph: {osdDevices: {ctll: [/dev/sdb]}}}']);
    expect(findings.map((f) => [f.id, pos(f), f.fix])).toEqual([
      ['preset.deploy.host', '5:16', 'did you mean "ctl1"?'],
      ['preset.ceph.osd-host', '6:32', 'did you mean "ctl1"?'],
    ]);
  });

  it('release: an unknown release is refused, an unquoted known one is read from its text', () => {
    // line 2 "release: 2024.1": value at column 10.
    const { findings } = load(['name: lab', 'release: 2024.1', ...REST]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.enum', '2:10']]);
    const ok = loadPreset(['name: lab', 'release: 2023.2', ...REST].join('\n'), 'lab.yaml');
    expect(ok.findings).toEqual([]);
    expect(ok.spec!.release).toBe('2023.2');
  });

  it('a host address of digits and dots that is no IPv4 address is refused, not taken as a DNS name (issue 12)', () => {
    // line 3 "  - {name: ctl1, address: 10.0.0.999, roles: [control]}": the value starts at 3:27 (2 + "- {" 3 + "name: ctl1, " 12 + "address: " 9 = 26).
    const { findings } = load([
      'name: lab',
      'hosts:',
      '  - {name: ctl1, address: 10.0.0.999, roles: [control]}',
      'network: {internalVip: 10.0.0.250}',
    ]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([['preset.value', '3:27']]);
    expect(findings[0]!.message).toMatch(/not an IPv4 address .*cannot be all digits/);
    // a jump host likewise: line 2 "ssh: {jumpHost: admin@10.1.2.300}" (the value at 2:17)
    const jump = load(['name: lab', 'ssh: {jumpHost: admin@10.1.2.300}', ...REST]);
    expect(jump.findings.map((f) => [f.id, pos(f)])).toEqual([['preset.value', '2:17']]);
    expect(jump.findings[0]!.message).toContain('"10.1.2.300" is not an IPv4 address');
  });

  it('an empty file and a file that is not a mapping', () => {
    const empty = loadPreset('', 'lab.yaml');
    expect(empty.spec).toBeNull();
    expect(empty.findings.map((f) => f.id)).toEqual(['preset.empty']);
    const list = loadPreset('- name: lab\n', 'lab.yaml');
    expect(list.findings.map((f) => [f.id, pos(f)])).toEqual([['preset.type', '1:1']]);
  });

  it('reports every problem of one file at once, in file order', () => {
    const { findings } = load([
      'version: 3', //                                          1: version at 1:10
      'name: lab',
      'ssh: {user: root, port: 70000}', //                     3: "70000" at 3:25 ("ssh: {" 6 + "user: root, " 12 + "port: " 6 = 24)
      'hosts:',
      '  - {name: ctl1, address: 10.0.0.11, roles: [control, storge]}', // 5: "storge" at 5:55 (45 + "control, " 9 = 54)
      'network: {internalVip: 10.0.0.999}', //                  6: value at 6:24 ("network: {" 10 + "internalVip: " 13 = 23)
      'services: [keystone, nvoa]', //                         7: "nvoa" at 7:22
      'backends: {storage: cepf}', //                           8: "cepf" at 8:21
    ]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([
      ['preset.version', '1:10'],
      ['preset.range', '3:25'],
      ['preset.enum', '5:55'],
      ['preset.value', '6:24'],
      ['preset.service.unknown', '7:22'],
      ['preset.enum', '8:21'],
    ]);
    expect(findings.map((f) => f.fix)).toEqual([
      'write version: 1 (a newer installer may read newer versions)',
      'write a number from 1 to 65535',
      'did you mean "storage"?',
      'write an IP address',
      'did you mean "nova"?',
      'did you mean "ceph"?',
    ]);
  });

  it('options: a misspelt key, a range without its end and a bad address, each at its place', () => {
    const { findings } = load([
      'name: lab', //                                                         1, then REST on 2-4
      ...REST,
      'options:', //                                                          5
      '  designate: {nsRecord: [ns1.example.com]}', //                        6: "nsRecord" at 6:15 ("  designate: {" is 14)
      '  ironic:', //                                                         7
      '    dhcpRanges:', //                                                   8
      '      - {start: 10.0.5.100}', //                                       9: the item's mapping "{" at 9:9 ("      - " is 8)
      '      - {start: 10.0.5.300, end: 10.0.5.210}', //                      10: "10.0.5.300" at 10:17 ("      - {start: " is 16)
    ]);
    expect(findings.map((f) => [f.id, pos(f)])).toEqual([
      ['preset.unknown-key', '6:15'],
      ['preset.required', '9:9'],
      ['preset.value', '10:17'],
    ]);
    expect(findings[0]!.fix).toBe('did you mean "nsRecords"?');
    expect(findings[1]!.message).toBe(
      'options.ironic.dhcpRanges[0] has no "end"; expected the last address of the range, e.g. 10.0.5.200.',
    );
    expect(findings[2]!.message).toContain('"10.0.5.300"');
  });
});
