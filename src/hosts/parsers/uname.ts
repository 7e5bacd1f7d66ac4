// `uname -srm` ("Linux 6.1.0-13-amd64 x86_64"); a hand-captured `uname -a` is accepted too.
import { fail, ok, type Parsed } from './result.js';
import { cleanLine, lines } from './text.js';

/** Kernel name, release and machine. */
export interface Uname {
  sysname: string;
  kernel: string;
  arch: string;
}

/** Reads the first non-empty line of uname output. */
export function parseUname(text: string): Parsed<Uname> {
  const line = lines(text)
    .map(cleanLine)
    .find((l) => l !== '');
  if (!line) return fail('empty');
  const t = line.split(/\s+/);
  if (t.length === 3) return ok({ sysname: t[0]!, kernel: t[1]!, arch: t[2]! });
  // uname -a: sysname nodename release version... machine [processor platform] [os]
  if (t.length >= 5) {
    const tail = t[t.length - 1] === 'GNU/Linux' ? t.slice(0, -1) : t;
    // -a prints processor and platform too when they are known (often "unknown" or the machine again).
    let arch = tail[tail.length - 1]!;
    if (
      tail.length >= 7 &&
      tail[tail.length - 3] &&
      /^(x86_64|aarch64|ppc64le|s390x|riscv64|i[3-6]86|armv\w+)$/.test(tail[tail.length - 3]!)
    ) {
      arch = tail[tail.length - 3]!;
    }
    return ok({ sysname: t[0]!, kernel: t[2]!, arch });
  }
  return fail(`expected "sysname release machine", got ${JSON.stringify(line.slice(0, 80))}`);
}
