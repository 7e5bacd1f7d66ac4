// The built binary in a real terminal: a tmux server of its own (private socket, so no other tmux
// and none of its environment is involved), one 80x24 window running a command with exactly the
// environment given, keys sent one at a time, and the screen read back with capture-pane. Waits
// poll the screen until a deadline and fail with the last capture, never on a fixed sleep.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellJoin } from '../../../src/hosts/shell-quote.js';

/** A program running in a tmux window. */
export interface Terminal {
  /** The visible screen as text (`escapes`: with tmux's SGR colour/attribute sequences). */
  capture(escapes?: boolean): string;
  /** Every distinct screen captured so far (without escapes), oldest first: what the operator could have seen. */
  seen(): string[];
  /** Sends named keys (Enter, Down, Tab, Escape, C-u, ...), one write per key. */
  keys(...names: string[]): void;
  /** Types text literally. */
  type(text: string): void;
  /** Resizes the window (the program gets SIGWINCH, as from a terminal emulator's resize). */
  resize(columns: number, rows: number): void;
  /** Polls the screen until `test` holds; fails after `timeoutMs` with `what` and the last screen. */
  waitFor(what: string, test: RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Whether the command has ended (the window shows the "[exited N]" line we print after it). */
  exitCode(): number | null;
  /** Stops the tmux server and removes its socket directory. */
  close(): void;
}

/** The line printed after the command ends, so its exit code can be read from the screen. */
const EXITED = /\[exited (\d+)\]/;

/** Starts `argv` in a fresh 80x24 (or `size`) tmux window with exactly `env` and the working directory `cwd`. */
export function startTerminal(
  argv: string[],
  opts: { env: Record<string, string>; cwd: string; size?: { columns: number; rows: number } },
): Terminal {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-tmux-'));
  const socket = join(dir, 'socket');
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-S', socket, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
    });
  const envArgs = Object.entries(opts.env).map(([k, v]) => `${k}=${v}`);
  // `env -i` so the window sees only `env`; after the program, the exit code stays on screen
  const command = `${shellJoin(['env', '-i', ...envArgs, ...argv])}; echo "[exited $?]"; sleep 3600`;
  const { columns, rows } = opts.size ?? { columns: 80, rows: 24 };
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(columns), '-y', String(rows), '-c', opts.cwd, command);
  let last = '';
  const screens: string[] = [];
  const capture = (escapes = false): string => {
    last = tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'e2e');
    if (!escapes && screens.at(-1) !== last) screens.push(last);
    return last;
  };
  return {
    capture,
    seen: () => [...screens],
    keys(...names) {
      for (const name of names) tmux('send-keys', '-t', 'e2e', name);
    },
    type(text) {
      tmux('send-keys', '-t', 'e2e', '-l', text);
    },
    resize(columns, rows) {
      tmux('resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows));
    },
    async waitFor(what, test, timeoutMs = 60_000) {
      const ok = typeof test === 'function' ? test : (s: string) => test.test(s);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = capture();
        if (ok(screen)) return screen;
        if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; the screen was:\n${last}`);
        if (EXITED.test(screen)) throw new Error(`the program ended while waiting for ${what}; the screen was:\n${last}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    exitCode() {
      const m = EXITED.exec(capture());
      return m ? Number(m[1]) : null;
    },
    close() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
