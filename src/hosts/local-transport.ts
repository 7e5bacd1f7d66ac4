// The Transport for this machine (address `local`): commands through /bin/sh in their own process
// group (execa), `sudo -n` when not root and become is set; uploads written atomically with modes.
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ExecOptions, ExecResult, Transport, UploadItem } from '../types/transport.js';
import { AbortedError, CommandTimeoutError, HostError } from './errors.js';
import { KeptOutput } from './kept-output.js';
import { checkRunKey, RUN_KEY_VAR } from './remote-command.js';
import { shq } from './shell-quote.js';

/** How long a stopped command gets after TERM before its process group is killed. */
const STOP_GRACE_MS = 2_000;

/** A Transport that runs on this machine. */
export class LocalTransport implements Transport {
  readonly address = 'local';
  private closed = false;

  constructor(
    readonly host: string,
    /** Wrap commands in `sudo -n` (only when not root). */
    private readonly sudo: boolean,
  ) {}

  /** Runs one command line through /bin/sh (see ExecOptions). */
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed) throw new HostError(this.host, this.address, 'closed', `${this.host} (local): transport is closed`);
    if (options.signal?.aborted) throw new AbortedError(this.host, this.address, 'command');
    const sudo = this.sudo && options.become !== false;
    // The run key is set inside the shell (sudo would drop it from the environment it is given).
    const script =
      options.runKey !== undefined ? `${RUN_KEY_VAR}=${checkRunKey(options.runKey)}; export ${RUN_KEY_VAR}\n${command}` : command;
    const [file, args] = sudo ? ['sudo', ['-n', '/bin/sh', '-c', script]] : ['/bin/sh', ['-c', script]];
    const started = Date.now();
    // Loaded on first use: every verb that reaches hosts imports this module, few run anything locally,
    // and execa with its dependencies is a fifth of the CLI's start-up.
    const { execa } = await import('execa');
    // detached: own process group, so a stop reaches everything the command started.
    const child = execa(file, args, {
      detached: true,
      reject: false,
      stripFinalNewline: false,
      buffer: false,
      ...(options.stdin === undefined ? { stdin: 'ignore' as const } : { input: options.stdin }),
      encoding: 'buffer',
    });
    const out = new KeptOutput(options.maxOutput);
    const err = new KeptOutput(options.maxOutput);
    const outDec = new StringDecoder('utf8');
    const errDec = new StringDecoder('utf8');
    child.stdout?.on('data', (chunk: Buffer) => {
      const s = outDec.write(chunk);
      if (s) {
        out.push(s);
        options.onStdout?.(s);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      const s = errDec.write(chunk);
      if (s) {
        err.push(s);
        options.onStderr?.(s);
      }
    });
    let stopReason: 'timeout' | 'abort' | null = null;
    const timers: NodeJS.Timeout[] = [];
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stop = (reason: 'timeout' | 'abort') => {
      if (stopReason) return;
      stopReason = reason;
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS));
    };
    const onAbort = () => stop('abort');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) timers.push(setTimeout(() => stop('timeout'), options.timeoutMs));
    try {
      const result = await child;
      const restOut = outDec.end();
      const restErr = errDec.end();
      if (restOut) out.push(restOut);
      if (restErr) err.push(restErr);
      if (stopReason === 'timeout') throw new CommandTimeoutError(this.host, this.address, options.timeoutMs!, out.text(), err.text());
      if (stopReason === 'abort') throw new AbortedError(this.host, this.address, 'command');
      if (result.exitCode === undefined && result.signal === undefined) {
        throw new HostError(this.host, this.address, 'spawn', `${this.host} (local): cannot run ${file}: ${result.message}`);
      }
      return {
        code: result.exitCode ?? null,
        signal: result.signal ?? null,
        stdout: out.text(),
        stderr: err.text(),
        durationMs: Date.now() - started,
        ...(out.dropped || err.dropped ? { truncated: { stdout: out.dropped, stderr: err.dropped } } : {}),
      };
    } finally {
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Writes files with their modes (atomically: temp file + rename); with sudo through `install`. */
  async upload(items: UploadItem[], options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.sudo) {
      const stage = mkdtempSync(join(tmpdir(), 'osism-upload-'));
      try {
        const lines = ['set -e'];
        items.forEach((item, i) => {
          const staged = join(stage, String(i));
          writeStaged(item, staged);
          const tmp = `${item.remotePath}.osism-tmp`;
          lines.push(
            `install -D -m ${(item.mode & 0o7777).toString(8).padStart(4, '0')} ${shq(staged)} ${shq(tmp)}`,
            `mv -f ${shq(tmp)} ${shq(item.remotePath)}`,
          );
        });
        const r = await this.exec(lines.join('\n'), { signal: options.signal });
        if (r.code !== 0)
          throw new HostError(
            this.host,
            this.address,
            'upload',
            `${this.host} (local): installing files with sudo failed: ${r.stderr.trim()}`,
          );
      } finally {
        rmSync(stage, { recursive: true, force: true });
      }
      return;
    }
    for (const item of items) {
      if (options.signal?.aborted) throw new AbortedError(this.host, this.address, 'upload');
      mkdirSync(dirname(item.remotePath), { recursive: true });
      const tmp = `${item.remotePath}.osism-tmp-${randomBytes(4).toString('hex')}`;
      try {
        writeStaged(item, tmp);
        chmodSync(tmp, item.mode & 0o7777);
        renameSync(tmp, item.remotePath);
      } catch (error) {
        rmSync(tmp, { force: true });
        throw new HostError(
          this.host,
          this.address,
          'upload',
          `${this.host} (local): cannot write ${item.remotePath}: ${(error as Error).message}`,
        );
      }
    }
  }

  /** Nothing to close; later execs are refused. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Writes an item's bytes to a local path, created 0600 (the final mode is applied after). */
function writeStaged(item: UploadItem, path: string): void {
  if (item.localPath !== undefined) {
    copyFileSync(item.localPath, path);
    chmodSync(path, 0o600);
  } else if (item.content !== undefined) writeFileSync(path, item.content, { mode: 0o600 });
  else throw new Error(`upload item ${item.remotePath} has neither localPath nor content`);
}
