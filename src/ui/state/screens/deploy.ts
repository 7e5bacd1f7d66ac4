// Deploy and Summary: the run starts on entering Deploy; q or Ctrl-C asks first, then cancels
// through the engine's AbortSignal and waits for it to stop; a second Ctrl-C while it stops
// leaves at once. The answers are written as <name>.preset.yaml when the run starts, so a run
// stopped, failed or left half-way still has them for `apply --preset`.
import { runExitCode } from '../../../types/exit-codes.js';
import { isChar, isCtrlC, type Key } from '../../keys/key.js';
import type { DeployOutcome } from '../../services.js';
import { say, withEffect } from '../helpers.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import type { WizardState } from '../types.js';

/** Exit code of a run: 0 ok, 1 failed, 130 cancelled (as `apply`). */
export function outcomeCode(status: DeployOutcome['status'] | null): number {
  return runExitCode(status ?? 'failed');
}

/** Entering Deploy writes the preset and starts the requested run. */
export function enterDeploy(state: WizardState): WizardState {
  const request = state.deploy.request;
  if (!request || state.deploy.status !== 'idle') return state;
  const written = withEffect(state, { kind: 'write-preset', spec: state.spec });
  return withEffect({ ...written, deploy: { ...written.deploy, status: 'running' } }, { kind: 'deploy', request });
}

/** Asks the engine to stop (the runner aborts its signal); `reason` says who stopped it, as the journal will tell. */
export function cancelDeploy(state: WizardState, quitAfter: boolean, reason: string): WizardState {
  if (state.deploy.status !== 'running') return state;
  return withEffect(
    say(
      { ...state, modal: null, deploy: { ...state.deploy, status: 'cancelling', quitAfter } },
      'Stopping: the running commands are signalled and the journal is closed cleanly...',
      'warn',
    ),
    { kind: 'cancel', what: 'deploy', reason },
  );
}

/** The run ended (or could not start: `error`). */
export function deployEnded(state: WizardState, outcome: DeployOutcome | null, error: string | null, ctx: ScreenContext): WizardState {
  const ended: WizardState = { ...state, deploy: { ...state.deploy, status: 'ended', outcome, error } };
  const status = outcome?.status ?? 'failed';
  if (state.deploy.quitAfter) {
    const preset = state.deploy.presetPath ? ` (the answers are in ${state.deploy.presetPath})` : '';
    return withEffect(ended, {
      kind: 'exit',
      code: outcomeCode(status),
      message: status === 'cancelled' ? `Stopped. Continue later with: osism-installer resume ${state.spec.name}${preset}` : null,
    });
  }
  return ctx.enter(ended, 'summary');
}

/** The preset file was written (or could not be). */
export function presetWritten(state: WizardState, path: string | null, error: string | null): WizardState {
  return { ...state, deploy: { ...state.deploy, presetPath: path, presetError: error } };
}

/** Keys of the Deploy screen (q and Ctrl-C are global: they ask first while the run is going). */
export function deployKey(state: WizardState, k: Key): WizardState | null {
  if (state.deploy.status === 'cancelling' && isCtrlC(k)) {
    return withEffect(state, {
      kind: 'exit',
      code: 130,
      message: `Left while the run was stopping; the journal shows where it was. Continue with: osism-installer resume ${state.spec.name}`,
    });
  }
  if (state.deploy.status === 'cancelling' && isChar(k, 'q')) return say(state, 'Still stopping; Ctrl-C again leaves at once.', 'warn');
  return null;
}

/** Keys of the Summary screen: Enter or q leaves with the run's exit code; after a dry run Esc goes back to Review. */
export function summaryKey(state: WizardState, k: Key, ctx?: ScreenContext): WizardState | null {
  if (state.deploy.request?.dryRun && (k.escape || isChar(k, 'b')) && ctx) {
    // a dry run changed nothing: back to Review, from where Enter deploys for real
    const idle = { ...state.deploy, request: null, status: 'idle' as const, outcome: null, error: null };
    return say(ctx.enter({ ...state, deploy: idle }, 'review'), 'Back from the dry run: Enter deploys (asks first).');
  }
  if (k.enter || isChar(k, 'q') || k.escape) {
    return withEffect(state, {
      kind: 'exit',
      code: outcomeCode(state.deploy.outcome?.status ?? (state.deploy.error ? 'failed' : null)),
      message: null,
    });
  }
  return null;
}

/** The Deploy screen (screens/registry.ts pairs it with its view). */
export const deployScreen: ScreenLogic = {
  id: 'deploy',
  title: 'Deploy',
  flows: ['install', 'add-node', 'resume', 'remove-node', 'upgrade', 'reconfigure', 'replace-node'],
  keys: deployKey,
  enter: enterDeploy,
  hints(state) {
    return state.deploy.status === 'cancelling'
      ? [['ctrl-c', 'leave now']]
      : [
          ['q', 'stop (asks)'],
          ['?', 'help'],
        ];
  },
  help() {
    return [
      'Finished phases, failures and warnings are printed above; the full output is in the log files. q or Ctrl-C asks, then stops cleanly; `osism-installer resume NAME` continues later.',
    ];
  },
};

/** The Summary screen (screens/registry.ts pairs it with its view). */
export const summaryScreen: ScreenLogic = {
  id: 'summary',
  title: 'Summary',
  flows: ['install', 'add-node', 'resume', 'remove-node', 'upgrade', 'reconfigure', 'replace-node'],
  noStep: true,
  keys: summaryKey,
  hints(state) {
    return state.deploy.request?.dryRun
      ? [
          ['esc', 'back to Review'],
          ['enter', 'exit'],
          ['q', 'exit'],
        ]
      : [
          ['enter', 'exit'],
          ['q', 'exit'],
        ];
  },
  help() {
    return [
      'Enter or q leaves. The preset file replays this install with `osism-installer apply --preset FILE`.',
      'After a dry run, Esc goes back to Review: Enter there deploys for real (it asks first).',
    ];
  },
};
