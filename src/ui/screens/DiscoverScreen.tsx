// Discover: the targets line, live results with host key fingerprints, and the full key of the
// selected host with what to compare it against.
import { TextCursor } from '../components/TextCursor.js';
import { Box, Text } from 'ink';
import { Row } from '../components/Row.js';
import { Spinner } from '../components/Spinner.js';
import { fit, wrapText } from '../components/wrap.js';
import { windowStart } from '../state/list.js';
import { needsAcceptance } from '../state/screens/discover.js';
import type { DiscoveryRow } from '../state/types.js';
import type { ScreenProps } from './types.js';
import { SshSettingsForm } from '../components/SshSettingsForm.js';
import { sshForm } from '../state/ssh-settings.js';

/** The key column of a row: type, fingerprint and whether it is trusted. */
function keyText(row: DiscoveryRow): { text: string; color: string | undefined } {
  if (row.reach === 'local') return { text: 'this machine (no SSH)', color: undefined };
  if (row.reach === 'down' || row.reach === 'error') return { text: row.error ?? 'no answer', color: 'red' };
  if (!row.hostKey) return { text: 'no host key seen', color: 'yellow' };
  const fp = `${row.hostKey.type.replace(/^ssh-/, '')} ${row.hostKey.fingerprint}`;
  if (row.accepting) return { text: `${fp} recording…`, color: 'cyan' };
  if (row.hostKey.status === 'known') return { text: `✓ ${fp}`, color: 'green' };
  if (row.hostKey.status === 'mismatch') return { text: `✗ CHANGED ${fp}`, color: 'red' };
  return { text: `? ${fp}`, color: 'yellow' };
}

/** Details of the selected row: the full key and what to do about it. */
function detail(row: DiscoveryRow | undefined): string {
  if (!row) return '';
  if (row.acceptError) return `Could not record the key: ${row.acceptError}`;
  if (row.reach === 'local') return `${row.name}: this machine, reached without SSH.`;
  if (row.reach !== 'ssh') return `${row.address}:${row.port}: ${row.error ?? 'no answer'}`;
  const k = row.hostKey;
  if (!k) return `${row.name} (${row.address}:${row.port}) answered without a host key.`;
  if (k.status === 'mismatch')
    return `${row.name} (${row.address}): the host key CHANGED (${k.type} ${k.fingerprint}). ${k.detail ?? ''} It is refused: someone may be intercepting, or the host was reinstalled.`;
  if (k.status === 'known') return `${row.name} (${row.address}:${row.port}) ${k.type} ${k.fingerprint}: recorded in known_hosts.`;
  return `${row.name} (${row.address}:${row.port}) presents ${k.type} ${k.fingerprint}. Not trusted yet: compare with \`ssh-keygen -lf /etc/ssh/ssh_host_${k.type.replace(/^ssh-/, '').replace(/-.*/, '')}_key.pub\` on its console, then press a.`;
}

/** The Discover body. */
export function DiscoverScreen({ state, width, height }: ScreenProps) {
  const form = sshForm(state);
  if (form) return <SshSettingsForm form={form} width={width} />;
  const d = state.discover;
  const focusResults = d.focus === 'results';
  const listHeight = Math.max(height - 6, 1);
  const start = windowStart(d.cursor, d.rows.length, listHeight);
  const shown = d.rows.slice(start, start + listHeight);
  const nameW = Math.min(Math.max(...d.rows.map((r) => r.name.length), 4), 18);
  const addrW = Math.min(Math.max(...d.rows.map((r) => `${r.address}:${r.port}`.length), 7), 22);
  const included = d.rows.filter((r) => r.included).length;
  const pending = d.rows.filter((r) => r.included && needsAcceptance(r)).length;
  const info = wrapText(detail(focusResults ? d.rows[d.cursor] : undefined), width - 2, 2);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text color="cyan">{focusResults ? '  ' : '› '}</Text>
        Targets: <Text bold>{d.targets.value}</Text>
        {focusResults ? '' : <TextCursor />}
      </Text>
      <Text dimColor wrap="truncate-end">
        {'  '}SSH as {state.spec.ssh.user}
        {state.spec.ssh.port !== 22 ? ` port ${state.spec.ssh.port}` : ''}
        {state.spec.ssh.jumpHost ? ` via ${state.spec.ssh.jumpHost}` : ''} · addresses, names, ranges (10.0.0.10-20), CIDRs (10.0.0.0/24) or
        local
      </Text>
      <Text bold wrap="truncate-end">
        {'      '}
        {fit('HOST', nameW)} {fit('ADDRESS', addrW)} HOST KEY
      </Text>
      {shown.map((row, i) => {
        const k = keyText(row);
        const at = start + i;
        return (
          <Row key={`${row.address}:${row.port}`} selected={focusResults && at === d.cursor} dim={!row.included}>
            {row.included ? '[x] ' : '[ ] '}
            {fit(row.name, nameW)} {fit(row.reach === 'local' ? 'local' : `${row.address}:${row.port}`, addrW)}{' '}
            <Text color={k.color}>{k.text}</Text>
          </Row>
        );
      })}
      {d.rows.length === 0 && !d.running ? (
        <Text dimColor>{d.ran ? '  nothing answered yet' : '  press Enter to discover the targets'}</Text>
      ) : null}
      <Text wrap="truncate-end">
        {d.running ? (
          <>
            {'  '}
            <Spinner /> discovering… {d.rows.length} answered so far
          </>
        ) : d.ran ? (
          `  ${d.rows.length} found, ${included} included${pending > 0 ? `, ${pending} host key(s) to accept` : ''}`
        ) : (
          ' '
        )}
      </Text>
      {info.map((line, i) => (
        <Text key={`i${i}`} wrap="truncate-end" color={d.rows[d.cursor]?.hostKey?.status === 'mismatch' ? 'red' : undefined}>
          {'  '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
