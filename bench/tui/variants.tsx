// The three ways of showing the synthetic feed that the bench compares: our Deploy screen (the
// deploy model, <Static> at the root, the shared clock, maxFps as the guided install uses it), a
// naive Ink screen (every line kept in React state, re-rendered per batch, no Static, maxFps 1000
// so nothing is throttled), and plain lines written straight to the terminal (the floor).
import { Box, render, Text } from 'ink';
import { useEffect, useState } from 'react';
import { DeployStatic } from '../../src/ui/components/DeployStatic.js';
import { ClockProvider } from '../../src/ui/hooks/clock.js';
import { DeployScreen } from '../../src/ui/screens/DeployScreen.js';
import { DeployModel } from '../../src/ui/state/deploy-model.js';
import { initialState } from '../../src/ui/state/initial.js';
import { MAX_FPS } from '../../src/ui/run.js';
import { defaultSpec } from '../../src/spec/index.js';
import type { EngineEvent } from '../../src/types/events.js';
import { HOSTS, plainLine } from './feed.js';
import type { FakeStdout } from './fake-stdout.js';

/** A variant under measurement: takes each batch of events, then is torn down. */
export interface Variant {
  push(events: EngineEvent[]): void;
  finish(): void;
}

/** Where a variant draws and reports its frame times. */
export interface Target {
  stdout: FakeStdout;
  asStdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  renderTimes: number[];
  /** Per frame (when the variant knows): whether it printed new <Static> lines. */
  staticFrames: boolean[];
}

/** Our Deploy screen, mounted as App mounts it while a deploy runs. */
export function ours(t: Target): Variant {
  const holder = { model: new DeployModel() };
  const start = initialState({ spec: { ...defaultSpec(), name: 'bench' } });
  const state = { ...start, screen: 'deploy' as const, deploy: { ...start.deploy, status: 'running' as const } };
  let printed = 0;
  const instance = render(
    <ClockProvider active>
      <DeployStatic holder={holder} />
      <DeployScreen holder={holder} state={state} width={t.stdout.columns} rows={t.stdout.rows} />
    </ClockProvider>,
    {
      stdout: t.asStdout,
      stdin: t.stdin,
      maxFps: MAX_FPS,
      patchConsole: false,
      exitOnCtrlC: false,
      onRender: ({ renderTime }) => {
        t.renderTimes.push(renderTime);
        const items = holder.model.staticView().length;
        t.staticFrames.push(items !== printed);
        printed = items;
      },
    },
  );
  return {
    push: (events) => {
      for (const e of events) holder.model.apply(e);
    },
    finish: () => instance.unmount(),
  };
}

/** The feed as a naive Ink app would hold it: all lines in state, a render per batch. */
export function naiveInk(t: Target): Variant {
  const feed: { listener: ((events: EngineEvent[]) => void) | null } = { listener: null };
  function Naive() {
    const [lines, setLines] = useState<string[]>([]);
    const [hosts, setHosts] = useState<Record<string, string>>({});
    useEffect(() => {
      feed.listener = (events) => {
        setLines((prev) => [...prev, ...events.map(plainLine)]);
        const changed = Object.fromEntries(events.flatMap((e) => (e.type === 'host:status' ? [[e.host, e.status]] : [])));
        setHosts((prev) => ({ ...prev, ...changed }));
      };
    }, []);
    const grid = HOSTS.map((h) => `${h}:${(hosts[h] ?? 'wait').padEnd(7)}`).join(' ');
    return (
      <Box flexDirection="column">
        <Text>{grid}</Text>
        {lines.slice(-25).map((l, i) => (
          <Text key={i} wrap="truncate-end">
            {l}
          </Text>
        ))}
      </Box>
    );
  }
  const instance = render(<Naive />, {
    stdout: t.asStdout,
    stdin: t.stdin,
    maxFps: 1000,
    patchConsole: false,
    exitOnCtrlC: false,
    onRender: ({ renderTime }) => t.renderTimes.push(renderTime),
  });
  return {
    push: (events) => feed.listener?.(events),
    finish: () => instance.unmount(),
  };
}

/** Every line written straight to the terminal, as `kolla-ansible` itself would print it. */
export function plain(t: Target): Variant {
  return {
    push: (events) => {
      for (const e of events) t.stdout.write(`${plainLine(e)}\n`);
    },
    finish: () => undefined,
  };
}

/** The variants by name, in the order they are reported. */
export const VARIANTS = { ours, 'naive-ink': naiveInk, plain } as const;
