// The Transport over one ssh2 connection: every exec and upload shares it, at most 8 session
// channels at a time (OpenSSH's MaxSessions defaults to 10), commands through /bin/sh (with sudo -n
// for a non-root user with become), timeouts and aborts signal the remote process group.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Client as ClientType, ClientChannel, SFTPWrapper } from 'ssh2';
import type { ExecOptions, ExecResult, Transport, UploadItem } from '../types/transport.js';
import { AbortedError, CommandTimeoutError, ConnectionLostError, HostError } from './errors.js';
import { KeptOutput } from './kept-output.js';
import { Limiter } from './limiter.js';
import { endClient } from './ssh-client.js';
import { killCommandLine, remoteCommandLine } from './remote-command.js';
import { shq } from './shell-quote.js';

/** Session channels open at once per connection (below OpenSSH's default MaxSessions of 10). */
export const MAX_CHANNELS = 8;

/** How often a refused session channel is opened again (after 20, 40, 80, 160, 320 ms). */
const OPEN_RETRIES = 5;

/** After TERM, how long a stopped command gets before it is KILLed and its channel closed. */
const STOP_GRACE_MS = 2_000;
/** How long one kill command (a KILL sweep waits for the processes to go) may take before we stop waiting. */
const KILL_COMMAND_MS = 15_000;

/** Octal mode string for install/chmod, e.g. 0o600 -> 0600. */
function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** Parent directory of a remote POSIX path. */
function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Options of an SshTransport. */
export interface SshTransportOptions {
  host: string;
  address: string;
  user: string;
  /** Commands run through `sudo -n` unless ExecOptions.become is false. */
  sudo: boolean;
  /** Called once when the connection is gone (to release its jump connection); close() waits for it. */
  onClosed?: () => void | Promise<void>;
}

/** A Transport over an authenticated ssh2 client. */
export class SshTransport implements Transport {
  readonly host: string;
  readonly address: string;
  private readonly channels = new Limiter(MAX_CHANNELS);
  /** A ninth channel, only for stopping commands (so a stop never waits behind 8 hung commands). */
  private readonly killChannel = new Limiter(1);
  /** Stop requests waiting for the kill channel. */
  private readonly pendingKills: { token: string; signal: 'TERM' | 'KILL'; sudo: boolean; done: () => void }[] = [];
  private readonly failers = new Set<(error: Error) => void>();
  private lostError: HostError | null = null;
  private lastError: Error | null = null;
  private closing = false;
  private readonly closed: Promise<void>;
  private markGone!: () => void;
  /** What onClosed returned (the jump connection ending), once the connection is gone. */
  private released: Promise<void> = Promise.resolve();
  private closeCall: Promise<void> | null = null;

  constructor(
    private readonly client: ClientType,
    private readonly opts: SshTransportOptions,
  ) {
    this.host = opts.host;
    this.address = opts.address;
    client.on('error', (error: Error) => {
      this.lastError = error;
    });
    this.closed = new Promise((resolve) => {
      // Once only: the connection's close event, or close() giving up on a host that never answers.
      this.markGone = () => {
        if (this.lostError) return;
        const detail = this.closing ? 'closed' : this.lastError ? this.lastError.message : 'the host closed the connection';
        this.lostError = new ConnectionLostError(opts.host, opts.address, detail);
        for (const fail of [...this.failers]) fail(this.lostError);
        this.released = Promise.resolve(opts.onClosed?.()).catch(() => undefined);
        resolve();
      };
      client.once('close', () => this.markGone());
    });
  }

  /** False once the connection is gone (the pool then reconnects). */
  get alive(): boolean {
    return this.lostError === null && !this.closing;
  }

