// The synthetic deploy the TUI bench feeds: 100 hosts (BENCH_TUI_HOST_COUNT), 2,000 output lines a second, as the engine
// would emit them for kolla-ansible runs (task headers, per-host results, info lines, a warning
// now and then), with a phase ending every second so finished phases go to <Static>.
import type { EngineEvent } from '../../src/types/events.js';

/** Hosts of the synthetic deployment (BENCH_TUI_HOST_COUNT, default 100; index.tsx runs 100 and 500). */
export const HOSTS = Array.from(
  { length: Number(process.env.BENCH_TUI_HOST_COUNT ?? 100) },
  (_, i) => `node${String(i + 1).padStart(3, '0')}`,
);
/** Output lines (events) per second. */
export const LINES_PER_SECOND = 2000;
/** How long the feed runs (10 s; BENCH_TUI_SECONDS for a longer look at the memory trend). */
export const FEED_SECONDS = Number(process.env.BENCH_TUI_SECONDS ?? 10);
/** Phases of the synthetic run: one ends every second. */
const PHASES = Array.from({ length: FEED_SECONDS + 2 }, (_, i) => ({ id: `phase-${i + 1}`, title: `Synthetic kolla phase ${i + 1}` }));
const ROLES = ['nova', 'neutron', 'keystone', 'glance', 'horizon', 'placement', 'mariadb', 'rabbitmq'];
const STATUSES = ['ok', 'changed', 'ok', 'ok', 'skipped'] as const;

/** The events of line number `n` (0-based) at time `at`; phase changes come with the first line of each second. */
export function eventsForLine(n: number, at: number): EngineEvent[] {
  const out: EngineEvent[] = [];
  const phaseNo = Math.floor(n / LINES_PER_SECOND);
  const phase = PHASES[phaseNo]!;
  if (n === 0) out.push({ type: 'run:start', at, deployment: 'bench', phases: PHASES, dryRun: false });
  if (n % LINES_PER_SECOND === 0) {
    if (phaseNo > 0) out.push({ type: 'phase:end', at, phase: PHASES[phaseNo - 1]!.id, status: 'ok', durationMs: 1000, logPath: null });
    out.push({
      type: 'phase:start',
      at,
      phase: phase.id,
      title: phase.title,
      hosts: HOSTS,
      index: phaseNo,
      total: PHASES.length,
      logPath: `/var/lib/bench/logs/${phase.id}.log`,
    });
  }
  const host = HOSTS[n % HOSTS.length]!;
  const role = ROLES[Math.floor(n / 200) % ROLES.length]!;
  if (n % 100 === 0) {
    out.push({ type: 'task', at, phase: phase.id, name: `Deploy ${role} containers (${n})`, role, handler: false });
    out.push({ type: 'progress', at, phase: phase.id, done: (n % LINES_PER_SECOND) / 100, total: LINES_PER_SECOND / 100 });
  } else if (n % 4 === 0) {
    out.push({ type: 'host:status', at, phase: phase.id, host, status: STATUSES[n % STATUSES.length]!, task: `Deploy ${role} containers` });
  } else if (n % 997 === 0) {
    out.push({ type: 'log', at, phase: phase.id, host, level: 'warn', line: `[WARNING]: ${role} on ${host}: deprecated option ${n}` });
  } else {
    out.push({
      type: 'log',
      at,
      phase: phase.id,
      host,
      level: 'info',
      line: `${host}: ${role} | item=${n} | {"changed": false, "image": "quay.io/osism/${role}:2025.1"}`,
    });
  }
  return out;
}

/** A plain text line for an event (what a naive tool writes straight to the terminal). */
export function plainLine(e: EngineEvent): string {
  switch (e.type) {
    case 'log':
      return e.line;
    case 'host:status':
      return `${e.status}: [${e.host}]`;
    case 'task':
      return `TASK [${e.role} : ${e.name}]`;
    case 'phase:start':
      return `PHASE ${e.title}`;
    case 'phase:end':
      return `PHASE ${e.phase} ${e.status}`;
    default:
      return e.type;
  }
}
