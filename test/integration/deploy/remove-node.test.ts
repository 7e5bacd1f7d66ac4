// remove-node on the lab (a fresh lab id 'rn…' per run): a deployed cloud of one controller and three
// compute hosts, Ceph on all four (the cephadm stand-in: the orchestrator's own signatures, OSDs per
// host, drain and removal queue, test/standins/ceph_orch.py), the real CLI as child processes, the stand-in kolla-ansible running real
// ansible-playbook from the manager, the stand-in `openstack` (the real python-openstackclient shell
// and parsers) answering from the stand-in cloud the deploy registered. One story, each step on the
// state the one before left: a live removal that fails in its live migration, is resumed, fails in its
// Ceph drain (a stopped OSD removal), is resumed again; a dead host's removal (Ceph's offline path),
// and the refusal of removing the last compute host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadSavedSpec } from '../../../src/deploy/deployment.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { loadPasswords, savePasswords } from '../../../src/state/passwords-store.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import { labDataDisk, startDeployLab, type DeployLab } from './support/lab.js';
import { cli, events, homeDir, kollaRuns, labSpec, presetFile, standinCalls } from './support/run.js';
import type { Spec } from '../../../src/types/spec.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('rn', 4);
  // each host's OSD disk /dev/vdb, as the scan sees it (lab patch data-disk, docs/lab.md)
  await labDataDisk(lab, ['h1', 'h2', 'h3', 'h4']);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

/** The stand-in cloud's state on the manager. */
async function cloud(): Promise<{
  services: { binary: string; host: string; status: string; state: string }[];
  agents: { host: string }[];
  servers: { name: string; host: string; status: string }[];
}> {
  return JSON.parse((await lab.hostExec('h1', 'cat /root/.standins/cloud.json')).stdout);
}

