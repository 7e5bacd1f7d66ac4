// The scan script's `kvm` section (`dev=present|absent`, `module=kvm_intel`, `nested=Y`), or a
// hand capture of `ls -l /dev/kvm`.
import { fail, ok, type Parsed } from './result.js';
import { cleanLine, lines } from './text.js';

/** Whether /dev/kvm exists, which KVM modules are loaded and whether nesting is on. */
export interface KvmState {
  device: boolean;
  modules: string[];
  nested: boolean | null;
}

/** Reads the kvm section; fails when it says nothing about /dev/kvm. */
export function parseKvm(text: string): Parsed<KvmState> {
  let device: boolean | null = null;
  const modules: string[] = [];
  let nested: boolean | null = null;
  for (const raw of lines(text)) {
    const line = cleanLine(raw);
    let m: RegExpExecArray | null;
    if ((m = /^dev=(present|absent)$/.exec(line))) device = m[1] === 'present';
    else if ((m = /^module=(\S+)$/.exec(line))) modules.push(m[1]!);
    else if ((m = /^nested=(\S+)$/.exec(line))) nested = /^(y|1)$/i.test(m[1]!);
    else if (/^c[-rwxsStT]{9}[.+]?\s.*\s\/dev\/kvm$/.test(line))
      device = true; // ls -l /dev/kvm
    else if (/\/dev\/kvm.*No such file or directory/.test(line)) device = false;
  }
  if (device === null) return fail('no "dev=present|absent" line');
  return ok({ device, modules, nested });
}
