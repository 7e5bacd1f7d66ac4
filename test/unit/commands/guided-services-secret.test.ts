// realServices().setSecret: a password typed in the TUI reaches the scan's SSH login as the variable
// the Spec names (as --password-env would), and lives only in the services' own environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realServices } from '../../../src/commands/guided-services.js';
import { DEFAULT_SSH } from '../../../src/spec/defaults.js';
import type { ScanRow } from '../../../src/types/facts.js';

describe('realServices().setSecret', () => {
  it("the scan logs in with the typed password's variable; the environment handed in never gets it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-secret-'));
    const env: NodeJS.ProcessEnv = { HOME: dir };
    const services = realServices({ env, cwd: dir, stateRoot: join(dir, 'state') });
    // port 1 of this machine refuses at once: the scan gets past the credentials to the connection
    const ssh = { ...DEFAULT_SSH, port: 1, identityFile: null, passwordEnv: 'OSISM_SSH_PASSWORD_T1', knownHosts: join(dir, 'kh') };
    const scan = async (): Promise<ScanRow> => {
      const rows: ScanRow[] = [];
      for await (const r of services.scan([{ name: 't1', address: '127.0.0.1', roles: [] }], ssh, new AbortController().signal))
        rows.push(r);
      return rows[0]!;
    };
    expect((await scan()).error).toMatch(/\$OSISM_SSH_PASSWORD_T1 \(--password-env\) is not set or empty/);
    services.setSecret('OSISM_SSH_PASSWORD_T1', 'typed secret');
    const after = await scan();
    expect(after.error).not.toMatch(/is not set or empty/);
    expect(after.error).toMatch(/refused/);
    expect(after.error).not.toContain('typed secret');
    expect(env.OSISM_SSH_PASSWORD_T1).toBeUndefined();
    expect(process.env.OSISM_SSH_PASSWORD_T1).toBeUndefined();
  });
});