  /** Runs one command line; see ExecOptions. */
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.lostError) throw this.lostError;
    const sudo = this.opts.sudo && options.become !== false;
    let release: () => void;
    try {
      release = await this.channels.acquire(options.signal);
    } catch {
      throw new AbortedError(this.host, this.address, 'command');
    }
    try {
      const token = randomBytes(8).toString('hex');
      return await this.execOnChannel(remoteCommandLine(command, { sudo, token, runKey: options.runKey }), options, (signal) =>
        this.killTagged(token, signal, sudo),
      );
    } finally {
      release();
    }
  }

  /** One exec on its own channel; settles when the channel closes (so the slot is really free). */
  private execOnChannel(line: string, options: ExecOptions, kill: (signal: 'TERM' | 'KILL') => Promise<void>): Promise<ExecResult> {
    const started = Date.now();
    return new Promise<ExecResult>((resolve, reject) => {
      if (this.lostError) return reject(this.lostError);
      let settled = false;
      let channel: ClientChannel | null = null;
      let stopReason: 'timeout' | 'abort' | null = null;
      const out = new KeptOutput(options.maxOutput);
      const err = new KeptOutput(options.maxOutput);
      const timers: NodeJS.Timeout[] = [];
      const finish = (error: Error | null, result?: ExecResult) => {
        if (settled) return;
        settled = true;
        timers.forEach(clearTimeout);
        options.signal?.removeEventListener('abort', onAbort);
        this.failers.delete(onLost);
        if (error) reject(error);
        else resolve(result!);
      };
      const stopError = () =>
        stopReason === 'timeout'
          ? new CommandTimeoutError(this.host, this.address, options.timeoutMs!, out.text(), err.text())
          : new AbortedError(this.host, this.address, 'command');
      const stop = (reason: 'timeout' | 'abort') => {
        if (stopReason || settled) return;
        stopReason = reason;
        if (!channel) return; // not open yet: stopped as soon as it opens
        signalChannel(channel, 'TERM');
        void kill('TERM');
        // Still there after the grace: KILL everything tagged (the sweep returns when it is gone),
        // then close the channel, which settles the exec.
        timers.push(setTimeout(() => void kill('KILL').finally(() => channel?.close()), STOP_GRACE_MS));
        // If the connection is wedged, do not wait for the close forever.
        timers.push(setTimeout(() => finish(stopError()), STOP_GRACE_MS + KILL_COMMAND_MS + 5_000));
      };
      const onAbort = () => stop('abort');
      const onLost = (error: Error) => finish(stopReason ? stopError() : error);
      this.failers.add(onLost);
      if (options.signal?.aborted) return finish(new AbortedError(this.host, this.address, 'command'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) timers.push(setTimeout(() => stop('timeout'), options.timeoutMs));
      // sshd frees a closed session only after its main loop's next garbage collection, so a channel
      // opened in the same instant as others close can be refused (MaxSessions) although at most
      // MAX_CHANNELS are ours: such a refusal is retried after a short pause.
      const open = (attempt: number): void =>
        void this.client.exec(line, (error, ch) => {
          if (error) {
            if (!this.lostError && !settled && !stopReason && attempt < OPEN_RETRIES) {
              timers.push(
                setTimeout(
                  () => {
                    try {
                      open(attempt + 1);
                    } catch (e) {
                      finish(this.lostError ?? new ConnectionLostError(this.host, this.address, (e as Error).message));
                    }
                  },
                  20 * 2 ** attempt,
                ),
              );
              return;
            }
            if (stopReason && !this.lostError) return finish(stopError());
            finish(
              this.lostError ??
                new HostError(
                  this.host,
                  this.address,
                  'channel',
                  `${this.host} (${this.address}): cannot open a session channel: ${error.message}`,
                  true,
                ),
            );
            return;
          }
          channel = ch;
          if (settled) {
            ch.close();
            return;
          }
          const outDec = new StringDecoder('utf8');
          const errDec = new StringDecoder('utf8');
          let exitCode: number | null = null;
          let exitSignal: string | null = null;
          ch.on('data', (chunk: Buffer) => {
            const s = outDec.write(chunk);
            if (s) {
              out.push(s);
              options.onStdout?.(s);
            }
          });
          ch.stderr.on('data', (chunk: Buffer) => {
            const s = errDec.write(chunk);
            if (s) {
              err.push(s);
              options.onStderr?.(s);
            }
          });
          ch.on('exit', (code: number | null, signal?: string) => {
            if (typeof code === 'number') exitCode = code;
            if (signal) exitSignal = signal.replace(/^SIG/, '').replace(/^/, 'SIG');
          });
          ch.on('close', () => {
            const restOut = outDec.end();
            const restErr = errDec.end();
            if (restOut) out.push(restOut);
            if (restErr) err.push(restErr);
            // A stopped command settles only after a KILL sweep: a process that left the channel's
            // pipes (or escaped the TERM while being forked) must not outlive the abort or timeout.
            if (stopReason) return void kill('KILL').finally(() => finish(stopError()));
            finish(null, {
              code: exitCode,
              signal: exitSignal,
              stdout: out.text(),
              stderr: err.text(),
              durationMs: Date.now() - started,
              ...(out.dropped || err.dropped ? { truncated: { stdout: out.dropped, stderr: err.dropped } } : {}),
            });
          });
          if (options.stdin !== undefined) ch.end(options.stdin);
          else ch.end();
          if (stopReason) {
            const reason = stopReason;
            stopReason = null;
            stop(reason);
          }
        });
      try {
        open(0);
      } catch (error) {
        finish(this.lostError ?? new ConnectionLostError(this.host, this.address, (error as Error).message));
      }
    });
  }

  /**
   * Signals the processes of a tagged command with a second, short exec (best effort); resolves when
   * that exec is done (for KILL: when no tagged process is left), never rejects. Requests that queue
   * up while a kill command runs go out together in the next one.
   */
  private killTagged(token: string, signal: 'TERM' | 'KILL', sudo: boolean): Promise<void> {
    if (this.lostError) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.pendingKills.push({ token, signal, sudo, done: resolve });
      void this.killChannel.run(() => this.runPendingKills()).catch(() => undefined);
    });
  }

  /** Runs one kill command for every request queued so far. */
  private runPendingKills(): Promise<void> {
    const batch = this.pendingKills.splice(0);
    if (batch.length === 0) return Promise.resolve();
    const done = () => batch.forEach((k) => k.done());
    if (this.lostError) return Promise.resolve(done());
    const sudo = batch.some((k) => k.sudo);
    return new Promise<void>((resolve) => {
      const finish = () => (clearTimeout(timer), done(), resolve());
      const timer = setTimeout(finish, KILL_COMMAND_MS);
      try {
        this.client.exec(killCommandLine(batch, { sudo }), (error, ch) => {
          if (error) return finish();
          ch.on('data', () => undefined).on('close', finish);
          ch.stderr.on('data', () => undefined);
          ch.end();
        });
      } catch {
        finish();
      }
    });
  }

  /** Opens the SFTP subsystem (one session channel). */
  private openSftp(): Promise<SFTPWrapper> {
    return new Promise((resolve, reject) => {
      this.client.sftp((error, sftp) => {
        if (error)
          reject(
            this.lostError ??
              new HostError(this.host, this.address, 'sftp', `${this.host} (${this.address}): cannot start SFTP: ${error.message}`, true),
          );
        else resolve(sftp);
      });
    });
  }

  /** Uploads files with their modes; as a non-root user with sudo, through a private temp dir and `install`. */
  async upload(items: UploadItem[], options: { signal?: AbortSignal } = {}): Promise<void> {
    if (items.length === 0) return;
    if (this.lostError) throw this.lostError;
    const viaSudo = this.opts.sudo;
    let staged: { tmpDir: string; files: string[] } | null = null;
    const release = await this.channels.acquire(options.signal).catch(() => {
      throw new AbortedError(this.host, this.address, 'upload');
    });
    try {
      const sftp = await this.openSftp();
      try {
        if (viaSudo) {
          const home = await sftpCall<string>((cb) => sftp.realpath('.', cb));
          const tmpDir = `${home === '/' ? '' : home}/.osism-upload-${randomBytes(6).toString('hex')}`;
          await sftpCall<void>((cb) => sftp.mkdir(tmpDir, { mode: 0o700 }, cb));
          staged = { tmpDir, files: [] };
          for (const [i, item] of items.entries()) {
            this.checkAbort(options.signal);
            const path = `${tmpDir}/${i}`;
            await putOne(sftp, item, path, 0o600);
            staged.files.push(path);
          }
        } else {
          const made = new Set<string>();
          for (const item of items) {
            this.checkAbort(options.signal);
            await sftpMkdirp(sftp, parentOf(item.remotePath), made);
            const tmp = `${item.remotePath}.osism-tmp-${randomBytes(4).toString('hex')}`;
            await putOne(sftp, item, tmp, item.mode);
            await sftpCall<void>((cb) => sftp.ext_openssh_rename(tmp, item.remotePath, cb));
          }
        }
      } finally {
        sftp.end();
      }
    } catch (error) {
      if (staged) await this.exec(`rm -rf ${shq(staged.tmpDir)}`, { become: false }).catch(() => undefined);
      throw error instanceof HostError
        ? error
        : new HostError(this.host, this.address, 'upload', `${this.host} (${this.address}): upload failed: ${(error as Error).message}`);
    } finally {
      release();
    }
    if (staged) {
      const lines = ['set -e'];
      items.forEach((item, i) => {
        const tmp = `${item.remotePath}.osism-tmp`;
        lines.push(`install -D -m ${octal(item.mode)} ${shq(staged!.files[i]!)} ${shq(tmp)}`, `mv -f ${shq(tmp)} ${shq(item.remotePath)}`);
      });
      try {
        const r = await this.exec(lines.join('\n'), { signal: options.signal });
        if (r.code !== 0)
          throw new HostError(
            this.host,
            this.address,
            'upload',
            `${this.host} (${this.address}): installing the uploaded files with sudo failed: ${r.stderr.trim()}`,
          );
      } finally {
        await this.exec(`rm -rf ${shq(staged.tmpDir)}`, { become: false }).catch(() => undefined);
      }
    }
  }

  /** Throws AbortedError when the signal fired. */
  private checkAbort(signal?: AbortSignal): void {
    if (signal?.aborted) throw new AbortedError(this.host, this.address, 'upload');
  }

  /**
   * Closes the connection and resolves when it is closed, its jump connection too (a host that does
   * not answer the disconnect within CLOSE_WAIT_MS gets its socket destroyed); safe to call twice.
   * Leaves no timer or socket behind, so a verb's process exits as soon as its work is done.
   */
  close(): Promise<void> {
    this.closeCall ??= (async () => {
      this.closing = true;
      if (!this.lostError) await endClient(this.client);
      // Destroyed without an answer (a channel through a dead jump host never reports its close).
      this.markGone();
      await this.released;
    })();
    return this.closeCall;
  }
}

