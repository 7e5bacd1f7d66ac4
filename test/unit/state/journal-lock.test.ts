// Journal folding, the lock (live, stale, other host), the registry and the password store, on
// real files in a temp dir and with real processes for the pid checks.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsHash } from '../../../src/state/inputs-hash.js';
import { appendJournal, finishedWith, readJournal, unreadableWarning, type JournalRecord } from '../../../src/state/journal.js';
import { acquireLock, LockedError, pidAlive, processIdentity, readLock } from '../../../src/state/lock.js';
import { loadPasswords, savePasswords, secretValues } from '../../../src/state/passwords-store.js';
import { getDeployment, listDeployments, recordDeployment } from '../../../src/state/registry.js';
import { makeRedactor, REDACTED } from '../../../src/deploy/redact.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'osism-state-'));

/** The pid of a process that has exited (spawnSync waits for it). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const pid = Number(r.stdout.toString());
  expect(pid).toBeGreaterThan(0);
  return pid;
}

describe('journal', () => {
  it('folds runs and phases, ignores a torn last line and marks a phase left running as interrupted', () => {
    const path = join(tmp(), 'journal.jsonl');
    appendJournal(path, {
      rec: 'run',
      run: 'r1',
      at: 1,
      flow: 'install',
      verb: 'apply',
      only: null,
      limit: null,
      dryRun: false,
      pid: 1,
      host: 'h',
    });
    appendJournal(path, {
      rec: 'phase',
      run: 'r1',
      phase: 'a',
      title: 'A',
      status: 'running',
      inputsHash: 'x',
      startedAt: 2,
      endedAt: null,
      logPath: null,
      hosts: [],
    });
    appendJournal(path, {
      rec: 'phase',
      run: 'r1',
      phase: 'a',
      title: 'A',
      status: 'ok',
      inputsHash: 'x',
      startedAt: 2,
      endedAt: 3,
      logPath: '/l',
      hosts: [],
    });
    appendJournal(path, {
      rec: 'phase',
      run: 'r1',
      phase: 'b',
      title: 'B',
      status: 'running',
      inputsHash: 'y',
      startedAt: 4,
      endedAt: null,
      logPath: null,
      hosts: [],
    });
    appendFileSync(path, '{"rec":"phase","run":"r1","pha'); // a write cut short
    const state = readJournal(path);
    expect(state.unreadable).toBe(1);
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0]!.status).toBeNull();
    expect(state.phases.get('a')!.status).toBe('ok');
    // b started in r1, r1 holds no live lock (activeRun null): it was interrupted.
    expect(state.phases.get('b')!.status).toBe('interrupted');
    // The same journal read by the live run r1 itself keeps b running.
    expect(readJournal(path, 'r1').phases.get('b')!.status).toBe('running');
    expect(finishedWith(state, 'a', 'x')).not.toBeNull();
    expect(finishedWith(state, 'a', 'changed')).toBeNull();
    expect(finishedWith(state, 'b', 'y')).toBeNull();
  });

  /** A run record. */
  const runRec = (run: string, at: number): JournalRecord => ({
    rec: 'run',
    run,
    at,
    flow: 'install',
    verb: 'apply',
    only: null,
    limit: [run],
    dryRun: false,
    pid: 1,
    host: 'h',
  });

  it('an append after a torn line starts on a fresh line: the next run is read, the fragment skipped with a warning', () => {
    const path = join(tmp(), 'journal.jsonl');
    appendJournal(path, runRec('r1', 1));
    appendFileSync(path, '{"rec":"phase","run":"r1","phase":"kolla-deploy","sta'); // kill -9 mid-write
    appendJournal(path, runRec('r2', 2));
    appendJournal(path, { rec: 'run-end', run: 'r2', at: 3, status: 'failed' });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[1]).toBe('{"rec":"phase","run":"r1","phase":"kolla-deploy","sta');
    expect(JSON.parse(lines[2]!)).toMatchObject({ rec: 'run', run: 'r2' });
    const state = readJournal(path);
    // status and resume use the last complete run: r2, with its own --limit
    expect(state.runs.map((r) => [r.run, r.limit, r.status])).toEqual([
      ['r1', ['r1'], null],
      ['r2', ['r2'], 'failed'],
    ]);
    expect(state.unreadableLines).toEqual([2]);
    expect(unreadableWarning(path, state)).toBe(
      `journal ${path}: 1 torn line(s) skipped (line 2), every complete record after them was kept`,
    );
  });

  it('a record glued onto a torn fragment (written before the fresh-line rule) is still read', () => {
    const path = join(tmp(), 'journal.jsonl');
    writeFileSync(path, `${JSON.stringify(runRec('r1', 1))}\n{"rec":"phase","ru${JSON.stringify(runRec('r2', 2))}\n`);
    const state = readJournal(path);
    expect(state.runs.map((r) => r.run)).toEqual(['r1', 'r2']);
    expect(state.unreadable).toBe(1);
  });

  it('lines that are JSON but no record are skipped and counted, later records kept', () => {
    const path = join(tmp(), 'journal.jsonl');
    writeFileSync(path, ['42', 'null', '{"rec":"nonsense","run":"x"}', '{"rec":"run"}', JSON.stringify(runRec('r1', 1))].join('\n') + '\n');
    const state = readJournal(path);
    expect(state.unreadableLines).toEqual([1, 2, 3, 4]);
    expect(state.runs.map((r) => r.run)).toEqual(['r1']);
    expect(unreadableWarning(path, readJournal(join(tmp(), 'none.jsonl')))).toBeNull();
  });

  it('is an empty journal when the file does not exist', () => {
    const state = readJournal(join(tmp(), 'none.jsonl'));
    expect(state.runs).toEqual([]);
    expect(state.phases.size).toBe(0);
  });
});

