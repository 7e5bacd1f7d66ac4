// Phase: Ceph by cephadm over SSH: bootstrap on the first storage host, add the other storage
// hosts, OSDs on the chosen disks, pools, client keyrings fetched into the kolla overlays on the
// manager, RGW and CephFS when chosen. Every step is idempotent, so resume and add-node re-run it.
import { posix } from 'node:path';
import { parse } from 'yaml';
import { shq } from '../../hosts/shell-quote.js';
import { hostByName, effectiveSsh, managerHost } from '../connections.js';
import { hostsWithRole, newHostsWithRole } from '../hosts-of.js';
import {
  CEPH_RGW_PORT,
  cephPlan,
  isCephHostName,
  osdDevices,
  osdSpec,
  RGW_SERVICE,
  rgwKeystoneSettings,
  stripLeadingTabs,
} from '../ceph/plan.js';
import { authorizeCommand } from './deploy-key.js';
import type { DeployContext, Phase, PhaseRun } from '../types.js';

/** `cephadm shell -- ceph ...` with each argument quoted (caps are passed pre-quoted). */
function ceph(args: string[]): string {
  return `cephadm shell -- ceph ${args.join(' ')}`;
}

/**
 * The names cephadm knows the storage hosts by: each host's own `uname -n` (bootstrap registers the
 * first host so, and `ceph orch host add` checks the name against the host). From the facts the
 * connect phase collected, else asked on the host. Untrusted: checked before it reaches a command.
 */
async function cephHostNames(run: PhaseRun, hosts: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const h of hosts) {
    const name = run.ctx.facts[h]?.hostname ?? (await run.sh(h, 'uname -n', { task: 'host name' })).trim();
    if (!run.recording && !isCephHostName(name))
      throw new Error(`${h} reports the host name "${name.slice(0, 80)}", which cephadm cannot use`);
    names.set(h, name);
  }
  return names;
}

/** The keyring of a cephx client, created with its caps (`ceph auth get-or-create` refuses when the client exists with other caps). */
export function keyringCommand(user: string, caps: string[]): string {
  return ceph(['auth', 'get-or-create', `client.${user}`, ...caps]);
}

/** An existing client's caps brought up to date (an older run made it with others), then its keyring. */
export function keyringUpdateCommands(user: string, caps: string[]): string[] {
  const entity = `client.${user}`;
  return [ceph(['auth', 'caps', entity, ...caps]), ceph(['auth', 'get', entity])];
}

/** A client's keyring: get-or-create, or (it exists with other caps) its caps updated and the keyring read. */
async function keyringOf(run: PhaseRun, host: string, user: string, caps: string[]): Promise<string> {
  const task = `keyring of client.${user}`;
  const created = await run.exec(host, keyringCommand(user, caps), { task });
  if (created.code === 0) return created.stdout;
  const [update, get] = keyringUpdateCommands(user, caps);
  await run.sh(host, update!, { task });
  return run.sh(host, get!, { task });
}

/** RGW's Keystone settings as `ceph config set` commands (the password from the rendered passwords.yml). */
function rgwKeystoneCommands(ctx: DeployContext, recording: boolean): string[] {
  if (!ctx.spec.backends.ceph.rgw || !ctx.spec.services.includes('keystone')) return [];
  const passwords = ctx.tree?.find((f) => f.path === 'passwords.yml');
  const password = passwords ? (parse(passwords.content) as Record<string, unknown>).ceph_rgw_keystone_password : undefined;
  if (typeof password !== 'string' || password === '') {
    if (recording)
      return rgwKeystoneSettings(ctx.spec.network.internalVip, '<ceph_rgw_keystone_password>').map(([k, v]) =>
        ceph(['config', 'set', `client.${RGW_SERVICE}`, k, shq(v)]),
      );
    throw new Error('the rendered passwords.yml has no ceph_rgw_keystone_password (RGW authenticates Keystone tokens with it)');
  }
  return rgwKeystoneSettings(ctx.spec.network.internalVip, password).map(([k, v]) =>
    ceph(['config', 'set', `client.${RGW_SERVICE}`, k, shq(v)]),
  );
}

/** `cephadm bootstrap` on the first storage host, unless it was bootstrapped already. */
function bootstrapLine(ctx: DeployContext): string {
  const firstHost = hostByName(ctx.spec, hostsWithRole(ctx, 'storage')[0]!);
  const ssh = effectiveSsh(ctx.spec, firstHost);
  return `test -f /etc/ceph/ceph.conf || cephadm bootstrap --mon-ip ${shq(firstHost.address)} --ssh-user ${shq(ssh.user)} --skip-monitoring-stack`;
}