/**
 * Sends a `signal` channel request. ssh2's Channel.signal() silently does nothing once our side of
 * the channel is ended (stdin closed), which is always the case here, so the request goes out through
 * the protocol object, as Channel.signal() does itself when writable. sshd delivers it with killpg().
 */
function signalChannel(channel: ClientChannel, name: string): void {
  const ch = channel as unknown as {
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal(id: number, sig: string): void } };
  };
  try {
    if (ch.outgoing?.state === 'open' && ch._client?._protocol) ch._client._protocol.signal(ch.outgoing.id, name);
    else channel.signal(name);
  } catch {
    // the channel or connection is closing already
  }
}

/** Promisifies one SFTP call. */
function sftpCall<T>(fn: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value as T))));
}

/** mkdir -p over SFTP (existing directories are fine); `made` caches what exists. */
async function sftpMkdirp(sftp: SFTPWrapper, dir: string, made: Set<string>): Promise<void> {
  if (dir === '/' || dir === '' || made.has(dir)) return;
  const exists = await sftpCall<unknown>((cb) => sftp.stat(dir, cb)).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await sftpMkdirp(sftp, parentOf(dir), made);
    await sftpCall<void>((cb) => sftp.mkdir(dir, { mode: 0o755 }, cb)).catch(async (error: Error) => {
      // Created meanwhile by a concurrent upload: fine.
      const nowExists = await sftpCall<unknown>((cb) => sftp.stat(dir, cb)).then(
        () => true,
        () => false,
      );
      if (!nowExists) throw new Error(`cannot create directory ${dir}: ${error.message}`);
    });
  }
  made.add(dir);
}

/** Writes one item to `path` with `mode` (set explicitly: the server's umask applies at create). */
async function putOne(sftp: SFTPWrapper, item: UploadItem, path: string, mode: number): Promise<void> {
  if (item.localPath !== undefined) {
    await sftpCall<void>((cb) => sftp.fastPut(item.localPath!, path, { mode, concurrency: 16 }, (e) => cb(e)));
  } else if (item.content !== undefined) {
    await sftpCall<void>((cb) => sftp.writeFile(path, item.content!, { mode }, (e) => cb(e)));
  } else {
    throw new Error(`upload item ${item.remotePath} has neither localPath nor content`);
  }
  await sftpCall<void>((cb) => sftp.chmod(path, mode, cb));
}
