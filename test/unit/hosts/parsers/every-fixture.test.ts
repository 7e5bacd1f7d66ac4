// Every file in ../shared/fixtures/hardware goes through the parser of its kind (the file name's
// prefix) and through parseBundle under the section a hand capture would use. A new kind without
// a parser fails here instead of being skipped. Per-file values are checked in the other tests.
// OSISM_HARDWARE_FIXTURES=DIR runs the same checks over another set of the same kinds.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../../src/hosts/facts/index.js';
import { parseChronycTracking } from '../../../../src/hosts/parsers/chronyc.js';
import { parseCpuinfo } from '../../../../src/hosts/parsers/cpuinfo.js';
import { parseDmidecodeSystem } from '../../../../src/hosts/parsers/dmidecode.js';
import { parseEthtool } from '../../../../src/hosts/parsers/ethtool.js';
import { parseIpLinks } from '../../../../src/hosts/parsers/ip-link.js';
import { parseIpRoutes } from '../../../../src/hosts/parsers/ip-route.js';
import { parseLsblk } from '../../../../src/hosts/parsers/lsblk.js';
import { parseLscpu } from '../../../../src/hosts/parsers/lscpu.js';
import { parseMeminfo } from '../../../../src/hosts/parsers/meminfo.js';
import { parseOsRelease } from '../../../../src/hosts/parsers/os-release.js';
import type { Parsed } from '../../../../src/hosts/parsers/result.js';
import { parseTimedatectl } from '../../../../src/hosts/parsers/timedatectl.js';
import { sharedPath } from '../../../helpers/shared.js';

// kind -> [bundle section, parser, the Facts field that section fills]
const KINDS: Record<string, [string, (t: string) => Parsed<unknown>, (f: ReturnType<typeof parseBundle>) => unknown]> = {
  cpuinfo: ['cpuinfo', parseCpuinfo, (f) => f.cpu],
  lscpu: ['lscpu', parseLscpu, (f) => f.cpu],
  'lscpu-json': ['lscpu', parseLscpu, (f) => f.cpu],
  meminfo: ['meminfo', parseMeminfo, (f) => f.memory],
  'os-release': ['os-release', parseOsRelease, (f) => f.os],
  'lsblk-json': ['lsblk', parseLsblk, (f) => (f.disks.length > 0 ? f.disks : null)],
  'ip-addr-json': ['ip-addr', parseIpLinks, (f) => (f.nics.length > 0 ? f.nics : null)],
  'ip-route-json': ['ip-route', parseIpRoutes, (f) => f.defaultRoute],
  dmidecode: ['dmidecode', parseDmidecodeSystem, (f) => f.system],
  ethtool: ['ethtool', parseEthtool, (f) => (f.nics.length > 0 ? f.nics : null)],
  timedatectl: ['timesync', parseTimedatectl, (f) => f.timesync],
  'chronyc-tracking': ['timesync', parseChronycTracking, (f) => f.timesync],
};

const dir = process.env.OSISM_HARDWARE_FIXTURES ?? sharedPath('fixtures', 'hardware');
const files = readdirSync(dir).filter((f) => f.includes('--'));

describe('every shared hardware fixture', () => {
  it('the directory has fixtures and each kind is known', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(Object.keys(KINDS)).toContain(f.split('--')[0]);
  });

  it.each(files)('%s', (file) => {
    const [section, parse, field] = KINDS[file.split('--')[0]!]!;
    const text = readFileSync(join(dir, file), 'utf8');
    const r = parse(text);
    expect(r.ok ? 'ok' : r.reason).toBe('ok');
    const facts = parseBundle(`@@@ ${section}\n${text}`);
    expect(field(facts)).not.toBeNull();
    expect(facts.missing.map((m) => m.section)).not.toContain(section);
  });
});
