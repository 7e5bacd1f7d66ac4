// Entry of the guided install (placeholder until the UI lands).
import type { CommandIO } from '../commands/types.js';

/** Mounts the guided flow and resolves to the exit code. */
export async function runGuided(_args: string[], io: CommandIO): Promise<number> {
  io.stderr.write('osism-installer: the guided install is not built yet\n');
  return 2;
}
