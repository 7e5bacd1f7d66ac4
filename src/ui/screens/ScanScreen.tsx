// Scan: one row per host (CPU, RAM, disks, NICs, virtualisation), errors inline, and the details
// of one host (d).
import { Box, Text } from 'ink';
import { TextCursor } from '../components/TextCursor.js';
import { Row } from '../components/Row.js';
import { Spinner } from '../components/Spinner.js';
import { fit, wrapText } from '../components/wrap.js';
import { cpuText, disksText, factsLines, nicsText, ramText, virtText } from '../state/facts-text.js';
import { windowStart } from '../state/list.js';
import { loginTargets } from '../state/screens/scan.js';
import type { ScreenProps } from './types.js';
import { SshSettingsForm } from '../components/SshSettingsForm.js';
import { sshForm } from '../state/ssh-settings.js';

/** The details of one host, scrolled so they fit. */
function Details({ state, width, height }: ScreenProps) {
  const name = state.scan.details!;
  const host = state.spec.hosts.find((h) => h.name === name);
  const f = state.facts[name];
  const status = state.scan.hosts[name];
  const lines = f
    ? factsLines(f)
    : wrapText(status?.error ?? (status?.status === 'scanning' ? 'still scanning…' : 'not scanned'), width - 2);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {' '}
        {name} ({host?.address ?? '?'}) · roles: {host?.roles.join(', ') || 'none yet'}
      </Text>
      {lines.slice(state.scan.detailScroll, state.scan.detailScroll + Math.max(height - 1, 1)).map((l, i) => (
        <Text key={i} wrap="truncate-end" color={f ? (/in use|NOT|missing|not collected/.test(l) ? 'yellow' : undefined) : 'red'}>
          {' '}
          {l}
        </Text>
      ))}
    </Box>
  );
}

/** The Scan body. */
export function ScanScreen(props: ScreenProps) {
  const { state, width, height } = props;
  if (state.scan.details !== null) return <Details {...props} />;
  const form = sshForm(state);
  if (form) return <SshSettingsForm form={form} width={width} />;
  const hosts = state.spec.hosts;
  const nameW = Math.min(Math.max(...hosts.map((h) => h.name.length), 4), 16);
  const listHeight = Math.max(height - 3, 1);
  const start = windowStart(state.scan.cursor, hosts.length, listHeight);
  const done = hosts.filter((h) => state.scan.hosts[h.name]?.status === 'done').length;
  const failed = hosts.filter((h) => state.scan.hosts[h.name]?.status === 'failed').length;
  const promptFor = state.scan.user !== null ? loginTargets(state).length : 0;
  const rest = Math.max(width - nameW - 4, 20);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {'  '}
        {fit('HOST', nameW)} {fit('CPU', 15)} {fit('RAM', 10)} {fit('DISKS', 22)} {fit('NICS', 9)} VIRT
      </Text>
      {hosts.slice(start, start + listHeight).map((h, i) => {
        const s = state.scan.hosts[h.name];
        const f = state.facts[h.name];
        const selected = start + i === state.scan.cursor;
        if (f && s?.status !== 'scanning') {
          return (
            <Row key={h.name} selected={selected}>
              {fit(h.name, nameW)} {fit(cpuText(f), 15)} {fit(ramText(f), 10)} {fit(disksText(f), 22)} {fit(nicsText(f), 9)} {virtText(f)}
            </Row>
          );
        }
        if (s?.status === 'failed') {
          return (
            <Row key={h.name} selected={selected}>
              {fit(h.name, nameW)} <Text color="red">✗ {fit(s.error ?? 'failed', rest - 2)}</Text>
            </Row>
          );
        }
        return (
          <Row key={h.name} selected={selected}>
            {fit(h.name, nameW)} {s?.status === 'scanning' ? <Spinner /> : ' '}{' '}
            <Text dimColor>{s?.status === 'scanning' ? `scanning ${h.address}…` : 'waiting'}</Text>
          </Row>
        );
      })}
      <Text> </Text>
      <Text wrap="truncate-end">
        {state.scan.running ? (
          <>
            {'  '}
            <Spinner /> {done} of {hosts.length} scanned
          </>
        ) : (
          `  ${done} of ${hosts.length} scanned${failed > 0 ? `, ${failed} failed (c: SSH settings, r: rescan)` : ''}${done > 0 ? '; d shows the details of a host' : ''}`
        )}
      </Text>
      {state.scan.user !== null ? (
        <Text wrap="truncate-end">
          {'  '}Login user for {promptFor === hosts.length ? 'every host' : `the ${promptFor} host(s) not scanned`}:{' '}
          <Text bold>{state.scan.user.value}</Text>
          <TextCursor />
          <Text dimColor> (not root: sudo -n)</Text>
        </Text>
      ) : null}
    </Box>
  );
}
