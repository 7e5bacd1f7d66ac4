// Runs one kolla-ansible command on the manager and turns its live output into events: the
// streaming parser feeds the play tracker (progress over the expected plays, current task,
// per-host status, failures), a stall watch warns when a task prints nothing for a while.
import { AnsibleOutputParser } from '../ansible-output/parser.js';
import { PlayTracker } from '../ansible-output/tracker.js';
import { managerHost } from '../connections.js';
import { tail } from '../phase-run.js';
import { watchStall } from '../stall.js';
import { PhaseFailure, type PhaseRun } from '../types.js';
import { kollaCommandLine } from './command.js';
import { expectedPlays } from './plays.js';

/** Runs `kolla-ansible <command>` (with --limit when given); throws PhaseFailure on a non-zero exit. */
export async function runKolla(run: PhaseRun, command: string, limit: string[] | null, extra: string[] = []): Promise<void> {
  const { spec } = run.ctx;
  const manager = managerHost(spec).name;
  const tracker = new PlayTracker(run.phase, expectedPlays(command, spec.release));
  const parser = new AnsibleOutputParser();
  const stall = watchStall(run.ctx.options.stallMs, (silentMs) =>
    run.emit({ type: 'stall', phase: run.phase, task: tracker.task, silentMs }),
  );
  const feed = (chunk: string): void => {
    stall.touch();
    for (const line of parser.push(chunk)) for (const event of tracker.apply(line)) run.emit(event);
  };
  run.progress(0, tracker.total);
  let result;
  try {
    result = await run.exec(manager, kollaCommandLine(spec, command, limit, extra), {
      task: `kolla-ansible ${command}`,
      onStdout: feed,
      // ansible writes warnings and some errors to stderr; they are parsed the same way
      onStderr: feed,
    });
  } finally {
    stall.stop();
  }
  for (const line of parser.end()) for (const event of tracker.apply(line)) run.emit(event);
  if (result.code === 0) {
    for (const event of tracker.finish(true)) run.emit(event);
    return;
  }
  const failures =
    tracker.failures.length > 0
      ? tracker.failures
      : [
          {
            host: manager,
            task: tracker.task,
            message: tracker.errors.at(-1) ?? (tail(result.stderr, 3) || tail(result.stdout, 3) || `exit code ${result.code}`),
          },
        ];
  throw new PhaseFailure(`kolla-ansible ${command} exited ${result.code ?? `on signal ${result.signal}`}`, failures);
}
