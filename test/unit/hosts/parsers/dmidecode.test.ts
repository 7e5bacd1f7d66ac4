// dmidecode (type 1 alone and a full dump) and the sysfs DMI lines. Values read off the fixtures.
import { describe, expect, it } from 'vitest';
import { parseDmiId } from '../../../../src/hosts/parsers/dmi-id.js';
import { dmiValue, parseDmiBlocks, parseDmidecodeSystem } from '../../../../src/hosts/parsers/dmidecode.js';
import { hw, value } from './fixture.js';

describe('parseDmidecodeSystem', () => {
  it('dmidecode -t system (8-space indentation, no final newline)', () => {
    // Handle 0x0100, DMI type 1: Manufacturer: Dell Inc., Product Name: PowerEdge XE9680, Serial Number: HSR8X04
    expect(value(parseDmidecodeSystem(hw('dmidecode--dell-poweredge-xe9680-t-system.txt')))).toEqual({
      vendor: 'Dell Inc.',
      product: 'PowerEdge XE9680',
      serial: 'HSR8X04',
    });
  });

  it('a full dump: the type 1 block among all the others', () => {
    const text = hw('dmidecode--dell-poweredge-r640-full.txt');
    // Handle 0x0100 (line 47): Dell Inc. / PowerEdge R640 / 2RJF153
    expect(value(parseDmidecodeSystem(text))).toEqual({ vendor: 'Dell Inc.', product: 'PowerEdge R640', serial: '2RJF153' });
    // 82 "Handle 0x" lines (grep -c '^Handle'); 24 memory device slots (type 17) per SOURCES.md.
    const blocks = parseDmiBlocks(text);
    expect(blocks).toHaveLength(82);
    expect(blocks.filter((b) => b.type === 17)).toHaveLength(24);
  });

  it('dmidecode -q (no Handle lines)', () => {
    const text =
      'BIOS Information\n\tVendor: SeaBIOS\n\nSystem Information\n\tManufacturer: QEMU\n\tProduct Name: Standard PC (i440FX + PIIX, 1996)\n\tSerial Number: Not Specified\n';
    expect(value(parseDmidecodeSystem(text))).toEqual({ vendor: 'QEMU', product: 'Standard PC (i440FX + PIIX, 1996)', serial: null });
  });

  it('placeholders are unknown; no type 1 or no SMBIOS is a reason', () => {
    const text =
      'Handle 0x0001, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: To Be Filled By O.E.M.\n\tProduct Name: Default string\n\tSerial Number: 0123456789\n';
    expect(value(parseDmidecodeSystem(text))).toEqual({ vendor: null, product: null, serial: null });
    expect(parseDmidecodeSystem('# dmidecode 3.4\n# No SMBIOS nor DMI entry point found, sorry.\n')).toEqual({
      ok: false,
      reason: 'no SMBIOS/DMI tables on this machine',
    });
    expect(parseDmidecodeSystem('Handle 0x0002, DMI type 2, 8 bytes\nBase Board Information\n\tManufacturer: X\n').ok).toBe(false);
    expect(dmiValue('  QEMU ')).toBe('QEMU');
  });
});

describe('parseDmiId', () => {
  it('sysfs lines; the serial only when root could read it', () => {
    expect(value(parseDmiId('sys_vendor=QEMU\nproduct_name=Standard PC (Q35 + ICH9, 2009)\n'))).toEqual({
      vendor: 'QEMU',
      product: 'Standard PC (Q35 + ICH9, 2009)',
      serial: null,
    });
    expect(parseDmiId('').ok).toBe(false);
  });
});
