// Dry runs and plans record instead of running: a recording transport per host takes every exec and
// upload of a phase's own run() and answers with a marked placeholder, so `plan`, `--dry-run`, the
// Review screen and `apply` go through the one code path a phase has (nothing is ever described twice).
import type { ExecResult, Transport, UploadItem } from '../types/transport.js';
import type { Connector } from './connections.js';
import type { PlannedCommands, RecordedCommand, Recorder } from './types.js';

/** How many characters of a command a placeholder output repeats at most (the plan shows the whole command just before). */
const PLACEHOLDER_CHARS = 60;

/**
 * A command as the plan shows it: the command line itself, except a script (several lines whose first
 * line is a `# ` comment naming it), which is shown by that line and its length.
 */
export function shownCommand(command: string): string {
  const lines = command.split('\n');
  if (lines.length > 1 && lines[0]!.startsWith('# ')) return `${lines[0]} … (a script of ${lines.length} lines)`;
  return command;
}

/** The stdout a recorded command answers with: marked, so nobody mistakes it for a host's answer. */
export function placeholderOutput(command: string): string {
  const shown = shownCommand(command).split('\n')[0]!;
  if (shown.length <= PLACEHOLDER_CHARS) return `<output of: ${shown}>`;
  const cut = shown.slice(0, PLACEHOLDER_CHARS);
  return `<output of: ${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)} …>`;
}

/** An upload as the plan shows it. */
export function shownUpload(item: UploadItem): string {
  return `upload ${item.remotePath} (mode 0${item.mode.toString(8)})`;
}

/** What the run would do, host by host in the order the phase does it; drained once per phase. */
export class CommandRecorder implements Recorder {
  private entries: RecordedCommand[] = [];

  /** Adds one entry. */
  record(host: string, line: string): void {
    this.entries.push({ host, line });
  }

  /** Everything recorded since the last take (and forgets it). */
  take(): RecordedCommand[] {
    const out = this.entries;
    this.entries = [];
    return out;
  }

  /** A connector whose transports record: opening one records how the run would connect. */
  connector(): Connector {
    return async (host, ssh) => {
      this.record(
        host.name,
        host.address === 'local'
          ? 'run locally (no SSH)'
          : `ssh ${ssh.user}@${host.address} -p ${ssh.port}${ssh.jumpHost ? ` -J ${ssh.jumpHost}` : ''}`,
      );
      return recordingTransport(host.name, host.address, this);
    };
  }
}

/** A transport that runs nothing: commands succeed with a placeholder output, uploads are noted. */
export function recordingTransport(host: string, address: string, recorder: CommandRecorder): Transport {
  return {
    host,
    address,
    async exec(command): Promise<ExecResult> {
      recorder.record(host, shownCommand(command));
      return { code: 0, signal: null, stdout: placeholderOutput(command), stderr: '', durationMs: 0 };
    },
    async upload(items) {
      for (const item of items) recorder.record(host, shownUpload(item));
    },
    async close() {},
  };
}

/** Recorded entries as the plan lists them: consecutive entries of one host form one group. */
export function groupByHost(recorded: RecordedCommand[]): PlannedCommands[] {
  const out: PlannedCommands[] = [];
  for (const r of recorded) {
    const last = out.at(-1);
    if (last && last.host === r.host) last.commands.push(r.line);
    else out.push({ host: r.host, commands: [r.line] });
  }
  return out;
}
