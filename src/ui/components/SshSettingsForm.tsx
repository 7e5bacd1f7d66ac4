// The SSH settings form (ssh-settings.ts): one row per setting, the one being edited marked; the
// password shows as one dot per character typed (never its text), with where it goes.
import { Box, Text } from 'ink';
import { passwordVariable, SSH_FORM_ROWS, type SshForm, type SshFormRow } from '../state/ssh-settings.js';
import { Row } from './Row.js';
import { TextCursor } from './TextCursor.js';
import { fit } from './wrap.js';

const LABELS: Record<SshFormRow, string> = {
  for: 'For',
  user: 'Login user',
  identityFile: 'Identity file',
  passwordEnv: 'Password variable',
  password: 'Password',
  sudo: 'Become root (sudo -n)',
  jumpHost: 'Jump host',
};

/** What a row shows. */
function valueOf(form: SshForm, row: SshFormRow): { text: string; note: string } {
  switch (row) {
    case 'for':
      return {
        text: form.host ?? 'every host',
        note: form.hostOnly ? '(a new host: its own settings)' : form.hostChoice ? `(←/→: every host | ${form.hostChoice})` : '',
      };
    case 'sudo':
      return { text: form.sudo ? 'yes' : 'no', note: '(space)' };
    case 'password':
      return {
        text: '•'.repeat(Math.min([...form.password].length, 32)),
        note: form.password
          ? `(in memory only, as $${form.passwordEnv.trim() || passwordVariable(form.host)})`
          : '(not shown; empty: the variable from the environment)',
      };
    case 'identityFile':
      return { text: form.identityFile, note: form.identityFile ? '' : '(none: agent or password)' };
    case 'jumpHost':
      return { text: form.jumpHost, note: form.jumpHost ? '' : '(none; [user@]host[:port])' };
    default:
      return { text: form[row], note: '' };
  }
}

/** The form, `width` columns wide. */
export function SshSettingsForm({ form, width }: { form: SshForm; width: number }) {
  const rows = SSH_FORM_ROWS.filter((r) => r !== 'for' || form.hostChoice !== null);
  const labelW = 22;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {'  '}SSH settings {form.from === 'scan' ? '(Enter applies them and scans again)' : '(Enter applies them and discovers again)'}
      </Text>
      {rows.map((row) => {
        const selected = SSH_FORM_ROWS[form.row] === row;
        const { text, note } = valueOf(form, row);
        const editable = row !== 'for' && row !== 'sudo';
        return (
          <Row key={row} selected={selected}>
            {fit(LABELS[row], labelW)} <Text bold>{fit(text, Math.max(width - labelW - 6, 8)).trimEnd()}</Text>
            {selected && editable ? <TextCursor /> : null}
            {note ? <Text dimColor> {note}</Text> : null}
          </Row>
        );
      })}
    </Box>
  );
}
