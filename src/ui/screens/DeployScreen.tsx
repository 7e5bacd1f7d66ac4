// Deploy: finished phases, failures and warnings go to ink <Static> (components/DeployStatic, at the
// root; written once, kept in the scrollback); the live area below stays small whatever the terminal height: the current phase
// with done/total and ETA, the task, the host grid, the last lines of output, a stall warning,
// elapsed time and the log path. It redraws on the shared clock, not per event.
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { duration } from '../../report/format.js';
import { KeyHints } from '../components/KeyHints.js';
import { Spinner } from '../components/Spinner.js';
import { fit, wrapText } from '../components/wrap.js';
import { useClock } from '../hooks/clock.js';
import type { DeployModel } from '../state/deploy-model.js';
import type { WizardState } from '../state/types.js';
import { deployScreen } from '../state/screens/deploy.js';
import { GLOBAL_HELP } from './hints.js';
import { countsLine, gridLines } from './host-grid.js';

/** Most rows the live area ever takes (it must stay well below the terminal's height). */
export const LIVE_MAX_ROWS = 16;

/** Props of the Deploy screen. */
export interface DeployScreenProps {
  /** Holder of the current run's model (replaced when a run starts). */
  holder: { model: DeployModel };
  state: WizardState;
  width: number;
  rows: number;
  /** Clock for elapsed times (tests pass a fixed one). */
  now?: () => number;
}

/** A progress bar of `width` cells. */
function bar(done: number, total: number, width: number): string {
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(Math.max(width - filled, 0))}`;
}

/** The Deploy screen (Static above, live area below). */
export function DeployScreen({ holder, state, width, rows, now = Date.now }: DeployScreenProps) {
  useClock(); // redraw on the shared clock: events only update the model
  const snap = holder.model.snapshot(now());
  const budget = Math.max(Math.min(rows - 2, LIVE_MAX_ROWS), 6);
  const c = snap.current;
  const lines: ReactElement[] = [];
  const title = `${snap.dryRun ? 'Dry run of' : snap.verb} ${snap.deployment || state.spec.name}`;
  lines.push(
    <Text key="head" bold wrap="truncate-end">
      {title} · phase {c ? c.index + 1 : snap.done}/{snap.total || '?'} · {snap.done} done · elapsed {duration(snap.elapsedMs)}
      {state.deploy.status === 'cancelling' ? ' · STOPPING' : ''}
    </Text>,
  );
  if (c) {
    const p = c.progress;
    lines.push(
      <Text key="cur" wrap="truncate-end">
        <Spinner /> {c.title}
        {p ? `  ${bar(p.done, p.total, 16)} ${p.done}/${p.total}` : ''} · {duration(c.elapsedMs)}
        {p ? (c.etaMs !== null ? ` · ETA ~${duration(c.etaMs)} (this phase)` : ' · ETA unknown yet') : ''}
      </Text>,
    );
    lines.push(
      <Text key="task" dimColor wrap="truncate-end">
        {'  '}task: {c.task ?? '—'}
      </Text>,
    );
  } else if (snap.status === 'starting') {
    lines.push(
      <Text key="cur">
        <Spinner /> preparing (rendering the files, taking the lock)…
      </Text>,
    );
  }
  const modal = state.modal;
  const fixed = lines.length + 3; // log path, message, hints
  let free = budget - fixed;
  if (modal === 'quit' || modal === 'help') {
    const text =
      modal === 'quit'
        ? [
            `Stop the deploy of ${state.spec.name}? The running phase is cancelled and its commands signalled; the journal stays consistent.`,
            `Continue later with: osism-installer resume ${state.spec.name}   [y] stop  [n] keep going`,
          ]
        : [
            ...GLOBAL_HELP.map(([k, l]) => `${k}: ${l}`),
            'Finished phases and failures are printed above; full output is in the log files.',
          ];
    for (const [i, l] of text
      .flatMap((t) => wrapText(t, width - 2))
      .slice(0, Math.max(free, 2))
      .entries()) {
      lines.push(
        <Text key={`m${i}`} color={modal === 'quit' ? 'yellow' : undefined} bold={modal === 'quit'} wrap="truncate-end">
          {l}
        </Text>,
      );
    }
  } else if (c) {
    const counts = countsLine(snap.counts);
    if (counts && free > 0) {
      lines.push(
        <Text key="counts" wrap="truncate-end">
          {'  '}hosts: {counts}
        </Text>,
      );
      free -= 1;
    }
    const tailRows = Math.min(snap.tail.length, Math.max(free - 3, 1));
    const grid = gridLines(snap.hosts, width - 2, Math.min(3, Math.max(free - tailRows, 0)));
    for (const [i, g] of (grid ?? []).entries()) {
      lines.push(
        <Text key={`g${i}`} wrap="truncate-end">
          {'  '}
          {g}
        </Text>,
      );
    }
    free -= grid?.length ?? 0;
    if (!grid) {
      const attention = snap.hosts.filter((h) => h.status === 'failed' || h.status === 'unreachable').map((h) => h.name);
      if (attention.length > 0 && free > tailRows) {
        lines.push(
          <Text key="att" color="red" wrap="truncate-end">
            {'  '}attention: {attention.slice(0, 20).join(', ')}
            {attention.length > 20 ? ` and ${attention.length - 20} more` : ''}
          </Text>,
        );
        free -= 1;
      }
    }
    for (const [i, t] of snap.tail.slice(-Math.max(Math.min(tailRows, free - (snap.stall ? 1 : 0)), 0)).entries()) {
      lines.push(
        <Text key={`t${i}`} dimColor wrap="truncate-end">
          {'  │ '}
          {fit(t, width - 4)}
        </Text>,
      );
    }
  }
  if (snap.stall && !modal) {
    lines.push(
      <Text key="stall" color="yellow" bold wrap="truncate-end">
        ! no output for {duration(snap.stall.silentMs)}
        {snap.stall.task ? ` in "${snap.stall.task}"` : ''}; still waiting (q stops cleanly)
      </Text>,
    );
  }
  const logPath = c?.logPath ?? snap.lastLogPath;
  lines.push(
    <Text key="log" dimColor wrap="truncate-start">
      log: {logPath ?? (snap.dryRun ? 'none (dry run)' : '—')}
    </Text>,
  );
  lines.push(
    <Text
      key="msg"
      color={state.message?.tone === 'error' ? 'red' : state.message?.tone === 'warn' ? 'yellow' : 'cyan'}
      wrap="truncate-end"
    >
      {state.message?.text ?? ' '}
    </Text>,
  );
  return (
    <Box flexDirection="column" width={width}>
      {lines.slice(0, budget - 1)}
      <KeyHints hints={deployScreen.hints(state)} width={width} />
    </Box>
  );
}
