// Events emitted by every long action (DESIGN §3.4); the Ink UI, the plain reporter and
// `--json` (one object a line) consume the same stream.
import type { Finding } from './findings.js';

/** How a phase ended. */
export type PhaseStatus = 'ok' | 'failed' | 'skipped' | 'cancelled';

/** Per-host status during a phase; the Ansible result words plus running/waiting. */
export type HostStatus = 'waiting' | 'running' | 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

/** Every event type, discriminated by `type`. `at` is milliseconds since the epoch. */
export type EngineEvent =
  | { type: 'run:start'; at: number; deployment: string; phases: { id: string; title: string }[]; dryRun: boolean }
  | { type: 'run:end'; at: number; status: 'ok' | 'failed' | 'cancelled'; durationMs: number }
  | { type: 'phase:start'; at: number; phase: string; title: string; hosts: string[]; index: number; total: number; logPath: string | null }
  | {
      type: 'phase:end';
      at: number;
      phase: string;
      status: PhaseStatus;
      durationMs: number;
      /** Why it was skipped or how it failed. */
      reason?: string;
      /** Failures per host: host, task and message, as the operator needs them. */
      failures?: { host: string; task: string | null; message: string }[];
      logPath: string | null;
    }
  | { type: 'task'; at: number; phase: string; name: string; role: string | null; handler: boolean }
  | { type: 'host:status'; at: number; phase: string; host: string; status: HostStatus; task?: string | null; message?: string }
  | { type: 'log'; at: number; phase: string | null; host: string | null; level: 'info' | 'warn' | 'error'; line: string }
  | { type: 'finding'; at: number; finding: Finding }
  | { type: 'progress'; at: number; phase: string; done: number; total: number }
  | { type: 'stall'; at: number; phase: string; task: string | null; silentMs: number };

/** Something that consumes events: a reporter, the UI store, a test recorder. */
export type EventSink = (event: EngineEvent) => void;
