// The dispatcher: help lists the guided install's flags and every verb; mistakes get did-you-mean.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { captureIO } from '../../helpers/io.js';

describe('osism-installer dispatch', () => {
  it('--help shows the guided install with --preset and the SSH flags, and every verb of DESIGN §1', async () => {
    const c = captureIO(process.cwd());
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('osism-installer [--preset FILE] [SSH flags]');
    for (const flag of ['-l/--user', '-i/--identity', '-p/--port', '-J/--jump', '--password-env', '--host-keys', '--known-hosts'])
      expect(c.out()).toContain(flag);
    // The verbs DESIGN §1 names, each on a line of its own with a summary.
    for (const verb of ['discover', 'scan', 'validate', 'render', 'plan', 'apply', 'status', 'resume', 'add-node'])
      expect(c.out()).toMatch(new RegExp(`^  ${verb} +\\S`, 'm'));
  });

  it('an unknown verb is exit 2 with the closest verb', async () => {
    const c = captureIO(process.cwd());
    expect(await main(['aply'], c.io)).toBe(2);
    expect(c.err()).toContain('unknown verb "aply"');
    expect(c.err()).toContain('did you mean "apply"?');
  });

  it('without a verb and without a terminal: exit 2 naming apply --preset, nothing else runs', async () => {
    const c = captureIO(process.cwd());
    expect(await main([], c.io)).toBe(2);
    expect(c.err()).toContain('osism-installer apply --preset FILE');
    expect(c.out()).toBe('');
  });
});
