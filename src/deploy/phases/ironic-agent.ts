// Phase: the ironic-python-agent kernel and initramfs into <configDir>/config/ironic/ on the manager,
// where kolla's ironic prechecks ("Checking ironic-agent files exist") and deploy read them
// (ironic_agent_files_directory = node_custom_config = <configDir>/config). Each comes from
// options.ironic.agentKernel / agentInitramfs: an http(s) URL the manager downloads with its python3
// (to a .part file, renamed when complete), or an absolute path on the manager copied into place (an
// offline site stages the images there). The plan layer refuses Ironic without them (service.ironic.agent).
import { posix } from 'node:path';
import { shq } from '../../hosts/shell-quote.js';
import type { Spec } from '../../types/spec.js';
import { managerHost } from '../connections.js';
import type { Phase } from '../types.js';

/** The agent files kolla wants, with the preset key that names their source. */
const AGENT_FILES = [
  { name: 'ironic-agent.kernel', key: 'agentKernel' },
  { name: 'ironic-agent.initramfs', key: 'agentInitramfs' },
] as const;

/** Downloads argv[1] to argv[2] (python3 is on every manager: kolla needs it). */
const DOWNLOAD_PY =
  'import shutil, sys, urllib.request\nwith urllib.request.urlopen(sys.argv[1], timeout=120) as r, open(sys.argv[2], "wb") as f:\n    shutil.copyfileobj(r, f)';

/** One command per agent file that puts it in place on the manager (the directory first); throws when a source is missing. */
export function agentCommands(spec: Spec): { task: string; command: string }[] {
  const dir = posix.join(spec.deploy.configDir, 'config', 'ironic');
  const out = [{ task: 'create config/ironic', command: `install -d -m 0755 ${shq(dir)}` }];
  for (const file of AGENT_FILES) {
    const source = spec.options?.ironic[file.key];
    if (!source) throw new Error(`options.ironic.${file.key} is not set: kolla's ironic prechecks need config/ironic/${file.name}`);
    const target = posix.join(dir, file.name);
    const part = `${target}.part`;
    const command = /^https?:\/\//.test(source)
      ? `python3 -c ${shq(DOWNLOAD_PY)} ${shq(source)} ${shq(part)} && test -s ${shq(part)} && mv -f ${shq(part)} ${shq(target)}`
      : `test -s ${shq(source)} && install -m 0644 ${shq(source)} ${shq(target)}`;
    out.push({ task: `${file.name} from ${source}`, command });
  }
  return out;
}

/** Runs when Ironic is selected, before kolla's prechecks look for the files. */
export const ironicAgentPhase: Phase = {
  id: 'ironic-agent',
  title: 'Put the Ironic agent images in place',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) => (ctx.spec.services.includes('ironic') ? null : 'Ironic is not selected'),
  inputs: (ctx) => ({
    configDir: ctx.spec.deploy.configDir,
    kernel: ctx.spec.options?.ironic.agentKernel ?? null,
    initramfs: ctx.spec.options?.ironic.agentInitramfs ?? null,
  }),
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    const commands = agentCommands(run.ctx.spec);
    run.progress(0, commands.length);
    for (const [i, c] of commands.entries()) {
      await run.sh(manager, c.command, { task: c.task });
      run.progress(i + 1, commands.length);
    }
  },
};
