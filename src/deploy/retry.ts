// Transient SSH failures (connection refused/reset, timeouts, keepalive, channel open failures)
// are retried with exponential backoff; authentication and host-key failures are not.

/** Whether an error from connecting or running a command is worth another attempt. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError') return false;
  const e = error as Error & { code?: string; level?: string; transient?: boolean; retryable?: boolean };
  if (typeof e.transient === 'boolean') return e.transient;
  if (typeof e.retryable === 'boolean') return e.retryable;
  const text = `${e.name} ${e.code ?? ''} ${e.message}`;
  if (/authentication|host key|Host denied|verification failed|permission denied|HostKey|Auth/i.test(text)) return false;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|Keepalive|Timed out while waiting for handshake|Channel open failure|Not connected|No response from server|connection (closed|lost|dropped|reset)|socket|closed before|Disconnected|Connection/i.test(
    text,
  );
}

/** Waits ms, or rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls fn up to `attempts` times while it fails transiently, waiting backoffMs, 2x, 4x ... between; onRetry is told why. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: {
    attempts: number;
    backoffMs: number;
    signal?: AbortSignal;
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  },
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= opts.attempts || !isTransient(error) || opts.signal?.aborted) throw error;
      const delay = opts.backoffMs * 2 ** (attempt - 1);
      await opts.onRetry?.(error, attempt, delay);
      await sleep(delay, opts.signal);
    }
  }
}
