// The text captures of docs/ui.md: the guided flow walked by keys at 80x24 over the fake services
// (six lab-like hosts, a deploy fed synthetic events), each screen written as a Markdown block.
// Not a test (it asserts nothing). Run: env -u CI FORCE_COLOR=0 npx tsx test/unit/ui/helpers/captures.tsx OUT.md
import { writeFileSync } from 'node:fs';
import { defaultSpec } from '../../../../src/spec/index.js';
import type { EngineEvent } from '../../../../src/types/events.js';
import { fakeServices, hostFacts, sshHost } from './fakes.js';
import { driveApp, KEYS } from './render.js';

const file = process.argv[2] ?? 'ui-captures.md';

const out: string[] = [];
/** Adds one capture (trailing blanks trimmed) and rewrites the file, so a failure keeps what came before. */
function cap(title: string, frame: string): void {
  const text = frame
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n');
  out.push(`### ${title}\n\n\`\`\`text\n${text}\n\`\`\`\n`);
  writeFileSync(file, out.join('\n'));
}
/** Lets the clock-driven Deploy screen redraw (captures only; tests wait for conditions). */
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Walks the flow and writes every capture. */
async function main(): Promise<void> {
  const facts = {
    ctl1: hostFacts('ctl1', '10.0.0.11', { threads: 32, ramGiB: 128 }),
    ctl2: hostFacts('ctl2', '10.0.0.12', { threads: 32, ramGiB: 128 }),
    ctl3: hostFacts('ctl3', '10.0.0.13', { threads: 32, ramGiB: 128 }),
    cmp1: hostFacts('cmp1', '10.0.0.21', { threads: 64, ramGiB: 512, freeDisks: 1 }),
    cmp2: hostFacts('cmp2', '10.0.0.22', { threads: 64, ramGiB: 512, freeDisks: 1 }),
    cmp3: hostFacts('cmp3', '10.0.0.23', { threads: 64, ramGiB: 512, freeDisks: 1 }),
  };
  const found = [
    sshHost('10.0.0.11', 'ctl1', 'known'),
    sshHost('10.0.0.12', 'ctl2', 'known'),
    sshHost('10.0.0.13', 'ctl3'),
    sshHost('10.0.0.21', 'cmp1', 'known'),
    sshHost('10.0.0.22', 'cmp2', 'known'),
    sshHost('10.0.0.23', 'cmp3', 'known'),
  ];
  const { services, log } = fakeServices({ discover: { '10.0.0.11-13': found.slice(0, 3), '10.0.0.21-23': found.slice(3) }, facts });
  const d = await driveApp(services, { spec: defaultSpec() });
  cap('Welcome', d.frame());
  await d.press(KEYS.enter, (x) => x.includes('1 found'));
  await d.press(KEYS.tab, (x) => x.includes('› Targets'));
  for (let i = 0; i < 5; i++) await d.press(KEYS.backspace);
  for (const c of '10.0.0.11-13 10.0.0.21-23') await d.press(c);
  await d.press(KEYS.enter, (x) => x.includes('6 found'));
  await d.press(KEYS.down);
  await d.press(KEYS.down);
  await wait(50);
  cap('Discover', d.frame());
  await d.press('a', (x) => !x.includes('? ed25519'));
  await d.press(KEYS.enter, (x) => x.includes('6 of 6 scanned'));
  await wait(50);
  cap('Scan', d.frame());
  await d.press('d', (x) => x.includes('roles:'));
  cap('Scan: details of a host (d)', d.frame());
  await d.press(KEYS.escape, (x) => x.includes('HOST'));
  await d.press(KEYS.enter, (x) => x.includes('Roles'));
  cap('Roles', d.frame());
  await d.press(KEYS.enter, (x) => x.includes('Services'));
  for (let i = 0; i < 10; i++) await d.press(KEYS.down);
  await d.press(' ');
  cap('Services', d.frame());
  await d.press(KEYS.enter, (x) => x.includes('Backends'));
  for (let i = 0; i < 3; i++) await d.press(KEYS.down);
  await d.press(KEYS.right, (x) => x.includes('Ceph replicas'));
  for (let i = 0; i < 5; i++) await d.press(KEYS.down);
  cap('Backends with the OSD picker', d.frame());
  await d.press(KEYS.enter, (x) => x.includes('Network'));
  for (const c of '10.0.0.250') await d.press(c);
  cap('Network', d.frame());
  await d.press(KEYS.enter, (x) => x.includes('Review'));
  await d.see('Files 2');
  cap('Review', d.frame());
  await d.press(KEYS.enter, (x) => x.includes('[y/N]'));
  cap('Review: the confirmation', d.frame());
  await d.press('y', () => log.running !== null);
  const T0 = Date.now() - 754_000;
  const hosts = ['ctl1', 'ctl2', 'ctl3', 'cmp1', 'cmp2', 'cmp3'];
  const phases = [
    { id: 'connect', title: 'Connect to the hosts' },
    { id: 'bootstrap', title: 'Bootstrap the hosts' },
    { id: 'ceph', title: 'Deploy Ceph' },
    { id: 'prechecks', title: 'kolla-ansible prechecks' },
    { id: 'deploy', title: 'Deploy the OpenStack services' },
    { id: 'post-deploy', title: 'Post-deploy' },
    { id: 'summary', title: 'Summary' },
  ];
  const send = (...e: EngineEvent[]) => e.forEach((x) => log.running!.sink(x));
  send({ type: 'run:start', at: T0, deployment: 'all-in-one', phases, dryRun: false });
  let at = T0;
  for (const [i, p] of phases.slice(0, 4).entries()) {
    send({
      type: 'phase:start',
      at,
      phase: p.id,
      title: p.title,
      hosts,
      index: i,
      total: 7,
      logPath: `/root/.local/state/osism-installer/all-in-one/logs/0${i + 1}-${p.id}.log`,
    });
    const dur = [4000, 182_000, 311_000, 95_000][i]!;
    at += dur;
    send({ type: 'phase:end', at, phase: p.id, status: 'ok', durationMs: dur, logPath: null });
  }
  send({
    type: 'phase:start',
    at,
    phase: 'deploy',
    title: 'Deploy the OpenStack services',
    hosts,
    index: 4,
    total: 7,
    logPath: '/root/.local/state/osism-installer/all-in-one/logs/05-deploy.log',
  });
  send({ type: 'progress', at: at + 1000, phase: 'deploy', done: 10, total: 412 });
  send({ type: 'progress', at: at + 150_000, phase: 'deploy', done: 160, total: 412 });
  send({ type: 'task', at: at + 150_000, phase: 'deploy', name: 'Running nova-api bootstrap container', role: 'nova', handler: false });
  for (const h of hosts.slice(0, 3)) send({ type: 'host:status', at: at + 150_000, phase: 'deploy', host: h, status: 'running' });
  for (const h of hosts.slice(3))
    send({
      type: 'host:status',
      at: at + 150_000,
      phase: 'deploy',
      host: h,
      status: 'ok',
      task: 'nova : Copying over config.json files for services',
    });
  send({ type: 'log', at: at + 150_000, phase: 'deploy', host: 'ctl1', level: 'info', line: 'changed: [ctl1] => (item=nova-api)' });
  await wait(400);
  cap('Deploy (finished phases above, printed once; the live area below)', d.frame().split('\n').slice(-24).join('\n'));
  at += 300_000;
  send({ type: 'phase:end', at, phase: 'deploy', status: 'ok', durationMs: 300_000, logPath: null });
  send({ type: 'phase:start', at, phase: 'post-deploy', title: 'Post-deploy', hosts: ['ctl1'], index: 5, total: 7, logPath: null });
  send({ type: 'phase:end', at: at + 20_000, phase: 'post-deploy', status: 'ok', durationMs: 20_000, logPath: null });
  send({ type: 'phase:start', at: at + 20_000, phase: 'summary', title: 'Summary', hosts: [], index: 6, total: 7, logPath: null });
  for (const l of [
    'Horizon: https://10.0.0.250 (user admin)',
    'Keystone: https://10.0.0.250:5000/v3',
    'admin password: keystone_admin_password in /root/.local/state/osism-installer/all-in-one/passwords.yml (0600)',
    'clouds.yaml: /etc/kolla/clouds.yaml on ctl1',
  ])
    send({ type: 'log', at: at + 20_000, phase: 'summary', host: null, level: 'info', line: l });
  send({ type: 'phase:end', at: at + 21_000, phase: 'summary', status: 'ok', durationMs: 1000, logPath: null });
  send({ type: 'run:end', at: at + 21_000, status: 'ok', durationMs: at + 21_000 - T0 });
  log.running!.finish('ok');
  await d.see('Preset written');
  cap('Summary', d.frame().split('\n').slice(-24).join('\n'));
  d.unmount();
}

await main();
process.exit(0);
