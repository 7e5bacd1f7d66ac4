// Runs a deploy verb in a child process the way the CLI does (real stdio, real signals, real
// exit code), with the tree of test-tree.ts handed to the engine while src/render is absent.
// argv: <verb> <spec.json> [run flags...]
import { readFileSync } from 'node:fs';
import { execute } from '../../../../src/deploy/verbs/execute.js';
import { runFlags, parseRunArgs } from '../../../../src/deploy/verbs/run-options.js';
import { UsageError } from '../../../../src/commands/types.js';
import type { Spec } from '../../../../src/types/spec.js';
import { TEST_PASSWORDS, testTree } from './test-tree.js';

const [verb, specFile, ...rest] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile!, 'utf8')) as Spec;
const { values } = parseRunArgs(verb!, rest, { 'new-hosts': { type: 'string' } });
const flags = runFlags(values, spec);
const newHosts = typeof values['new-hosts'] === 'string' ? values['new-hosts'].split(',') : null;
try {
  const code = await execute(
    { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), interactive: false },
    {
      verb: verb as 'apply' | 'resume' | 'add-node',
      spec,
      flow: newHosts ? 'add-node' : 'install',
      newHosts,
      flags,
      deps: { render: async ({ spec: s }) => ({ files: testTree(s), passwords: TEST_PASSWORDS }) },
    },
  );
  process.exitCode = code;
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`osism-installer: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    process.exitCode = 2;
  } else throw error;
}
