// Welcome: what the installer does, the menu, the preset path, or the list of saved deployments;
// problems of a preset that could not be opened are listed with file:line:col. The lists are drawn
// from the state (their keys are the reducer's: state/screens/welcome.ts).
import { TextCursor } from '../components/TextCursor.js';
import { Box, Text } from 'ink';
import { PointerList } from '../components/PointerList.js';
import { severityMark } from '../components/FindingLines.js';
import { Spinner } from '../components/Spinner.js';
import { wrapText } from '../components/wrap.js';
import { WELCOME_CHOICES } from '../state/screens/welcome.js';
import type { ScreenProps } from './types.js';
import type { PickPurpose } from '../state/types.js';

/** The question over the deployment list, per purpose. */
const PICK_TITLES: Record<PickPurpose, string> = {
  resume: 'Resume which deployment?',
  'add-node': 'Add hosts to which deployment?',
  'remove-node': 'Remove hosts from which deployment?',
  upgrade: 'Upgrade which deployment?',
  reconfigure: 'Change the services or settings of which deployment?',
  'replace-node': 'Replace a node of which deployment?',
};

/** The Welcome body. */
export function WelcomeScreen({ state, width, height }: ScreenProps) {
  const w = state.welcome;
  // The menu is always shown whole. On a short terminal the "Default:" line goes first, then intro lines
  // (the body is clipped at its height: what does not fit would be cut at random, not where we choose).
  const menuRows = WELCOME_CHOICES.length;
  const showDefault = height >= 3 + 1 + menuRows + 2;
  const introRows = showDefault ? 3 : Math.min(3, Math.max(height - menuRows - 1, 0));
  const intro =
    introRows === 0
      ? []
      : wrapText(
          'This installer takes Linux hosts to an OpenStack cloud deployed by kolla-ansible with the OSISM service architecture. ' +
            'Nothing is changed on any host before the Review screen, and only after you confirm there.',
          width - 2,
          introRows,
        );
  if (w.mode === 'preset-path') {
    const problems = w.findings.filter((f) => f.severity !== 'pass');
    const file = w.presetPath.value.trim();
    // the path is in the field above: a problem names only line:col in it (the path once), wrapped, never cut
    const lines: { text: string; color: string }[] = [];
    for (const f of problems) {
      const { mark, color } = severityMark(f.severity);
      const where = f.location ? `${f.location.file === file ? '' : `${f.location.file}:`}${f.location.line}:${f.location.col} ` : '';
      for (const [i, l] of wrapText(`${mark} ${where}${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}`, width - 4).entries())
        lines.push({ text: i === 0 ? l : `  ${l}`, color });
    }
    const room = Math.max(height - 3, 1);
    const shown =
      lines.length > room ? [...lines.slice(0, room - 1), { text: `… ${lines.length - room + 1} more line(s)`, color: 'gray' }] : lines;
    return (
      <Box flexDirection="column">
        <Text> Open a preset (YAML; its answers are taken, only what is missing is asked):</Text>
        <Text wrap="truncate-start">
          {' '}
          Preset file: <Text bold>{w.presetPath.value}</Text>
          <TextCursor />
        </Text>
        {w.busy ? (
          <Text>
            {' '}
            <Spinner /> reading…
          </Text>
        ) : null}
        {shown.map((l, i) => (
          <Text key={i} wrap="truncate-end" color={l.color}>
            {' '}
            {l.text}
          </Text>
        ))}
      </Box>
    );
  }
  if (w.mode === 'confirm-resume' && w.resume) {
    const { spec } = w.resume;
    const saved = (w.deployments ?? []).find((d) => d.name === spec.name);
    const last = saved ? `Last run: ${saved.lastVerb ?? 'run'} ${saved.lastStatus ?? 'never finished'}.` : '';
    const text = [
      `Resume ${spec.name} (${spec.release}) on ${spec.hosts.length} host(s): ${spec.hosts.map((h) => h.name).join(', ')}.`,
      `${last} Phases that finished with unchanged inputs are skipped; the first unfinished one runs again from its start, and that changes the hosts.`,
    ];
    return (
      <Box flexDirection="column">
        {text.flatMap((t, j) => wrapText(t, width - 2).map((line, i) => <Text key={`${j}-${i}`}> {line}</Text>))}
        <Text> </Text>
        <Text bold> Resume {spec.name} now? [y/N]</Text>
      </Box>
    );
  }
  if (w.mode === 'pick-deployment') {
    const items = (w.deployments ?? []).map((d) => ({
      key: d.name,
      label: `${d.name.padEnd(20)} ${String(d.hosts.length).padStart(3)} host(s)  ${d.release}  last: ${d.lastStatus ?? 'never finished'}${d.lastVerb ? ` (${d.lastVerb})` : ''}`,
    }));
    return (
      <Box flexDirection="column">
        <Text> {PICK_TITLES[w.pickFor ?? 'resume']} (Esc: menu)</Text>
        {w.busy ? (
          <Text>
            {' '}
            <Spinner /> loading…
          </Text>
        ) : (
          <PointerList items={items} cursor={w.listCursor} limit={Math.max(height - 2, 3)} />
        )}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {intro.map((line, i) => (
        <Text key={i}> {line}</Text>
      ))}
      {intro.length > 0 ? <Text> </Text> : null}
      <PointerList items={WELCOME_CHOICES.map((c) => ({ key: c.value, label: c.label }))} cursor={w.cursor} />
      {showDefault ? (
        <>
          <Text> </Text>
          <Text dimColor wrap="truncate-end">
            {' '}
            Default: {state.spec.hosts.map((h) => (h.address === 'local' ? 'this machine (local)' : h.address)).join(', ')}
            {state.spec.hosts.length === 1 ? ' as an all-in-one' : ''}; the next screen changes it.
          </Text>
        </>
      ) : null}
    </Box>
  );
}
