// The built binary's terminal handling: without a terminal the guided install refuses with the
// unattended alternative (exit 2, no raw-mode crash); in tmux, NO_COLOR leaves no colour in the
// screen while the same screen without it is coloured (so the check can fail).
import { afterEach, describe, expect, it } from 'vitest';
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

  it('NO_COLOR: the Welcome screen in tmux carries no colour; without it the same screen does', async () => {
    const binary = builtBinary();
    const screens: Record<string, string> = {};
    for (const [label, extra] of [['coloured', {}], ['no-colour', { NO_COLOR: '1' }]] as const) {
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
});
