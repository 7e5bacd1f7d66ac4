// Summary: how the run ended, the endpoints and where the credentials are (as the engine's summary
// phase printed them), the preset written, the logs, and what to do next.
import { Box, Text } from 'ink';
import { duration } from '../../report/format.js';
import { wrapText } from '../components/wrap.js';
import type { ScreenProps } from './types.js';

/** The Summary body (the last run's model is in the holder). */
export function SummaryScreen({ state, width, height, holder }: ScreenProps) {
  const snap = holder.model.snapshot(Date.now());
  const d = state.deploy;
  const name = state.spec.name;
  const status = d.outcome?.status ?? 'failed';
  const dry = d.request?.dryRun ?? false;
  const failedPhase = snap.phases.find((p) => p.status === 'failed');
  const head =
    d.error !== null
      ? { text: `✗ The deploy could not start: ${d.error}`, color: 'red' }
      : status === 'ok'
        ? {
            text: `✓ ${dry ? 'Dry run of' : 'Deployment'} ${name} finished in ${duration(snap.elapsedMs)} (${snap.phases.filter((p) => p.status === 'ok').length} phases ran, ${snap.phases.filter((p) => p.status === 'skipped').length} skipped)${dry ? '; nothing was changed' : ''}.`,
            color: 'green',
          }
        : status === 'cancelled'
          ? { text: `■ ${name} was stopped after ${duration(snap.elapsedMs)}; the journal knows where.`, color: 'yellow' }
          : {
              text: `✗ ${name} FAILED${failedPhase ? ` in "${failedPhase.title}"` : ''} after ${duration(snap.elapsedMs)}${failedPhase?.reason ? `: ${failedPhase.reason}` : ''}`,
              color: 'red',
            };
  const lines: { text: string; color?: string; bold?: boolean }[] = [];
  for (const l of wrapText(head.text, width - 2, 3)) lines.push({ text: l, color: head.color, bold: true });
  if (snap.summary.length > 0) {
    lines.push({ text: 'Endpoints and credentials:', bold: true });
    for (const s of snap.summary) for (const l of wrapText(s, width - 4)) lines.push({ text: `  ${l}` });
  }
  if (d.presetPath)
    lines.push({ text: `Preset written: ${d.presetPath}` }, { text: `  replay it with: osism-installer apply --preset ${d.presetPath}` });
  else if (d.presetError) lines.push({ text: `The preset could not be written: ${d.presetError}`, color: 'red' });
  if (d.outcome)
    lines.push(
      { text: `Logs: ${d.outcome.logsDir}` },
      { text: `State: ${d.outcome.stateDir} (passwords in ${d.outcome.passwordsFile}, mode 0600)` },
    );
  lines.push({ text: 'Next:', bold: true });
  if (dry)
    lines.push({
      text: `  review the commands above, then deploy: osism-installer apply --preset ${d.presetPath ?? `${name}.preset.yaml`}`,
    });
  else if (status === 'ok')
    lines.push({
      text: `  see the deployment: osism-installer status ${name}; add hosts later: osism-installer add-node --deployment ${name}`,
    });
  else lines.push({ text: `  after fixing the cause: osism-installer resume ${name} (finished phases are skipped)` });
  return (
    <Box flexDirection="column">
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} color={l.color} bold={l.bold} wrap="truncate-end">
          {' '}
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