/** The commands on the bootstrap host after `cephadm bootstrap` (the first), in order. */
function bootstrapCommands(
  ctx: DeployContext,
  recording: boolean,
  names: Map<string, string>,
): { first: string; commands: string[]; devices: Record<string, string[]> } {
  const storage = hostsWithRole(ctx, 'storage');
  const first = storage[0]!;
  const firstHost = hostByName(ctx.spec, first);
  const ssh = effectiveSsh(ctx.spec, firstHost);
  const plan = cephPlan(ctx.spec);
  const devices = osdDevices(ctx.spec, ctx.facts, storage);
  const replicas = String(ctx.spec.backends.ceph.replicas);
  const name = (h: string): string => names.get(h)!;
  const commands = [
    bootstrapLine(ctx),
    ...storage.slice(1).map((h) => ceph(['orch', 'host', 'add', shq(name(h)), shq(hostByName(ctx.spec, h).address)])),
    ...storage
      .filter((h) => devices[h]!.length > 0)
      .map(
        (h) =>
          `cat > /etc/ceph/osism-osd-${h}.yaml <<'EOF'\n${osdSpec(h, devices[h]!, name(h))}EOF\ncephadm shell --mount ${shq(`/etc/ceph/osism-osd-${h}.yaml`)}:/mnt/osd.yaml -- ceph orch apply -i /mnt/osd.yaml`,
      ),
    ...plan.pools.flatMap((p) => [
      ceph(['osd', 'pool', 'create', p]),
      ceph(['osd', 'pool', 'set', p, 'size', replicas, '--yes-i-really-mean-it']),
      ceph(['osd', 'pool', 'application', 'enable', p, 'rbd']),
    ]),
    // RGW on every storage host, on the port the renderer gives kolla (ceph_rgw_hosts)
    ...(ctx.spec.backends.ceph.rgw
      ? [
          ceph(['orch', 'apply', 'rgw', 'default', '--port', String(CEPH_RGW_PORT), shq(`--placement=${storage.map(name).join(' ')}`)]),
          // RGW accepts the Keystone tokens of the Swift/S3 endpoints kolla registers (enable_ceph_rgw_keystone)
          ...rgwKeystoneCommands(ctx, recording),
        ]
      : []),
    ...(ctx.spec.backends.ceph.cephfs
      ? [`${ceph(['fs', 'ls'])} | grep -q 'name: cephfs,' || ${ceph(['fs', 'volume', 'create', 'cephfs'])}`]
      : []),
  ];
  return { first, commands, devices };
}

export const cephPhase: Phase = {
  id: 'ceph',
  title: 'Deploy Ceph with cephadm',
  hosts: (ctx) => [...new Set([...hostsWithRole(ctx, 'storage'), managerHost(ctx.spec).name])],
  shouldRun: (ctx) => {
    if (ctx.spec.backends.storage !== 'ceph') return `storage backend is ${ctx.spec.backends.storage}`;
    if (hostsWithRole(ctx, 'storage').length === 0) return 'no host has the storage role';
    if (ctx.flow === 'add-node' && newHostsWithRole(ctx, 'storage').length === 0) return 'no new storage host';
    return null;
  },
  inputs: (ctx) => ({
    ceph: ctx.spec.backends.ceph,
    storage: hostsWithRole(ctx, 'storage'),
    services: ctx.spec.services,
    newHosts: ctx.newHosts,
  }),
  run: async (run) => {
    const { ctx } = run;
    const storage = hostsWithRole(ctx, 'storage');
    const first = storage[0]!;
    const devices = osdDevices(ctx.spec, ctx.facts, storage);
    for (const h of storage) {
      if (devices[h]!.length === 0)
        run.emit({
          type: 'log',
          phase: run.phase,
          host: h,
          level: 'warn',
          line: `${h}: no free disk for an OSD (osdDevices ${JSON.stringify(ctx.spec.backends.ceph.osdDevices)})`,
        });
    }
    // Bootstrap first, then cephadm's own key goes to the other storage hosts before they are added.
    await run.sh(first, bootstrapLine(ctx), { task: 'cephadm bootstrap' });
    const cephKey = (await run.sh(first, ceph(['cephadm', 'get-pub-key']), { task: "cephadm's SSH key" })).trim().split('\n').at(-1) ?? '';
    if (storage.length > 1) {
      if (!run.recording && !/^ssh-\S+ \S+/.test(cephKey)) throw new Error(`cephadm printed no public key (got "${cephKey.slice(0, 80)}")`);
      await run.eachHost(
        storage.slice(1),
        (h) => run.sh(h, authorizeCommand(cephKey), { become: false, task: "authorise cephadm's key" }).then(() => undefined),
        "authorise cephadm's key",
      );
    }
    const names = await cephHostNames(run, storage);
    const rest = bootstrapCommands(ctx, run.recording, names).commands.slice(1);
    for (const [i, command] of rest.entries()) {
      run.progress(i, rest.length);
      await run.sh(first, command, { task: 'configure ceph' });
    }
    // Client keyrings and the minimal ceph.conf go into the overlays on the manager.
    const plan = cephPlan(ctx.spec);
    const conf = stripLeadingTabs(await run.sh(first, ceph(['config', 'generate-minimal-conf']), { task: 'ceph.conf' }));
    const items = plan.confPaths.map((p) => ({
      remotePath: posix.join(ctx.spec.deploy.configDir, 'config', p),
      content: conf,
      mode: 0o640,
    }));
    for (const client of plan.clients) {
      const keyring = await keyringOf(run, first, client.user, client.caps);
      if (!run.recording && !keyring.includes('key = ')) throw new Error(`ceph returned no keyring for client.${client.user}`);
      for (const p of client.keyringPaths)
        items.push({ remotePath: posix.join(ctx.spec.deploy.configDir, 'config', p), content: keyring, mode: 0o600 });
    }
    if (items.length > 0) await run.upload(managerHost(ctx.spec).name, items);
  },
};
