// Captures one scan bundle from each lab host kind into test/fixtures/captures/lab-<kind>.bundle
// (our own captures, for the parsers' tests): `npx tsx test/lab/capture-bundles.ts`.
// Starts its own lab (id "cap"), scans over real SSH exactly as `scan` does, and removes the lab.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SSH } from '../../src/commands/ssh-flags.js';
import { scanHosts } from '../../src/hosts/scan.js';
import { startLab } from './lab.js';
import { repoRoot } from '../helpers/shared.js';

async function main(): Promise<void> {
  const lab = await startLab({ id: 'cap', hosts: 4, variety: true });
  try {
    const h1 = lab.hosts.find((h) => h.name === 'h1')!;
    const env: NodeJS.ProcessEnv = { ...process.env, OSISM_CAPTURE_PW: lab.hosts.find((h) => h.password)?.password ?? '' };
    delete env.SSH_AUTH_SOCK;
    const targets = lab.hosts.map((h) => ({
      host: h.kind,
      address: h.address,
      ssh: {
        ...DEFAULT_SSH,
        user: h.user,
        identityFile: h.identityFile,
        become: h.become,
        passwordEnv: h.password ? 'OSISM_CAPTURE_PW' : null,
        jumpHost: h.via ? `${h1.user}@${h1.address}` : null,
      },
    }));
    const written: string[] = [];
    for await (const row of scanHosts(targets, {
      knownHostsFile: lab.knownHosts,
      env,
      onBundle: (kind, bundle) => {
        const file = join(repoRoot, 'test', 'fixtures', 'captures', `lab-${kind}.bundle`);
        writeFileSync(file, bundle);
        written.push(file);
      },
    })) {
      if (row.error) throw new Error(`capturing ${row.host} failed: ${row.error}`);
    }
    process.stdout.write(written.sort().join('\n') + '\n');
  } finally {
    await lab.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
