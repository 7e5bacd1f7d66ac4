// The SSH executor: a Transport over one ssh2 connection per host (at most 8 channels at once,
// below OpenSSH's MaxSessions of 10), keepalive, an optional jump host, sudo for a non-root
// user, host keys checked against the installer's known_hosts (strict, or accept-new = TOFU).
// Used by the engine when the hosts layer offers no `connect`. Aborting a command signals the
// remote process group (sshd starts each session command as a session leader).
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import ssh2 from 'ssh2';
import type { ConnectConfig, ClientChannel } from 'ssh2';
import { shq } from '../../hosts/shell-quote.js';
import { defaultKnownHosts } from '../../state/paths.js';
import type { HostSpec, SshSettings } from '../../types/spec.js';
import type { ExecOptions, ExecResult, Transport, UploadItem } from '../../types/transport.js';

const { Client, utils } = ssh2;

/** Channels used at once per connection (OpenSSH's MaxSessions default is 10). */
export const MAX_CHANNELS = 8;

/** The marker line the wrapper prints on stderr with the remote shell's pid (filtered out). */
const PID_MARK = '__osism_pid__';

/** A failure to connect or authenticate, with whether trying again may help. */
export class SshError extends Error {
  override readonly name = 'SshError';
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/** A counting semaphore. */
function semaphore(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let free = n;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (free === 0) await new Promise<void>((r) => waiting.push(r));
    else free -= 1;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/** `host` or `[host]:port` as known_hosts writes it. */
function knownName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** Checks (and for accept-new records) a host key against a known_hosts file. */
export function verifyHostKey(file: string, name: string, key: Buffer, mode: 'strict' | 'accept-new'): { ok: boolean; why?: string } {
  const parsed = utils.parseKey(key);
  const type = parsed instanceof Error ? 'ssh-unknown' : (Array.isArray(parsed) ? parsed[0]! : parsed).type;
  const b64 = key.toString('base64');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const mine = lines.map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 3 && f[0]!.split(',').includes(name));
  if (mine.some((f) => f[1] === type && f[2] === b64)) return { ok: true };
  if (mine.some((f) => f[1] === type)) return { ok: false, why: `the ${type} host key of ${name} differs from the one recorded in ${file}: possible man-in-the-middle; if the host was reinstalled, remove its line there` };
  if (mode === 'strict') return { ok: false, why: `${name} is not in ${file} and --host-keys is strict; add its key first (ssh-keyscan) or use accept-new` };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${name} ${type} ${b64}\n`, { mode: 0o600 });
  return { ok: true };
}

/** Parses `[user@]host[:port]`. */
function parseJump(jump: string, fallbackUser: string): { user: string; host: string; port: number } {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(jump);
  if (!m) throw new SshError(`jump host "${jump}" is not [user@]host[:port]`, false);
  return { user: m[1] ?? fallbackUser, host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 };
}

/** Authentication options from the settings: key file, agent, password from the named env var. */
function authConfig(ssh: SshSettings, env: NodeJS.ProcessEnv): Partial<ConnectConfig> {
  const out: Partial<ConnectConfig> = {};
  if (ssh.identityFile) {
    const path = ssh.identityFile.replace(/^~(?=\/)/, homedir());
    try {
      out.privateKey = readFileSync(path);
    } catch (error) {
      throw new SshError(`cannot read the identity file ${path}: ${(error as Error).message}`, false);
    }
  }
  if (env.SSH_AUTH_SOCK) out.agent = env.SSH_AUTH_SOCK;
  if (ssh.passwordEnv) {
    const pw = env[ssh.passwordEnv];
    if (pw === undefined) throw new SshError(`the password variable ${ssh.passwordEnv} is not set`, false);
    out.password = pw;
  }
  return out;
}

/** Opens an ssh2 client (optionally over a stream from a jump host). */
function openClient(config: ConnectConfig, label: string, signal: AbortSignal): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let verifyError: string | null = null;
    const onAbort = (): void => {
      client.end();
      const e = new Error('connect aborted');
      e.name = 'AbortError';
      reject(e);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    client.on('ready', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string }) => {
      signal.removeEventListener('abort', onAbort);
      if (verifyError) return reject(new SshError(verifyError, false));
      const auth = err.level === 'client-authentication';
      reject(new SshError(`${label}: ${err.message}`, !auth));
    });
    const verifier = config.hostVerifier as ((key: Buffer) => { ok: boolean; why?: string }) | undefined;
    client.connect({
      ...config,
      hostVerifier: verifier
        ? (key: Buffer) => {
            const r = verifier(key);
            if (!r.ok) verifyError = `${label}: ${r.why}`;
            return r.ok;
          }
        : undefined,
    } as ConnectConfig);
  });
}

/** Connects to a host and returns its Transport. */
export async function sshTransport(host: HostSpec, ssh: SshSettings, opts: { signal: AbortSignal; env: NodeJS.ProcessEnv }): Promise<Transport> {
  const knownHosts = ssh.knownHosts ?? defaultKnownHosts(opts.env);
  const auth = authConfig(ssh, opts.env);
  const base: ConnectConfig = { readyTimeout: 20_000, keepaliveInterval: 10_000, keepaliveCountMax: 3, ...auth };
  let jumpClient: ssh2.Client | null = null;
  let sock: ConnectConfig['sock'];
  if (ssh.jumpHost) {
    const j = parseJump(ssh.jumpHost, ssh.user);
    jumpClient = await openClient(
      { ...base, host: j.host, port: j.port, username: j.user, hostVerifier: ((key: Buffer) => verifyHostKey(knownHosts, knownName(j.host, j.port), key, ssh.hostKeys)) as never },
      `jump host ${j.host}`,
      opts.signal,
    );
    sock = await new Promise((resolve, reject) =>
      jumpClient!.forwardOut('127.0.0.1', 0, host.address, ssh.port, (err, stream) => (err ? reject(new SshError(`jump host cannot reach ${host.address}:${ssh.port}: ${err.message}`, true)) : resolve(stream))),
    );
  }
  const client = await openClient(
    {
      ...base,
      ...(sock ? { sock } : { host: host.address, port: ssh.port }),
      username: ssh.user,
      hostVerifier: ((key: Buffer) => verifyHostKey(knownHosts, knownName(host.address, ssh.port), key, ssh.hostKeys)) as never,
    },
    `${host.name} (${host.address})`,
    opts.signal,
  );
  let closed = false;
  let broken: Error | null = null;
  client.on('close', () => {
    if (!closed) broken = new SshError(`connection to ${host.name} closed`, true);
  });
  client.on('error', (err: Error) => {
    broken = new SshError(`connection to ${host.name}: ${err.message}`, true);
  });
  const limit = semaphore(MAX_CHANNELS);
  const sudo = ssh.user !== 'root' && ssh.become === 'sudo';

  const rawExec = (line: string, options: ExecOptions): Promise<ExecResult> =>
    limit(
      () =>
        new Promise<ExecResult>((resolve, reject) => {
          if (broken) return reject(broken);
          const started = Date.now();
          const become = sudo && options.become !== false;
          const inner = become ? `sudo -n sh -c ${shq(line)}` : line;
          // The remote shell prints its pid first (stderr), so an abort can signal its process group.
          const wrapped = `echo ${PID_MARK}$$ >&2; ${inner}`;
          client.exec(wrapped, (err, stream: ClientChannel) => {
            if (err) return reject(new SshError(`${host.name}: ${err.message}`, true));
            let stdout = '';
            let stderr = '';
            let pid: number | null = null;
            let errBuf = '';
            let aborted = false;
            const onAbort = (): void => {
              aborted = true;
              if (pid) {
                client.exec(`kill -TERM -- -${pid} 2>/dev/null || kill -TERM ${pid}`, (e, s) => {
                  if (!e) s.on('data', () => undefined).on('close', () => stream.close()).stderr.on('data', () => undefined);
                  else stream.close();
                });
              } else stream.close();
            };
            options.signal?.addEventListener('abort', onAbort, { once: true });
            if (options.signal?.aborted) onAbort();
            const timer = options.timeoutMs ? setTimeout(onAbort, options.timeoutMs) : null;
            stream.on('data', (b: Buffer) => {
              const s = b.toString('utf8');
              stdout += s;
              options.onStdout?.(s);
            });
            stream.stderr.on('data', (b: Buffer) => {
              let s = b.toString('utf8');
              if (pid === null) {
                errBuf += s;
                const nl = errBuf.indexOf('\n');
                if (nl < 0) return;
                const first = errBuf.slice(0, nl);
                if (first.startsWith(PID_MARK)) pid = Number(first.slice(PID_MARK.length)) || 0;
                s = errBuf.slice(nl + 1);
                errBuf = '';
                if (s === '') return;
              }
              stderr += s;
              options.onStderr?.(s);
            });
            stream.on('close', (code: number | null, signal: string | null) => {
              options.signal?.removeEventListener('abort', onAbort);
              if (timer) clearTimeout(timer);
              if (aborted && options.signal?.aborted) {
                const e = new Error(`command aborted on ${host.name}`);
                e.name = 'AbortError';
                return reject(e);
              }
              if (broken && code === undefined) return reject(broken);
              resolve({ code: code ?? null, signal: signal ?? null, stdout, stderr, durationMs: Date.now() - started });
            });
            if (options.stdin !== undefined) stream.end(options.stdin);
            else stream.end();
          });
        }),
    );

  return {
    host: host.name,
    address: host.address,
    exec: rawExec,
    async upload(items: UploadItem[], options?: { signal?: AbortSignal }): Promise<void> {
      for (const item of items) {
        const content = item.localPath ? readFileSync(item.localPath) : item.content ?? '';
        const tmp = `${item.remotePath}.osism-tmp-${randomBytes(4).toString('hex')}`;
        const line = `mkdir -p ${shq(dirname(item.remotePath))} && umask 077 && cat > ${shq(tmp)} && chmod ${item.mode.toString(8)} ${shq(tmp)} && mv -f ${shq(tmp)} ${shq(item.remotePath)}`;
        const r = await rawExec(line, { stdin: content, ...(options?.signal ? { signal: options.signal } : {}) });
        if (r.code !== 0) throw new Error(`upload of ${item.remotePath} to ${host.name} failed: ${r.stderr.trim() || `exit ${r.code}`}`);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      client.end();
      jumpClient?.end();
    },
  };
}
