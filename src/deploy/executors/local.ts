// The local executor: a Transport for `address: local` (this machine) through execa, used when
// the manager is this machine and as the engine's fallback until the hosts layer offers one.
// Commands run under `sh -c`; with become and a non-root user they run under `sudo -n`.
import { chmod, mkdir, writeFile, copyFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { execa } from 'execa';
import type { ExecOptions, ExecResult, Transport, UploadItem } from '../../types/transport.js';

/** Whether this process runs as root (no sudo needed). */
function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A Transport running commands on this machine. */
export function localTransport(host = 'local'): Transport {
  return {
    host,
    address: 'local',
    async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
      const started = Date.now();
      const become = options.become !== false && !isRoot();
      const [file, args] = become ? ['sudo', ['-n', 'sh', '-c', command]] : ['sh', ['-c', command]];
      const child = execa(file, args, {
        reject: false,
        stripFinalNewline: false,
        ...(options.stdin !== undefined ? { input: options.stdin } : { stdin: 'ignore' as const }),
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
        // own process group, so an abort signals the whole command tree (kolla-ansible's children too)
        detached: true,
        encoding: 'utf8',
      });
      child.stdout?.on('data', (b: Buffer) => options.onStdout?.(b.toString('utf8')));
      child.stderr?.on('data', (b: Buffer) => options.onStderr?.(b.toString('utf8')));
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        const pid = child.pid;
        if (!pid) return;
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          // already gone
        }
        killTimer = setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 5000);
        killTimer.unref();
      };
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const r = await child;
      options.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (options.signal?.aborted) {
        const e = new Error(`command aborted: ${command.slice(0, 80)}`);
        e.name = 'AbortError';
        throw e;
      }
      if (r.failed && r.exitCode === undefined && !r.signal) throw new Error(r.message);
      return {
        code: r.exitCode ?? null,
        signal: r.signal ?? null,
        stdout: String(r.stdout ?? ''),
        stderr: String(r.stderr ?? ''),
        durationMs: Date.now() - started,
      };
    },
    async upload(items: UploadItem[]): Promise<void> {
      for (const item of items) {
        await mkdir(dirname(item.remotePath), { recursive: true });
        if (item.localPath) await copyFile(item.localPath, item.remotePath);
        else await writeFile(item.remotePath, item.content ?? '', { mode: item.mode });
        await chmod(item.remotePath, item.mode);
      }
    },
    async close(): Promise<void> {},
  };
}