describe('lock', () => {
  it('refuses a second holder while the first process lives, naming pid and what to do', () => {
    const path = join(tmp(), 'lock');
    const held = acquireLock(path, { run: 'r1', verb: 'apply', startedAt: 1000 });
    try {
      acquireLock(path, { run: 'r2', verb: 'apply', startedAt: 2000 });
      expect.unreachable('the second acquire must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).message).toContain(`pid ${process.pid}`);
      expect((error as LockedError).hint).toContain(`kill -INT ${process.pid}`);
    }
    held.release();
    expect(readLock(path)).toBeNull();
  });

  it('takes over a stale lock whose process is gone and explains it', () => {
    const path = join(tmp(), 'lock');
    const pid = deadPid();
    expect(pidAlive(pid)).toBe(false);
    const stale = acquireLock(path, { run: 'old', verb: 'apply', startedAt: 1, pid });
    expect(stale.info.pid).toBe(pid);
    const held = acquireLock(path, { run: 'new', verb: 'resume', startedAt: 2 });
    expect(held.tookOver).toContain(`pid ${pid}`);
    expect(held.tookOver).toContain('no longer exists');
    expect((readLock(path) as { run: string }).run).toBe('new');
    held.release();
  });

  it('a live pid that now belongs to an unrelated process is not the holder: taken over, never "kill -INT" it', async () => {
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = other.pid!;
      const me = processIdentity(process.pid);
      expect(me).toMatch(/^[0-9a-f-]+:\d+$/);
      expect(processIdentity(pid)).not.toBe(me);
      for (const recorded of [
        { process: me }, // the lock's holder was a process with another start time (the pid was reused)
        {}, // a lock without the identity (older installer): the command line is sleep, not an installer
      ]) {
        const path = join(tmp(), 'lock');
        writeFileSync(path, JSON.stringify({ pid, host: hostname(), run: 'old', verb: 'apply', startedAt: 0, ...recorded }));
        const held = acquireLock(path, { run: 'new', verb: 'resume', startedAt: 1 });
        expect(held.tookOver).toContain(`pid ${pid} now belongs to another program`);
        held.release();
      }
    } finally {
      other.kill();
    }
  });

  it('the same process (pid and identity) holds the lock', () => {
    const path = join(tmp(), 'lock');
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: hostname(), run: 'r', verb: 'apply', startedAt: 0, process: processIdentity(process.pid) }),
    );
    expect(() => acquireLock(path, { run: 'r2', verb: 'apply', startedAt: 1 })).toThrow(LockedError);
  });

  it('refuses a lock held on another host, since its process cannot be checked', () => {
    const path = join(tmp(), 'lock');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'other-machine.example', run: 'r', verb: 'apply', startedAt: 0 }));
    expect(() => acquireLock(path, { run: 'r2', verb: 'apply', startedAt: 1 })).toThrow(/another machine/);
  });

  it('release leaves a lock that is no longer ours alone', () => {
    const path = join(tmp(), 'lock');
    const held = acquireLock(path, { run: 'r1', verb: 'apply', startedAt: 1 });
    writeFileSync(path, JSON.stringify({ pid: 999999, host: 'x', run: 'other', verb: 'apply', startedAt: 0 }));
    held.release();
    expect(readLock(path)).toMatchObject({ run: 'other' });
  });
});

describe('registry (conf, temp cwd)', () => {
  it('records, updates and lists deployments without touching the user config dir', () => {
    const cwd = tmp();
    recordDeployment({ name: 'lab', dir: '/s/lab', release: '2025.1', hosts: ['a'] }, {}, cwd);
    recordDeployment({ name: 'other', dir: '/s/other', release: '2023.2' }, {}, cwd);
    recordDeployment({ name: 'lab', dir: '/s/lab', lastStatus: 'failed', lastVerb: 'apply' }, {}, cwd);
    const lab = getDeployment('lab', {}, cwd)!;
    expect(lab).toMatchObject({ release: '2025.1', hosts: ['a'], lastStatus: 'failed', lastVerb: 'apply' });
    expect(
      listDeployments({}, cwd)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['lab', 'other']);
    expect(JSON.parse(readFileSync(join(cwd, 'deployments.json'), 'utf8')).deployments.lab.dir).toBe('/s/lab');
  });
});

describe('passwords store and redaction', () => {
  it('writes 0600 and reads back the same values', () => {
    const path = join(tmp(), 'deep', 'passwords.yml');
    const pw = {
      database_password: 'S3cr3t-value-1',
      keystone_ssh_key: { private_key: 'line-one-0123456789abcdef\nline-two', public_key: 'ssh-ed25519 AAAA' },
    };
    savePasswords(path, pw);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadPasswords(path)).toEqual(pw);
    expect(secretValues(pw)).toEqual(['S3cr3t-value-1', 'line-one-0123456789abcdef\nline-two', 'ssh-ed25519 AAAA']);
  });

  it('redacts every occurrence, longest first, and private keys line by line', () => {
    const redact = makeRedactor(['S3cr3t-value-1', 'S3cr3t', 'line-one-0123456789abcdef\nline-two', 'abc']);
    expect(redact('pw=S3cr3t-value-1 and S3cr3t; abc stays')).toBe(`pw=${REDACTED} and ${REDACTED}; abc stays`);
    expect(redact('key: line-one-0123456789abcdef')).toBe(`key: ${REDACTED}`);
  });
});

describe('inputs hash', () => {
  it('does not depend on key order but on every value', () => {
    expect(inputsHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(inputsHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(inputsHash({ a: 1, b: { c: [2, 1] } })).not.toBe(inputsHash({ a: 1, b: { c: [1, 2] } }));
  });
});
