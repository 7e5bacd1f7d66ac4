// `osism-installer scan`: placeholder until its layer lands (owned by the helper building it).
import type { CommandIO } from './types.js';

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(_args: string[], io: CommandIO): Promise<number> {
  io.stderr.write('osism-installer scan: not built yet\n');
  return 2;
}
