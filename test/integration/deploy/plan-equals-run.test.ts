// `plan` is what `apply` runs, held against the lab: the stand-ins (test/standins) record every call
// on each lab host (calls.jsonl); the plan of the same preset, read with a real shell parser, must
// call the same stand-ins with the same arguments in the same order on each host, and nothing else.
// `apply --dry-run` must print the plan's commands. The real CLI runs as a child process throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedPhase } from '../../../src/deploy/types.js';
import { startDeployLab, STANDINS, type DeployLab } from './support/lab.js';
import { cli, events, homeDir, labSpec, presetFile, standinCalls } from './support/run.js';
import { shellCalls } from './support/shell-calls.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('pr', 3);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

/** A stand-in call as `tool arg arg ...` (JSON-quoted words, so spaces inside an argument show). */
function callText(tool: string, argv: string[]): string {
  return [tool, ...argv].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}

/** A planned call as a pattern: each (quoted) `<output of: ...>` argument and each redacted secret (`********`) matches one word, the rest itself. */
function placeholderPattern(text: string): RegExp {
  const parts = text.split(/"<output of: [^>]*>"|<output of: [^>]*>|"\*{8}"|\*{8}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('\\S+')}$`);
}

/** A plan line that is no shell command: an upload (`upload PATH (mode 0NNN)`). */
const UPLOAD = /^upload \S+ \(mode 0[0-7]+\)$/;

/** The stand-in calls a plan makes on each host, in order; phases the run's probe skipped keep only their probe. */
function plannedCalls(phases: PlannedPhase[], probeSkipped: Set<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of phases) {
    if (p.skip) continue;
    for (const group of [...p.probe, ...(probeSkipped.has(p.id) ? [] : p.commands)])
      for (const line of group.commands.filter((l) => !UPLOAD.test(l)))
        for (const call of shellCalls(line)) {
          const tool = call.program.split('/').at(-1)!;
          if (STANDINS.includes(tool)) out.set(group.host, [...(out.get(group.host) ?? []), callText(tool, call.argv)]);
        }
  }
  return out;
}

describe('plan equals apply on the lab', () => {
  // A first install with Ceph, Octavia, a manager service, Netdata and Rally (every stand-in but gluster):
  // the whole test measured 326 s at load average 21 on the shared 2 cores (the apply is most of it).
  it(
    'calls every stand-in the plan lists, with the same arguments, in order on each host, and no other',
    { timeout: 540_000 },
    async () => {
      const home = homeDir();
      const spec = labSpec(
        lab,
        'prfull',
        { h1: ['manager', 'control', 'network', 'monitoring'], h2: ['compute', 'storage'], h3: ['compute', 'storage'] },
        {
          services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon', 'octavia', 'homer', 'netdata', 'rally'],
          backends: { ...labSpec(lab, 'x', { h1: ['manager'] }).backends, storage: 'ceph' },
        },
      );
      const preset = presetFile(spec);

      const planned = await cli(['plan', '--preset', preset, '--json'], home.env).done;
      expect(planned.code, planned.stderr).toBe(0);
      const plan = (JSON.parse(planned.stdout) as { phases: PlannedPhase[] }).phases;

      // --dry-run prints the plan's commands, phase by phase
      const dry = await cli(['apply', '--preset', preset, '--dry-run', '--json'], home.env).done;
      expect(dry.code, dry.stderr).toBe(0);
      const wouldRun = events(dry.stdout).flatMap((e) =>
        e.type === 'log' && typeof e.line === 'string' && /^would (run|probe): /.test(e.line) ? [`${e.phase} ${e.host}: ${e.line}`] : [],
      );
      expect(wouldRun).toEqual(
        plan.flatMap((p) => [
          ...p.probe.flatMap((g) => g.commands.map((c) => `${p.id} ${g.host}: would probe: ${c}`)),
          ...p.commands.flatMap((g) => g.commands.map((c) => `${p.id} ${g.host}: would run: ${c}`)),
        ]),
      );
      for (const h of lab.hosts) expect(await standinCalls(lab, h.name), `${h.name} after plan and dry run`).toEqual([]);

      const applied = await cli(['apply', '--preset', preset, '--yes', '--json'], home.env).done;
      expect(applied.code, applied.stderr).toBe(0);
      const ends = events(applied.stdout).filter((e) => e.type === 'phase:end');
      // what the plan skips the run skips; a phase the plan runs is skipped only by its probe on the hosts
      const skippedByRun = new Set(ends.filter((e) => e.status === 'skipped').map((e) => e.phase as string));
      const probeSkipped = new Set(plan.filter((p) => !p.skip && skippedByRun.has(p.id)).map((p) => p.id));
      expect(plan.filter((p) => p.skip).map((p) => p.id)).toEqual([...skippedByRun].filter((id) => !probeSkipped.has(id)));
      for (const id of probeSkipped) expect(plan.find((p) => p.id === id)!.probe, id).not.toEqual([]);

      const want = plannedCalls(plan, probeSkipped);
      expect([...want.values()].flat().length).toBeGreaterThan(20);
      for (const h of lab.hosts) {
        const seen = (await standinCalls(lab, h.name)).map((c) => callText(c.tool, c.argv));
        const planned = want.get(h.name) ?? [];
        expect(seen.length, `${h.name}: ${seen.join('\n')}`).toBe(planned.length);
        // an argument the plan could only show as `<output of: ...>` (a host's own name) is any one word in the run
        for (const [i, call] of seen.entries()) expect(call, `${h.name} #${i}`).toMatch(placeholderPattern(planned[i]!));
      }
    },
  );
});
