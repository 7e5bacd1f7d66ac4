// Faults during a whole `apply`, on a lab of its own (a fresh 'fl…' id) with the stand-ins on every
// host: the stand-in kolla-ansible on the manager runs real ansible-playbook over SSH. Each fault
// plays out mid kolla-pull (the stand-in's common role sleeps on h2 while it runs): SIGKILL of the
// installer then resume; the manager's link cut until the installer reports the loss (longer than the
// SSH keepalive bound, 10 s x 3) and then restored; the manager's sshd killed behind a jump host, then
// resume. Each counts the kolla-ansible runs alive on the manager every 250 ms: never two of the phase
// at once, and the phase completes.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { freshHosts, startDeployLab, type DeployLab } from '../deploy/support/lab.js';
import { cli, events, homeDir, labSpec, presetFile, standinCalls } from '../deploy/support/run.js';
import { killOn, kollaRunsOn, ROLES, sampleKollaRuns, seedPasswords, slowCommon } from './deploy-faults.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('fl', 2);
}, 180_000);

// each test is a deployment of its own on the same hosts (a host claimed by another is refused)
beforeEach(() => freshHosts(lab));

afterAll(async () => {
  await lab?.stop();
});

/** A dead manager behind a jump host is reported within this (liveness.test.ts proves it for one command). */
const LOST_WITHIN_MS = 10_000;
/** The process ends within this of the manager's death: the loss, the retries (2 s, 4 s) failing at once, the summary. */
const EXIT_WITHIN_MS = 60_000;

/** The phases these faults run: the deploy key, the tree, and one kolla command (pull). */
const ONLY = ['--only', 'deploy-key,upload-config,kolla-pull'];

/** Waits until kolla-pull's common task runs (on h2, slowed by the stand-in marker). */
const pulling = (l: string) => l.includes('"type":"task"') && l.includes('"phase":"kolla-pull"') && l.includes('Deploy common (stand-in)');

/**
 * The guard's search for an earlier run of kolla-pull on h1, in the phase log: it found none (the
 * earlier run had died with its hung-up session), or it found one (a run, or the ssh ControlMaster
 * that outlives it for ControlPersist) and stopped it before starting. Which of the two happens
 * depends on how fast the host notices the dead connection; the guard must have searched either way.
 */
function searchedBeforeStart(logPath: string | null): void {
  const log = readFileSync(logPath!, 'utf8');
  const none = /^# \[h1\] no earlier run of phase kolla-pull on the host$/m.test(log);
  const stopped =
    /^# h1: a command of this phase from (an earlier run|this run \(its connection broke\)) is still running there \(\d+ process\(es\), pid \d+ ".+", running for \d+ s\); stopping it/m.test(
      log,
    ) && /^# h1: stopped the earlier run of this phase; starting it again$/m.test(log);
  expect(none || stopped, log.slice(0, 2000)).toBe(true);
}

/** How many `kolla-ansible pull` the stand-in recorded on the manager. */
async function pulls(): Promise<number> {
  return (await standinCalls(lab, 'h1')).filter((c) => c.tool === 'kolla-ansible' && c.argv[0] === 'pull').length;
}

