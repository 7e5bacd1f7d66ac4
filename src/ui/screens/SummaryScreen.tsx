// Summary: how the run ended, the endpoints and where the credentials are (as the engine's summary
// phase printed them), the preset written, the logs, and what to do next. A failed run shows the
// failing host, task, message and the phase's log first, so they stay on screen at 80x24 (the lines
// printed above scroll away); every line is wrapped, never cut.
import { Box, Text } from 'ink';
import { duration } from '../../report/format.js';
import { wrapText } from '../components/wrap.js';
import { runNoun, type DeploySnapshot } from '../state/deploy-model.js';
import type { WizardState } from '../state/types.js';
import type { ScreenProps } from './types.js';

/** One line of the Summary. */
interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

/** Failures shown one by one; the rest are counted (every one is in the phase log). */
const SHOWN_FAILURES = 3;

/** The lines of the Summary, most important first within each block; `width` is the usable width. */
export function summaryLines(state: WizardState, snap: DeploySnapshot, width: number): { first: Line[]; rest: Line[] } {
  const d = state.deploy;
  const name = state.spec.name;
  const status = d.outcome?.status ?? 'failed';
  const dry = d.request?.dryRun ?? false;
  const failedPhase = snap.phases.find((p) => p.status === 'failed');
  const wrap = (text: string, indent: string, style: Omit<Line, 'text'> = {}, max = Infinity): Line[] =>
    wrapText(text, width - indent.length, max).map((l, i) => ({ ...style, text: `${i === 0 ? indent : indent.replace(/./g, ' ')}${l}` }));
  const head =
    d.error !== null
      ? { text: `✗ The deploy could not start: ${d.error}`, color: 'red' }
      : status === 'ok'
        ? {
            text: `✓ ${dry ? 'Dry run of' : runNoun(d.request?.flow ?? 'install')} ${name} finished in ${duration(snap.elapsedMs)} (${snap.phases.filter((p) => p.status === 'ok').length} phases ran, ${snap.phases.filter((p) => p.status === 'skipped').length} skipped)${dry ? '; nothing was changed' : ''}.`,
            color: 'green',
          }
        : status === 'cancelled'
          ? { text: `■ ${name} was stopped after ${duration(snap.elapsedMs)}; the journal knows where.`, color: 'yellow' }
          : {
              text: `✗ ${name} FAILED${failedPhase ? ` in "${failedPhase.title}"` : ''} after ${duration(snap.elapsedMs)}${failedPhase?.reason ? `: ${failedPhase.reason}` : ''}`,
              color: 'red',
            };
  const first: Line[] = wrap(head.text, '', { color: head.color, bold: true }, 4);
  if (failedPhase) {
    for (const f of failedPhase.failures.slice(0, SHOWN_FAILURES))
      first.push(...wrap(`✗ ${f.host}${f.task ? `, task "${f.task}"` : ''}: ${f.message}`, '  ', { color: 'red' }, 6));
    const more = failedPhase.failures.length - SHOWN_FAILURES;
    if (more > 0) first.push(...wrap(`and ${more} more host(s): see the log`, '  '));
    if (failedPhase.logPath) first.push(...wrap(`log: ${failedPhase.logPath}`, '  '));
  }
  first.push({ text: 'Next:', bold: true });
  if (dry) {
    first.push(...wrap('review the commands above; Esc goes back to Review, where Enter deploys (asks first)', '  '));
    first.push(...wrap(`or later, unattended: osism-installer apply --preset ${d.presetPath ?? `${name}.preset.yaml`}`, '  '));
  } else if (status === 'ok')
    first.push(
      ...wrap(`see the deployment: osism-installer status ${name}; add hosts later: osism-installer add-node --deployment ${name}`, '  '),
    );
  else first.push(...wrap(`after fixing the cause: osism-installer resume ${name} (finished phases are skipped)`, '  '));

  const rest: Line[] = [];
  if (snap.summary.length > 0) {
    rest.push({ text: 'Endpoints and credentials:', bold: true });
    for (const s of snap.summary) rest.push(...wrap(s, '  '));
  }
  if (d.presetPath)
    rest.push(
      ...wrap(`Preset written: ${d.presetPath}`, ''),
      ...wrap(`replay it with: osism-installer apply --preset ${d.presetPath}`, '  '),
    );
  else if (d.presetError) rest.push(...wrap(`The preset could not be written: ${d.presetError}`, '', { color: 'red' }));
  // a dry run wrote no log and no state: nothing to point at
  if (d.outcome && !dry)
    rest.push(
      ...wrap(`Logs: ${d.outcome.logsDir}`, ''),
      ...wrap(`State: ${d.outcome.stateDir} (passwords in ${d.outcome.passwordsFile}, mode 0600)`, ''),
    );
  return { first, rest };
}

/**
 * The Summary's lines in `height` rows. After a success: the result, the endpoints and paths as far as
 * they fit (the number left out said), then "Next:" whole; after a failure: the failure and the way on
 * first, then the rest as far as it fits.
 */
export function summaryFitted(first: Line[], rest: Line[], ok: boolean, height: number): Line[] {
  if (!ok) return [...first, ...rest].slice(0, height);
  const at = first.findIndex((l) => l.text === 'Next:');
  const head = at < 0 ? first : first.slice(0, at);
  const next = at < 0 ? [] : first.slice(at);
  const room = height - head.length - next.length;
  if (rest.length <= room) return [...head, ...rest, ...next];
  const kept = rest.slice(0, Math.max(room - 1, 0));
  const cut = { text: `… ${rest.length - kept.length} more line(s): a taller terminal shows them` };
  return [...head, ...kept, ...(room > 0 ? [cut] : []), ...next].slice(0, height);
}

/** The Summary body: what went wrong and what to do next first; the rest as far as the height allows. */
export function SummaryScreen({ state, width, height, holder }: ScreenProps) {
  const snap = holder.model.snapshot(Date.now());
  const { first, rest } = summaryLines(state, snap, width - 1);
  const lines = summaryFitted(first, rest, state.deploy.outcome?.status === 'ok', height);
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} color={l.color} bold={l.bold} wrap="truncate-end">
          {' '}
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
