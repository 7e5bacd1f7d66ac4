// /etc/os-release from the shared fixtures; values copied by eye from the raw files.
import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '../../../../src/hosts/parsers/os-release.js';
import { hw, value } from './fixture.js';

describe('parseOsRelease', () => {
  it.each([
    // [file, ID, VERSION_ID, PRETTY_NAME] as written in each file (quotes removed)
    ['os-release--centos-stream-9.txt', 'centos', '9', 'CentOS Stream 9'],
    ['os-release--debian-12.txt', 'debian', '12', 'Debian GNU/Linux 12 (bookworm)'],
    ['os-release--rocky-9.3.txt', 'rocky', '9.3', 'Rocky Linux 9.3 (Blue Onyx)'],
    ['os-release--ubuntu-22.04.txt', 'ubuntu', '22.04', 'Ubuntu 22.04.5 LTS'],
  ])('%s', (file, id, versionId, prettyName) => {
    expect(value(parseOsRelease(hw(file)))).toMatchObject({ id, versionId, prettyName });
  });

  it('reads ID_LIKE and a last line without a newline', () => {
    // ubuntu: ID_LIKE=debian; the file ends in "UBUNTU_CODENAME=jammy" without "\n".
    expect(value(parseOsRelease(hw('os-release--ubuntu-22.04.txt'))).idLike).toEqual(['debian']);
    expect(value(parseOsRelease(hw('os-release--rocky-9.3.txt'))).idLike).toEqual(['rhel', 'centos', 'fedora']);
  });

  it('shell quoting: escapes, single quotes, comments; defaults from os-release(5)', () => {
    const r = value(parseOsRelease(`# comment\nNAME='My "OS"'\nPRETTY_NAME="A \\"quoted\\" \\$(name)"\nVERSION_ID=1.0\r\n`));
    expect(r).toMatchObject({ id: 'linux', versionId: '1.0', prettyName: 'A "quoted" $(name)', name: 'My "OS"' });
    expect(value(parseOsRelease('ID=arch\nNAME="Arch Linux"\n'))).toMatchObject({ id: 'arch', versionId: '', prettyName: 'Arch Linux' });
  });

  it('fails on text with no assignment', () => {
    expect(parseOsRelease('just words\n')).toEqual({ ok: false, reason: 'no KEY=value lines' });
  });
});