describe('deploy faults', () => {
  it(
    'SIGKILL of the installer mid kolla-pull, then resume: the remote run does not outlive it, resume takes the lock over, searches before it starts, never two; resume completes',
    { timeout: 300_000 },
    async () => {
      const home = homeDir();
      const spec = labSpec(lab, 'flkill', ROLES);
      await seedPasswords(lab, 'flkill', home.env);
      await slowCommon(lab, 'h2', 'pull', 600);
      let sampler: ReturnType<typeof sampleKollaRuns> | null = null;
      try {
        const first = cli(['apply', '--preset', presetFile(spec), '--yes', '--json', ...ONLY], home.env);
        await first.waitFor(pulling);
        const before = await pulls();
        first.child.kill('SIGKILL');
        await first.done;
        // What kill -9 leaves on a manager that is still reachable: the kernel closes the installer's
        // TCP connection, sshd closes the session and hangs up its command, whose wrapper
        // (killableScript) takes its process group down: the remote kolla-ansible is gone within a
        // liveness bound (measured: a few seconds). The lock still names the dead process. (A run left behind by
        // a connection that vanished without a close is the link-cut test below.)
        const killedAt = Date.now();
        const gone = killedAt + 30_000;
        while ((await kollaRunsOn(lab, 'h1', 'pull')) > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 250));
        expect(await kollaRunsOn(lab, 'h1', 'pull')).toBe(0);
        const goneMs = Date.now() - killedAt;
        const files = deploymentFiles('flkill', home.env);
        expect(existsSync(files.lock)).toBe(true);

        await slowCommon(lab, 'h2', 'pull', 1);
        sampler = sampleKollaRuns(lab, 'h1', 'pull');
        const t0 = Date.now();
        const resumed = await cli(['resume', 'flkill', '--yes', '--json', ...ONLY], home.env).done;
        const resumeMs = Date.now() - t0;
        const most = await sampler.stop();
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(most).toBe(1);
        const evs = events(resumed.stdout);
        const warned = evs.filter((e) => e.type === 'log' && e.level === 'warn').map((e) => String(e.line));
        expect(warned.some((l) => /stale lock/.test(l))).toBe(true);
        // the phase was left running: resume searched the manager for an earlier run before it started
        searchedBeforeStart(readJournal(files.journal).phases.get('kolla-pull')!.logPath);
        expect(evs.find((e) => e.type === 'phase:end' && e.phase === 'kolla-pull')).toMatchObject({ status: 'ok' });
        // the killed run's pull and the resumed one: exactly one more
        expect((await pulls()) - before).toBe(1);
        expect(existsSync(files.lock)).toBe(false);
        expect(readJournal(files.journal).runs.at(-1)).toMatchObject({ verb: 'resume', status: 'ok' });
        process.stdout.write(
          `[faults] SIGKILL + resume: remote run gone ${(goneMs / 1000).toFixed(1)} s after the kill, resume took ${(resumeMs / 1000).toFixed(1)} s\n`,
        );
      } finally {
        await sampler?.stop().catch(() => undefined);
        await slowCommon(lab, 'h2', 'pull', null);
        await killOn(lab, 'h2', ['sleep 600']);
      }
    },
  );

  it(
    "the manager's link cut mid kolla-pull until the loss is reported, then restored: reconnected, the manager searched before the retry, never two",
    { timeout: 300_000 },
    async () => {
      const home = homeDir();
      const spec = labSpec(lab, 'flcut', ROLES);
      await seedPasswords(lab, 'flcut', home.env);
      await slowCommon(lab, 'h2', 'pull', 120);
      let sampler: ReturnType<typeof sampleKollaRuns> | null = null;
      try {
        const run = cli(['apply', '--preset', presetFile(spec), '--yes', '--json', ...ONLY], home.env);
        await run.waitFor(pulling);
        sampler = sampleKollaRuns(lab, 'h1', 'pull');
        const cutAt = Date.now();
        await lab.partition('h1', true);
        // A silent link is noticed by the SSH keepalive only (10 s x 3, src/hosts/ssh-client.ts): the
        // link stays cut until the installer says so, however long that takes (bounded: 60 s).
        const lost = await run.waitFor((l) => l.includes('connection problem'), 60_000);
        const lostMs = Date.now() - cutAt;
        await lab.partition('h1', false);
        await slowCommon(lab, 'h2', 'pull', 1);
        const result = await run.done;
        const most = await sampler.stop();
        expect(result.code, result.stderr).toBe(0);
        expect(lost).toMatch(/Keepalive timeout|connection lost/i);
        expect(lostMs).toBeLessThan(60_000);
        expect(most).toBe(1);
        // the retry searched the manager for the run the broken connection left before it started again
        searchedBeforeStart(readJournal(deploymentFiles('flcut', home.env).journal).phases.get('kolla-pull')!.logPath);
        expect(events(result.stdout).find((e) => e.type === 'phase:end' && e.phase === 'kolla-pull')).toMatchObject({ status: 'ok' });
        process.stdout.write(`[faults] link cut: loss reported ${(lostMs / 1000).toFixed(1)} s after the cut\n`);
      } finally {
        await sampler?.stop().catch(() => undefined);
        await lab.partition('h1', false);
        await slowCommon(lab, 'h2', 'pull', null);
        await killOn(lab, 'h2', ['sleep 120']);
      }
    },
  );

  it(
    "the manager's sshd killed behind a jump host mid kolla-pull: lost within the bound, the process exits 1; resume completes, never two",
    { timeout: 300_000 },
    async () => {
      const home = homeDir();
      const jump = lab.hosts.find((h) => h.name === 'h2')!;
      const spec = labSpec(lab, 'fljump', ROLES);
      spec.ssh.jumpHost = `root@${jump.address}`;
      await seedPasswords(lab, 'fljump', home.env);
      await slowCommon(lab, 'h2', 'pull', 120);
      let sampler: ReturnType<typeof sampleKollaRuns> | null = null;
      let sshdDown = false;
      try {
        const run = cli(['apply', '--preset', presetFile(spec), '--yes', '--json', ...ONLY], home.env);
        await run.waitFor(pulling);
        const before = await pulls();
        const killedAt = Date.now();
        sshdDown = true;
        await lab.killSshd('h1');
        await run.waitFor((l) => l.includes('connection problem'), LOST_WITHIN_MS + 5_000);
        const lostMs = Date.now() - killedAt;
        const failed = await run.done;
        const exitMs = Date.now() - killedAt;
        expect(lostMs).toBeLessThan(LOST_WITHIN_MS + 5_000);
        expect(failed.code).toBe(1);
        expect(exitMs).toBeLessThan(EXIT_WITHIN_MS);
        expect(events(failed.stdout).find((e) => e.type === 'phase:end' && e.phase === 'kolla-pull')).toMatchObject({ status: 'failed' });

        await lab.startSshd('h1');
        sshdDown = false;
        await slowCommon(lab, 'h2', 'pull', 1);
        sampler = sampleKollaRuns(lab, 'h1', 'pull');
        const resumed = await cli(['resume', 'fljump', '--yes', '--json', ...ONLY], home.env).done;
        const most = await sampler.stop();
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(most).toBe(1);
        expect(events(resumed.stdout).find((e) => e.type === 'phase:end' && e.phase === 'kolla-pull')).toMatchObject({ status: 'ok' });
        // the killed run's pull and the resumed one: exactly one more
        expect((await pulls()) - before).toBe(1);
        process.stdout.write(
          `[faults] sshd killed behind a jump host: loss reported ${(lostMs / 1000).toFixed(1)} s after the kill, the process exited after ${(exitMs / 1000).toFixed(1)} s\n`,
        );
      } finally {
        await sampler?.stop().catch(() => undefined);
        if (sshdDown) await lab.startSshd('h1').catch(() => undefined);
        await slowCommon(lab, 'h2', 'pull', null);
        await killOn(lab, 'h2', ['sleep 120']);
      }
    },
  );
});
