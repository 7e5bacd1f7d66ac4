// The bundle format: headers, notes, odd input.
import { describe, expect, it } from 'vitest';
import { readBundle, splitBundle, splitNotes } from '../../../../src/hosts/facts/bundle.js';

describe('splitBundle', () => {
  it('sections by "@@@ <name>" lines; text before the first header ignored; names lowercased', () => {
    const m = splitBundle('Welcome banner\n@@@ hostname\nctl1\n@@@ UNAME\nLinux 6.1.0 x86_64\n\n@@@ kvm\r\ndev=absent\r\n');
    expect([...m.keys()]).toEqual(['hostname', 'uname', 'kvm']);
    expect(m.get('hostname')).toBe('ctl1');
    expect(m.get('uname')).toBe('Linux 6.1.0 x86_64\n');
    expect(m.get('kvm')).toBe('dev=absent\n'); // CRLF normalised
  });

  it('notes are lines starting with @@@!, not headers', () => {
    const m = splitBundle('@@@ lscpu\n@@@! lscpu: not installed\n@@@ meminfo\nMemTotal: 1 kB\n');
    expect(m.get('lscpu')).toBe('@@@! lscpu: not installed');
    expect(splitNotes(m.get('lscpu')!)).toEqual({ data: '', notes: ['lscpu: not installed'] });
  });

  it('reports duplicates (first wins), a preamble and the end marker', () => {
    const b = readBundle('motd\n@@@ hostname\na\n@@@ hostname\nb\n@@@ end\n');
    expect(b).toMatchObject({ duplicates: ['hostname'], preamble: true, complete: true });
    expect(b.sections.get('hostname')).toBe('a');
    expect(readBundle('@@@ hostname\na').complete).toBe(false);
  });

  it('"@@@" inside a line or without a name is data', () => {
    const m = splitBundle('@@@ os-release\nNAME="x @@@ y"\n@@@\n@@@  \n');
    expect(m.get('os-release')).toBe('NAME="x @@@ y"\n@@@\n@@@  \n');
  });
});
