// The recording transport of dry runs: what it shows for scripts, uploads and connections, the
// placeholder it answers with, and how recorded lines group by host for the plan.
import { describe, expect, it } from 'vitest';
import { CommandRecorder, groupByHost, placeholderOutput, shownCommand } from '../../../src/deploy/recording.js';
import { testSpec } from './helpers/spec.js';

describe('the recording transport', () => {
  it('shows a script by its first comment line and length, any other command as it is', () => {
    expect(shownCommand('# the probe: read-only\necho a=1\necho b=2')).toBe('# the probe: read-only … (a script of 3 lines)');
    const heredoc = "cat > /etc/ceph/osd.yaml <<'EOF'\nservice_type: osd\nEOF\ncephadm shell -- ceph orch apply -i /mnt/osd.yaml";
    expect(shownCommand(heredoc)).toBe(heredoc);
  });

  it('answers with a marked placeholder that repeats the start of the command, cut at a word', () => {
    expect(placeholderOutput('cephadm shell -- ceph cephadm get-pub-key')).toBe('<output of: cephadm shell -- ceph cephadm get-pub-key>');
    const long = 'install -d -m 0700 /var/lib/osism-installer/lab/ssh && { test -f /var/lib/osism-installer/lab/ssh/id_ed25519; }';
    expect(placeholderOutput(long)).toBe('<output of: install -d -m 0700 /var/lib/osism-installer/lab/ssh && { …>');
  });

  it('records the connection, every command and every upload of a host, runs nothing, and groups consecutive lines by host', async () => {
    const spec = testSpec({ ssh: { ...testSpec().ssh, user: 'ops', port: 2222, jumpHost: 'bastion' } });
    const recorder = new CommandRecorder();
    const connect = recorder.connector();
    const ctl = await connect(spec.hosts[0]!, spec.ssh, new AbortController().signal);
    const cmp = await connect(spec.hosts[1]!, spec.ssh, new AbortController().signal);
    expect(await ctl.exec('hostname')).toMatchObject({ code: 0, stdout: '<output of: hostname>' });
    await ctl.upload([{ remotePath: '/etc/kolla/passwords.yml', content: 'x', mode: 0o600 }]);
    await cmp.exec('true');
    await ctl.exec('false');
    expect(groupByHost(recorder.take())).toEqual([
      { host: 'ctl1', commands: ['ssh ops@10.0.0.11 -p 2222 -J bastion'] },
      { host: 'cmp1', commands: ['ssh ops@10.0.0.21 -p 2222 -J bastion'] },
      { host: 'ctl1', commands: ['hostname', 'upload /etc/kolla/passwords.yml (mode 0600)'] },
      { host: 'cmp1', commands: ['true'] },
      { host: 'ctl1', commands: ['false'] },
    ]);
    expect(recorder.take()).toEqual([]);
  });
});