/** Runs `ceph ARGS --format json` through the cephadm stand-in on h1 (the admin host) and parses the answer. */
async function ceph<T>(args: string): Promise<T> {
  const r = await lab.hostExec('h1', `cephadm shell -- ceph ${args} --format json`);
  if (r.code !== 0) throw new Error(`ceph ${args}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The ceph commands the cephadm stand-in ran on a host since call `from` (`orch ...` without `cephadm shell -- ceph`). */
async function cephCalls(host: string, from = 0): Promise<string[]> {
  return (await standinCalls(lab, host))
    .slice(from)
    .filter((c) => c.tool === 'cephadm' && c.argv[0] === 'shell')
    .map((c) => c.argv.slice(c.argv.indexOf('ceph') + 1).join(' '));
}

/** Runs the openstack CLI on the manager with the admin openrc the deploy wrote. */
async function openstack(args: string): Promise<string> {
  const r = await lab.hostExec('h1', `. /etc/kolla/admin-openrc.sh && openstack ${args}`);
  if (r.code !== 0) throw new Error(`openstack ${args}: ${r.stderr}`);
  return r.stdout;
}

describe('remove-node on the lab', () => {
  // Five CLI runs (apply, a failing remove-node, resume, a dead removal, a refusal) and each openstack
  // call of the drain and clean-up scripts starts the real python-openstackclient (~2.5 s of CPU, 15-20 s
  // at load 18 on the shared 2 cores), so a timeout of its own.
  it(
    'removes a live compute host (its instance live-migrated; a failed migration resumed), then a dead one; refuses the last compute host',
    { timeout: 1_200_000 },
    async () => {
      const home = homeDir();
      // Ceph on every host: 4 monitors (a majority of 3 survives one removal, then 2 of 3 the dead one), 2 replicas
      const roles = {
        h1: ['manager', 'control', 'network', 'monitoring', 'storage'],
        h2: ['compute', 'storage'],
        h3: ['compute', 'storage'],
        h4: ['compute', 'storage'],
      } as const;
      const plain = labSpec(lab, 'rn', { h1: [...roles.h1], h2: [...roles.h2], h3: [...roles.h3], h4: [...roles.h4] });
      const spec: Spec = {
        ...plain,
        backends: { ...plain.backends, storage: 'ceph', ceph: { ...plain.backends.ceph, rgw: false, cephfs: false } },
      };
      const hostname = (h: string): string => lab.hosts.find((x) => x.name === h)!.hostname;
      // passwords generated once, as an earlier render would have left them (no RSA key generation in the apply)
      const files = deploymentFiles('rn', home.env);
      mkdirSync(files.dir, { recursive: true, mode: 0o700 });
      savePasswords(files.passwords, (await renderWithTemplates({ spec, facts: {}, passwords: null })).passwords);
      const preset = presetFile(spec);
      const applied = await cli(['apply', '--preset', preset, '--yes'], home.env).done;
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(loadPasswords(files.passwords)).not.toBeNull();

      // the deploy registered nova-compute on each compute host; an instance runs on h3
      expect((await cloud()).services.filter((s) => s.binary === 'nova-compute').map((s) => s.host)).toEqual(['h2', 'h3', 'h4']);
      await openstack('server create --flavor m1.small --image cirros --availability-zone nova:h3 vm1');

      // the OSD spec of each storage host made one OSD there (/dev/vdb)
      const osds = (): Promise<{ daemon_id: string; hostname: string }[]> => ceph('orch ps --daemon_type osd');
      expect((await osds()).map((d) => d.hostname).sort()).toEqual(['h1', 'h2', 'h3', 'h4'].map(hostname).sort());
      const applyCalls = (await standinCalls(lab, 'h1')).length;

      // 1. h3, alive: nova refuses the live migration, so the run fails in drain-compute and changes no preset
      await lab.hostExec('h1', 'touch /root/.standins/fail-live-migration');
      const failed = await cli(['remove-node', 'h3', '--preset', preset, '--yes'], home.env).done;
      expect(failed.code, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stdout).toContain('Removing from rn: h3 (compute, storage)');
      expect(failed.stdout).toContain(
        `ok: Ceph monitors: 4 -> 3 members (h1, h2 and h4); a majority (3 of 4) stays up throughout; h3 ran a monitor`,
      );
      expect(failed.stdout).toContain('the OSDs of h3 are drained first (ceph orch host drain), their data moves to the others');
      expect(failed.stdout).toMatch(/FAILED Disable the leaving compute hosts and live-migrate their instances/);
      expect(failed.stdout).toContain('Cannot live migrate, test marker fail-live-migration is present');
      expect(parse(readFileSync(preset, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h3', 'h4']);
      // nova-compute on h3 was disabled before the migration was tried, the instance is still there
      expect((await cloud()).services.find((s) => s.host === 'h3' && s.binary === 'nova-compute')).toMatchObject({ status: 'disabled' });
      expect((await cloud()).servers).toMatchObject([{ name: 'vm1', host: 'h3' }]);

      // Ceph was asked what it stores (the capacity preview) and not touched: the drain comes after the compute hosts'
      expect(await cephCalls('h1', applyCalls)).toEqual(['df --format json']);

      // the resume moves the instance, then cephadm stops the removal of h3's OSD (marker fail-osd-rm: as
      // `ceph orch osd rm stop`): the phase fails naming the OSD and the host, h3 stays in the cluster
      await lab.hostExec('h1', 'rm /root/.standins/fail-live-migration && touch /root/.standins/fail-osd-rm');
      const h3osd = (await osds()).find((d) => d.hostname === hostname('h3'))!.daemon_id;
      const stopped = await cli(['resume', 'rn', '--yes'], home.env).done;
      expect(stopped.code, stopped.stdout + stopped.stderr).toBe(1);
      expect(stopped.stdout, stopped.stderr).toMatch(/FAILED Drain the leaving Ceph hosts and remove them from cephadm/);
      expect(stopped.stdout).toContain(`the removal of osd.${h3osd} on ${hostname('h3')} was stopped`);
      // cephadm itself refuses to remove a host that still runs daemons, with the orchestrator's words
      const early = await lab.hostExec('h1', `cephadm shell -- ceph orch host rm ${hostname('h3')}`);
      expect(early.code).toBe(22);
      expect(early.stderr).toContain(
        `Error EINVAL: Not allowed to remove ${hostname('h3')} from cluster. The following daemons are running in the host:`,
      );
      expect(early.stderr).toContain(`Please run 'ceph orch host drain ${hostname('h3')}' to remove daemons from host`);

      await lab.hostExec('h1', 'rm /root/.standins/fail-osd-rm');
      const beforeCeph = (await standinCalls(lab, 'h1')).length;
      const before = (await kollaRuns(lab)).length;
      const resumed = await cli(['resume', 'rn', '--yes', '--json'], home.env).done;
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const ends = events(resumed.stdout)
        .filter((e) => e.type === 'phase:end')
        .map((e) => [e.phase, e.status]);
      expect(ends).toEqual([
        ['connect', 'ok'],
        ['render', 'ok'],
        ['drain-compute', 'skipped'],
        ['move-network-agents', 'skipped'],
        ['ceph-drain', 'ok'],
        ['gluster-remove-brick', 'skipped'],
        ['kolla-stop', 'ok'],
        ['rabbitmq-forget', 'skipped'],
        ['upload-config', 'ok'],
        ['kolla-deploy-remaining', 'ok'],
        ['delete-cloud-services', 'ok'],
        ['summary', 'ok'],
      ]);
      // Ceph's "Removing Hosts" in order on the admin host: the drain asked again, the removal polled until the OSD
      // is gone, no daemon left on h3, then h3 removed; nothing about another host
      const drained = await cephCalls('h1', beforeCeph);
      const h3 = hostname('h3');
      expect(drained[0]).toBe('orch host ls --format json');
      expect(drained[1]).toBe(`orch host drain ${h3}`);
      expect(drained.at(-2)).toBe(`orch ps ${h3} --format json`);
      expect(drained.at(-1)).toBe(`orch host rm ${h3}`);
      const polls = drained.slice(2, -2);
      expect(polls.length).toBeGreaterThanOrEqual(2);
      expect(new Set(polls)).toEqual(new Set(['orch osd rm status --format json']));
      // cephadm runs on the admin host only
      for (const h of ['h2', 'h3', 'h4']) expect((await standinCalls(lab, h)).filter((c) => c.tool === 'cephadm')).toEqual([]);
      const resumeEvents = events(resumed.stdout);
      expect(resumeEvents.some((e) => e.type === 'progress' && e.phase === 'ceph-drain')).toBe(true);
      expect(
        resumeEvents.some(
          (e) => e.type === 'log' && e.phase === 'ceph-drain' && String(e.line).startsWith(`draining osd.${h3osd} on ${h3}`),
        ),
      ).toBe(true);
      expect((await ceph<{ hostname: string }[]>('orch host ls')).map((h) => h.hostname)).toEqual(['h1', 'h2', 'h4'].map(hostname));
      expect((await osds()).map((d) => d.hostname).sort()).toEqual(['h1', 'h2', 'h4'].map(hostname).sort());
      // kolla's guide in order: stop on h3 with the inventory it was in, then deploy on the hosts that list it
      expect((await kollaRuns(lab)).slice(before)).toEqual(['stop --limit h3', 'deploy --limit control,network,monitoring']);
      expect((await lab.hostExec('h3', 'cat /root/.standins/kolla/nova-cell-stop')).stdout).toBe('h3 nova-cell stop\n');
      const inventory = (await lab.hostExec('h1', 'cat /etc/kolla/inventory/multinode')).stdout;
      expect(inventory).toMatch(/^\[compute\]\nh2\nh4\n/m);
      expect(inventory).not.toMatch(/^h3\b/m);
      const after = await cloud();
      expect(after.servers).toMatchObject([{ name: 'vm1', status: 'ACTIVE' }]);
      expect(['h2', 'h4']).toContain(after.servers[0]!.host);
      expect(after.services.filter((s) => s.host === 'h3')).toEqual([]);
      expect(after.agents.filter((a) => a.host === 'h3')).toEqual([]);
      // the saved deployment and the preset match the cloud
      expect(JSON.parse(readFileSync(files.spec, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h4']);
      expect(parse(readFileSync(preset, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h4']);
      expect(resumed.stderr).toContain(`${preset} no longer lists h3`);

      // 2. the cloud's use decides: instances that would not fit on the compute host left refuse the removal
      // before anything runs (the hypervisor list read on the manager with the admin openrc)
      const where = (await cloud()).servers[0]!.host;
      const dead = where === 'h4' ? 'h4' : 'h2';
      const keep = dead === 'h4' ? 'h2' : 'h4';
      // the compute host left offers its threads x 4.0 vCPUs (the capacity rule); m1.large instances take 4 each
      const threads = loadSavedSpec(files)!.facts[keep]!.cpu!.threads;
      const big = Array.from({ length: threads + 1 }, (_, i) => `big${i}`);
      for (const name of big) await openstack(`server create --flavor m1.large --image cirros --availability-zone nova:${keep} ${name}`);
      const kollaBefore = (await kollaRuns(lab)).length;
      const callsBefore = (await standinCalls(lab, 'h1')).length;
      const full = await cli(['remove-node', dead, '--yes'], home.env).done;
      expect(full.code, full.stdout + full.stderr).toBe(1);
      expect(full.stdout).toContain('Asking the cloud what it uses (hypervisor list, ceph df)');
      expect(full.stderr).toContain(`The instances use ${4 * big.length + 1} vCPUs`);
      expect(full.stderr).toContain(`the compute hosts left offer ${threads * 4} vCPUs`);
      expect(full.stderr).toContain('so the live migrations would not fit');
      expect(full.stderr).toContain('nothing was changed');
      // only the questions ran (the cloud's usage, Ceph's): no kolla-ansible, no change in the cloud
      expect((await kollaRuns(lab)).length).toBe(kollaBefore);
      expect(
        (await standinCalls(lab, 'h1'))
          .slice(callsBefore)
          .map((c) => c.argv.filter((a) => !a.startsWith('-') && !/^(2\.87|value|ID|json)$/.test(a)).join(' ')),
      ).toEqual(['hypervisor list', `server list ${dead}`, 'shell ceph df']);
      expect(readJournal(files.journal).runs).toHaveLength(4);
      await openstack(`server delete ${big.join(' ')}`);

      // 3. the host of vm1, dead: nothing runs on it (no kolla stop), its services are forced down and deleted, its instance is named
      const beforeDead = (await kollaRuns(lab)).length;
      // it is really down: its link cut, its sshd killed (cephadm's key cannot log in: an offline host to cephadm)
      await lab.partition(dead, true);
      await lab.killSshd(dead);
      const beforeDeadCeph = (await standinCalls(lab, 'h1')).length;
      const gone = await cli(['remove-node', dead, '--dead', '--yes'], home.env).done;
      expect(gone.code, gone.stdout + gone.stderr).toBe(0);
      expect(gone.stdout).toContain(`${dead} (compute, storage), down (--dead): nothing runs on it`);
      expect(gone.stdout).toContain(`the OSDs of ${dead} (down) are purged, their data is re-replicated from the other copies`);
      expect(await cephCalls('h1', beforeDeadCeph)).toEqual([
        'df --format json',
        'orch host ls --format json',
        `orch host rm ${hostname(dead)} --offline --force`,
      ]);
      expect((await ceph<{ hostname: string }[]>('orch host ls')).map((h) => h.hostname)).toEqual(['h1', keep].map(hostname));
      expect((await osds()).map((d) => d.hostname).sort()).toEqual(['h1', keep].map(hostname).sort());
      expect(gone.stdout).toMatch(/skip Stop the OpenStack containers on the leaving hosts: the leaving hosts are down/);
      expect(gone.stdout).toMatch(new RegExp(`instance left on ${dead}: \\S+ vm1 \\(the host is down: evacuate it`));
      expect((await kollaRuns(lab)).slice(beforeDead)).toEqual(['deploy --limit control,network,monitoring']);
      expect((await cloud()).services.filter((s) => s.host === dead)).toEqual([]);

      // 4. the last compute host: refused before anything is touched
      const calls = (await standinCalls(lab, 'h1')).length;
      const refused = await cli(['remove-node', keep, '--yes'], home.env).done;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('No compute host would remain');
      expect(refused.stderr).toContain('nothing was changed');
      expect((await standinCalls(lab, 'h1')).length).toBe(calls);
      expect(readJournal(files.journal).runs.map((r) => [r.verb, r.status])).toEqual([
        ['apply', 'ok'],
        ['remove-node', 'failed'],
        ['resume', 'failed'],
        ['resume', 'ok'],
        ['remove-node', 'ok'],
      ]);
    },
  );
});
