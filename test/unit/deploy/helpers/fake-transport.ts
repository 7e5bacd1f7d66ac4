// A fake Transport for unit tests (np's stub-by-command-line): each command line is matched
// against rules in order and answered with their result; every call is recorded.
import type { ExecOptions, ExecResult, Transport, UploadItem } from '../../../../src/types/transport.js';

/** One rule: a pattern on the command line and the answer (or a function computing it). */
export interface Rule {
  match: RegExp;
  result?:
    Partial<ExecResult> | ((command: string, host: string, options: ExecOptions) => Partial<ExecResult> | Promise<Partial<ExecResult>>);
  /** Throw this instead of answering (a broken connection). */
  error?: () => Error;
  /** Only this many times (then the next matching rule applies). */
  times?: number;
}

/** What the fake saw. */
export interface FakeLog {
  execs: { host: string; command: string; become: boolean }[];
  uploads: { host: string; item: UploadItem }[];
  closed: string[];
}

/** A connector whose transports answer by rules; unmatched commands succeed with empty output. */
export function fakeHosts(rules: Rule[]): { log: FakeLog; transport(host: string): Transport } {
  const log: FakeLog = { execs: [], uploads: [], closed: [] };
  const used = new Map<Rule, number>();
  return {
    log,
    transport(host: string): Transport {
      return {
        host,
        address: host,
        async exec(command, options = {}) {
          log.execs.push({ host, command, become: options.become !== false });
          const rule = rules.find((r) => r.match.test(command) && (r.times === undefined || (used.get(r) ?? 0) < r.times));
          if (rule) used.set(rule, (used.get(rule) ?? 0) + 1);
          if (rule?.error) throw rule.error();
          const partial = typeof rule?.result === 'function' ? await rule.result(command, host, options) : (rule?.result ?? {});
          const result: ExecResult = { code: 0, signal: null, stdout: '', stderr: '', durationMs: 1, ...partial };
          if (result.stdout) options.onStdout?.(result.stdout);
          if (result.stderr) options.onStderr?.(result.stderr);
          return result;
        },
        async upload(items) {
          for (const item of items) log.uploads.push({ host, item });
        },
        async close() {
          log.closed.push(host);
        },
      };
    },
  };
}
