// The built binary's terminal handling: without a terminal the guided install refuses with the
// unattended alternative (exit 2, no raw-mode crash); in tmux, NO_COLOR leaves no colour in the
// screen while the same screen without it is coloured (so the check can fail); a resize redraws
// the frame at the new size with nothing left over from the old one.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { builtBinary, isolatedHome, runPiped } from './support/binary.js';
import { startTerminal, type Terminal } from './support/tmux.js';

let term: Terminal | null = null;
afterEach(() => {
  term?.close();
  term = null;
});

/** SGR sequences that set a colour: 30-37/90-97 foreground, 40-47/100-107 background, 38;/48; extended. */
const COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;[0-9;]+|48;[0-9;]+)m/;

describe('the built binary and the terminal', () => {
  it('without a terminal (pipes) says to use apply --preset and exits 2, for the guided install and its flags', async () => {
    const home = isolatedHome();
    for (const args of [[], ['--preset', 'x.yaml']]) {
      const r = await runPiped(args, home.env, home.cwd);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('the guided install needs a terminal');
      expect(r.stderr).toContain('osism-installer apply --preset FILE');
      expect(r.stderr).not.toMatch(/raw mode|setRawMode|at .*\.js:\d+/i);
      expect(r.stdout).toBe('');
    }
  });

  it('a reader that leaves early (`status | true`, `--help | true`) is no crash: exit 0, no EPIPE stack trace (issue 12)', () => {
    const home = isolatedHome();
    for (const args of ['status', '--help']) {
      // `true` exits without reading, so the binary's first write meets a closed pipe (EPIPE)
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${builtBinary()}" ${args} | true; echo "exit=\${PIPESTATUS[0]}" >&2`], {
        env: home.env,
        cwd: home.cwd,
        encoding: 'utf8',
      });
      expect(r.stderr, args).not.toMatch(/EPIPE|at .*\.js:\d+/);
      expect(r.stderr, args).toContain('exit=0');
    }
  });

  it('NO_COLOR: the Welcome screen in tmux carries no colour; without it the same screen does', async () => {
    const binary = builtBinary();
    const screens: Record<string, string> = {};
    for (const [label, extra] of [
      ['coloured', {}],
      ['no-colour', { NO_COLOR: '1' }],
    ] as const) {
      const home = isolatedHome(extra);
      term = startTerminal([process.execPath, binary], { env: home.env, cwd: home.cwd });
      await term.waitFor(`the Welcome screen (${label})`, /New install[\s\S]*Open a preset/);
      // the key hints are the last thing Ink draws: wait for them so the whole frame is there
      await term.waitFor(`the key hints (${label})`, /q quit/);
      screens[label] = term.capture(true);
      term.keys('q');
      await term.waitFor(`the exit after q (${label})`, () => term!.exitCode() !== null);
      expect(term.exitCode()).toBe(0);
      term.close();
      term = null;
    }
    // the ❯ pointer of the menu (ink-select-input's Indicator) and the title are coloured by default
    expect(screens.coloured).toMatch(COLOUR);
    expect(screens['no-colour']).not.toMatch(COLOUR);
    expect(screens['no-colour']).toContain('❯ New install');
  });

  it('follows resizes: the frame is redrawn at each new size, the text reflowed, nothing left of the old frame', async () => {
    const home = isolatedHome();
    term = startTerminal([process.execPath, builtBinary()], { env: home.env, cwd: home.cwd, size: { columns: 100, rows: 30 } });
    const t = term;
    await t.waitFor('the Welcome screen', /q quit/);
    /** Waits until the header spans exactly `columns` (its right side ends one column before the edge). */
    const at = async (columns: number, rows: number): Promise<string[]> => {
      const screen = await t.waitFor(`the frame at ${columns}x${rows}`, (s) => {
        const header = s.split('\n').find((l) => l.includes('osism-installer · Welcome'));
        return header !== undefined && header.trimEnd().length === columns - 1 && s.split('\n')[rows - 2]?.includes('q quit') === true;
      });
      const lines = screen.split('\n');
      expect(lines.filter((l) => l.includes('osism-installer · Welcome'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('q quit'))).toHaveLength(1);
      expect(
        lines
          .slice(rows - 1)
          .join('')
          .trim(),
      ).toBe('');
      return lines;
    };
    /** The intro paragraph joined from its wrapped lines (from the header to the first blank line). */
    const intro = (lines: string[]): string => {
      const end = lines.indexOf('', 1);
      return lines
        .slice(1, end)
        .map((l) => l.trim())
        .join(' ');
    };
    const wide = await at(100, 30);
    t.resize(80, 24);
    const normal = await at(80, 24);
    expect(intro(normal)).toBe(intro(wide));
    expect(normal.indexOf('')).toBeGreaterThanOrEqual(wide.indexOf(''));
    t.resize(60, 16);
    // below 80 columns the intro keeps its three lines and is cut with an ellipsis
    const narrow = await at(60, 16);
    expect(intro(narrow)).toMatch(/…$/);
    // the menu is whole at every size: the first and the last entry (Welcome has 8)
    expect(narrow.join('\n')).toContain('New install');
    expect(narrow.join('\n')).toContain('Replace a node of a deployment');
    expect(intro(wide).startsWith(intro(narrow).slice(0, -1))).toBe(true);
    expect(narrow.indexOf('')).toBe(4);
    // the help at the small size is cut to the body, the frame keeps its size; any key closes it
    t.keys('?');
    const help = await t.waitFor('the help at 60x16', /Help \(any key closes\)/);
    expect(help.split('\n')[14]).toContain('q quit');
    t.keys('x');
    t.resize(100, 30);
    const back = await at(100, 30);
    expect(intro(back)).toBe(intro(wide));
    t.keys('q');
    await t.waitFor('the exit after q', () => t.exitCode() !== null);
    expect(t.exitCode()).toBe(0);
  });
});
