// Names of Arm CPU cores from the `CPU implementer` / `CPU part` pair in /proc/cpuinfo (arm64
// kernels print no model name). The same table util-linux's lscpu keeps (lscpu-arm.c), for the
// implementers one meets in servers and boards.

const PARTS: Record<string, Record<string, string>> = {
  '0x41': {
    '0xd03': 'Cortex-A53',
    '0xd04': 'Cortex-A35',
    '0xd05': 'Cortex-A55',
    '0xd07': 'Cortex-A57',
    '0xd08': 'Cortex-A72',
    '0xd09': 'Cortex-A73',
    '0xd0a': 'Cortex-A75',
    '0xd0b': 'Cortex-A76',
    '0xd0c': 'Neoverse-N1',
    '0xd0d': 'Cortex-A77',
    '0xd0e': 'Cortex-A76AE',
    '0xd40': 'Neoverse-V1',
    '0xd41': 'Cortex-A78',
    '0xd42': 'Cortex-A78AE',
    '0xd44': 'Cortex-X1',
    '0xd46': 'Cortex-A510',
    '0xd47': 'Cortex-A710',
    '0xd48': 'Cortex-X2',
    '0xd49': 'Neoverse-N2',
    '0xd4a': 'Neoverse-E1',
    '0xd4b': 'Cortex-A78C',
    '0xd4c': 'Cortex-X1C',
    '0xd4d': 'Cortex-A715',
    '0xd4e': 'Cortex-X3',
    '0xd4f': 'Neoverse-V2',
    '0xd80': 'Cortex-A520',
    '0xd81': 'Cortex-A720',
    '0xd82': 'Cortex-X4',
    '0xd84': 'Neoverse-V3',
    '0xd85': 'Cortex-X925',
    '0xd87': 'Cortex-A725',
    '0xd8e': 'Neoverse-N3',
  },
  '0x42': { '0x516': 'ThunderX2' },
  '0x43': { '0x0a1': 'ThunderX', '0x0af': 'ThunderX2', '0x0b8': 'ThunderX3' },
  '0x46': { '0x001': 'A64FX' },
  '0x48': { '0xd01': 'Kunpeng-920', '0xd02': 'Kunpeng-930' },
  '0x4e': { '0x004': 'Carmel' },
  '0x50': { '0x000': 'X-Gene' },
  '0x51': { '0x800': 'Falkor V1/Kryo', '0xc00': 'Falkor', '0xc01': 'Saphira' },
  '0x61': { '0x022': 'Icestorm', '0x023': 'Firestorm' },
  '0xc0': { '0xac3': 'Ampere-1', '0xac4': 'Ampere-1a' },
};

const IMPLEMENTERS: Record<string, string> = {
  '0x41': 'ARM',
  '0x42': 'Broadcom',
  '0x43': 'Cavium',
  '0x46': 'Fujitsu',
  '0x48': 'HiSilicon',
  '0x4e': 'NVIDIA',
  '0x50': 'APM',
  '0x51': 'Qualcomm',
  '0x61': 'Apple',
  '0xc0': 'Ampere',
};

/** A readable core name for an implementer/part pair, e.g. ('0x41', '0xd08') -> 'Cortex-A72'. */
export function armCoreName(implementer: string, part: string): string {
  const impl = implementer.trim().toLowerCase();
  const p = part.trim().toLowerCase();
  const known = PARTS[impl]?.[p];
  if (known) return known;
  return `${IMPLEMENTERS[impl] ?? `implementer ${impl}`} part ${p}`;
}
