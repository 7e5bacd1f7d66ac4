// One TCP probe: connect with a timeout, then read the server's identification line (the SSH banner,
// RFC 4253 §4.2: lines before it are allowed and skipped).
import { Socket } from 'node:net';

/** What a probe found on address:port. */
export interface ProbeResult {
  /** open: accepted; closed: refused; filtered: no answer in time; unreachable: no route. */
  state: 'open' | 'closed' | 'filtered' | 'unreachable' | 'error';
  /** The identification line (e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`), null when none came. */
  banner: string | null;
  /** Socket error text for state `error`. */
  error?: string;
}

/** Connects to address:port and reads the banner; never rejects. */
export function probePort(
  address: string,
  port: number,
  opts: { timeoutMs: number; bannerTimeoutMs: number; signal?: AbortSignal },
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    let state: ProbeResult['state'] = 'filtered';
    let buffered = '';
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ state: 'error', banner: null, error: 'aborted' });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let timer = setTimeout(() => finish({ state: 'filtered', banner: null }), opts.timeoutMs);
    socket.once('connect', () => {
      state = 'open';
      clearTimeout(timer);
      timer = setTimeout(() => finish({ state: 'open', banner: null }), opts.bannerTimeoutMs);
    });
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const lines = buffered.split('\n');
      for (const line of lines.slice(0, -1)) {
        const clean = line.replace(/\r$/, '');
        if (clean.startsWith('SSH-')) return finish({ state: 'open', banner: clean.slice(0, 255) });
      }
      // No identification within 4 KiB: some other service.
      if (buffered.length > 4096) finish({ state: 'open', banner: null });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (state === 'open') return finish({ state: 'open', banner: null });
      if (error.code === 'ECONNREFUSED') return finish({ state: 'closed', banner: null });
      if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') return finish({ state: 'unreachable', banner: null });
      if (error.code === 'ETIMEDOUT') return finish({ state: 'filtered', banner: null });
      finish({ state: 'error', banner: null, error: error.code ?? error.message });
    });
    socket.once('close', () => finish({ state, banner: null }));
    if (opts.signal?.aborted) return onAbort();
    socket.connect(port, address);
  });
}
