// The root of the guided install: owns the reducer, the one keyboard binding, the effect runner,
// the shared clock and the one exit site (Shopify's InkLifecycleRoot pattern): screens only show
// state; leaving, from any path, goes through the `exit` effect handled here.
import { useApp } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { DeployStatic } from './components/DeployStatic.js';
import { Frame, FRAME_ROWS } from './components/Frame.js';
import { runEffect, type EffectContext } from './effects/run-effect.js';
import { ClockProvider } from './hooks/clock.js';
import { useKeys } from './hooks/use-keys.js';
import { useWindowSize } from './hooks/use-window-size.js';
import { HelpOverlay } from './screens/HelpOverlay.js';
import { SCREENS } from './screens/registry.js';
import type { ScreenProps, ViewRules } from './screens/types.js';
import type { InstallerServices } from './services.js';
import { DeployModel } from './state/deploy-model.js';
import { stepOf } from './state/navigation.js';
import { screenOf } from './state/screen.js';
import type { WizardState } from './state/types.js';
import { wizardReducer } from './state/wizard.js';

/** What the app resolves waitUntilExit() with. */
export interface AppExit {
  code: number;
  /** Printed after the app unmounted (e.g. how to resume). */
  message: string | null;
}

/** Props of the App. */
export interface AppProps {
  services: InstallerServices;
  /** The first state (startState in state/wizard.ts). */
  start: WizardState;
  /** Called once with the exit value (tests); the CLI reads waitUntilExit() instead. */
  onExit?: (exit: AppExit) => void;
  /** Overrides the terminal size (tests, benchmarks). */
  size?: { columns: number; rows: number };
  /** Aborted by SIGTERM/SIGHUP: a running deploy is stopped cleanly, then the app leaves. */
  stopSignal?: AbortSignal;
}

/** The guided install. */
export function App({ services, start, onExit, size, stopSignal }: AppProps) {
  const rules: ViewRules = useMemo(
    () => ({
      checkSpec: services.checkSpec,
      recommendRoles: services.recommendRoles,
      resolveServices: services.resolveServices,
      capacity: services.capacity,
    }),
    [services],
  );
  const reducer = useMemo(() => wizardReducer(rules, SCREENS), [rules]);
  const [state, dispatch] = useReducer(reducer, start);
  useKeys(dispatch);
  const { exit } = useApp();
  const terminal = useWindowSize();
  const { columns, rows } = size ?? terminal;

  const holder = useRef<{ model: DeployModel }>({ model: new DeployModel() }).current;
  const ctx = useRef<EffectContext | null>(null);
  ctx.current ??= {
    services,
    dispatch,
    deploy: holder,
    controllers: new Map(),
    exit: (code, message) => {
      onExit?.({ code, message });
      exit({ code, message } satisfies AppExit);
    },
  };
  const started = useRef(new Set<number>());
  useEffect(() => {
    for (const effect of state.effects) {
      if (started.current.has(effect.id)) continue;
      started.current.add(effect.id);
      dispatch({ type: 'effect/taken', id: effect.id });
      void runEffect(effect, ctx.current!);
    }
  }, [state.effects]);
  useEffect(() => {
    if (!stopSignal) return;
    const onStop = (): void => dispatch({ type: 'stop' });
    if (stopSignal.aborted) onStop();
    stopSignal.addEventListener('abort', onStop, { once: true });
    return () => stopSignal.removeEventListener('abort', onStop);
  }, [stopSignal]);
  // leaving by any path stops discovery, the scan and a running deploy
  useEffect(
    () => () => {
      for (const c of ctx.current?.controllers.values() ?? []) c.abort();
    },
    [],
  );

  const busy =
    state.discover.running ||
    state.scan.running ||
    state.review.loading ||
    state.welcome.busy ||
    state.deploy.status === 'running' ||
    state.deploy.status === 'cancelling';
  const width = Math.max(columns, 40);
  const height = Math.max(rows - FRAME_ROWS, 4);

  const screen = screenOf(SCREENS, state.screen);
  const props: ScreenProps = { state, rules, width, height, rows, dispatch, holder };
  if (screen.layout === 'full') {
    return (
      <ClockProvider active={busy}>
        <DeployStatic holder={holder} />
        <screen.View {...props} />
      </ClockProvider>
    );
  }
  const body =
    state.modal === 'help' ? <HelpOverlay help={screen.help(state)} width={width} height={height} /> : <screen.View {...props} />;
  const step = screen.noStep ? null : stepOf(state, SCREENS);
  return (
    <ClockProvider active={busy}>
      {state.deploy.status !== 'idle' ? <DeployStatic holder={holder} /> : null}
      <Frame
        title={screen.title}
        step={step ? `${step.index}/${step.total}` : null}
        right={`${state.spec.name} · ${state.spec.release}${state.flow === 'add-node' ? ' · add node' : ''}`}
        width={width}
        height={height}
        message={state.message}
        hints={screen.hints(state)}
      >
        {body}
      </Frame>
    </ClockProvider>
  );
}
