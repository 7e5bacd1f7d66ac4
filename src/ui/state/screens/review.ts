// Review: findings (fail and warn first), capacity, the files the deploy writes with their diff,
// the phases. Enter asks before deploying (refused while findings fail), d runs a dry run, n
// renames the deployment. Nothing is touched before the operator says yes.
import { checkDeploymentName } from '../../../spec/patterns.js';
import { countSeverity } from '../../../spec/fold-findings.js';
import type { Finding } from '../../../types/findings.js';
import { isChar, isRight, isSpace, type Key } from '../../keys/key.js';
import { say, withEffect } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { editText, textField } from '../text.js';
import type { ReviewState, WizardState } from '../types.js';

/** The sections, in Tab order. */
export const REVIEW_SECTIONS: ReviewState['section'][] = ['findings', 'capacity', 'files', 'phases'];

/** Findings in the order an operator reads them: fail, warn, then pass. */
export function orderedFindings(findings: Finding[]): Finding[] {
  const rank = { fail: 0, warn: 1, pass: 2 } as const;
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

/** Entering Review asks for a fresh preview (files and phases of the Spec as it is now). */
export function enterReview(state: WizardState): WizardState {
  const newHosts =
    state.flow === 'add-node' ? state.spec.hosts.filter((h) => !state.existingHosts.includes(h.name)).map((h) => h.name) : null;
  const flow = state.flow === 'add-node' ? 'add-node' : 'install';
  return withEffect(
    { ...state, review: { ...state.review, loading: true, preview: null, confirm: null, name: null, openFile: null, diffScroll: 0 } },
    { kind: 'preview', spec: state.spec, facts: state.facts, flow, newHosts },
  );
}

/** Rows in the focused section. */
function sectionLength(state: WizardState, ctx: ScreenContext): number {
  switch (state.review.section) {
    case 'findings':
      return ctx.checkSpec(state.spec, state.facts).length;
    case 'capacity':
      return ctx.capacity(state.spec, state.facts).lines.length;
    case 'files':
      return state.review.preview?.files.length ?? 0;
    case 'phases':
      return state.review.preview?.phases.length ?? 0;
  }
}

/** Starts the deploy (or dry run) of the Spec as reviewed. */
export function startDeploy(state: WizardState, dryRun: boolean, ctx: ScreenContext): WizardState {
  const flow = state.flow === 'add-node' ? 'add-node' : 'install';
  const newHosts = flow === 'add-node' ? state.spec.hosts.filter((h) => !state.existingHosts.includes(h.name)).map((h) => h.name) : null;
  const request = { spec: state.spec, facts: state.facts, flow, newHosts, dryRun, resume: false } as const;
  return ctx.enter(
    {
      ...state,
      review: { ...state.review, confirm: null },
      deploy: { ...state.deploy, request, status: 'idle', outcome: null, error: null },
    },
    'deploy',
  );
}

/** Keys while the deployment name is being edited. */
function nameKey(state: WizardState, k: Key): WizardState {
  const field = state.review.name!;
  if (k.escape) return { ...state, review: { ...state.review, name: null } };
  if (k.enter) {
    const name = field.value.trim();
    const problem = checkDeploymentName(name);
    if (problem) return say(state, `"${name}" cannot name a deployment: ${problem}.`, 'warn');
    // the files' diff and the phases' skips are the named deployment's: ask for them again under the new name
    return enterReview({
      ...state,
      spec: { ...state.spec, name },
      nameChosen: true,
      message: { text: `Deployment name: ${name} (state is kept under it; the preset becomes ${name}.preset.yaml).`, tone: 'info' },
    });
  }
  const edited = editText(field, k, 63);
  return edited ? { ...state, review: { ...state.review, name: edited } } : state;
}

/** Keys of the Review screen. */
export function reviewKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const r = state.review;
  if (r.name) return nameKey(state, k);
  if (r.confirm) {
    if (isChar(k, 'y') || isChar(k, 'Y')) return startDeploy(state, r.confirm === 'dry-run', ctx);
    if (isChar(k, 'n') || isChar(k, 'N') || k.escape)
      return say({ ...state, review: { ...r, confirm: null } }, 'Not deployed; nothing was changed.');
    return state;
  }
  if (r.openFile) {
    if (k.escape || k.left || isSpace(k) || isChar(k, 'h')) return { ...state, review: { ...r, openFile: null, diffScroll: 0 } };
    const lines = (r.preview?.files.find((f) => f.path === r.openFile)?.diff ?? '').split('\n').length;
    const moved = moveCursor(r.diffScroll, lines, k, 15);
    return moved !== null ? { ...state, review: { ...r, diffScroll: moved } } : state;
  }
  if (k.tab || k.shiftTab) {
    const i = REVIEW_SECTIONS.indexOf(r.section);
    const section = REVIEW_SECTIONS[(i + (k.tab ? 1 : REVIEW_SECTIONS.length - 1)) % REVIEW_SECTIONS.length]!;
    return { ...state, review: { ...r, section, cursor: 0 } };
  }
  const moved = moveCursor(r.cursor, sectionLength(state, ctx), k);
  if (moved !== null) return { ...state, review: { ...r, cursor: moved } };
  if (r.section === 'files' && (isSpace(k) || isRight(k))) {
    const file = r.preview?.files[r.cursor];
    if (!file) return state;
    if (!file.diff)
      return say(
        state,
        file.mode === 0o600 ? `${file.path} holds secrets (mode 0600): its values are never shown.` : `${file.path}: unchanged.`,
      );
    return { ...state, review: { ...r, openFile: file.path, diffScroll: 0 } };
  }
  if (isChar(k, 'n')) return { ...state, review: { ...r, name: textField(state.spec.name) } };
  if (isChar(k, 'd')) return { ...state, review: { ...r, confirm: 'dry-run' }, message: null };
  if (k.enter) {
    const fails = countSeverity(ctx.checkSpec(state.spec, state.facts), 'fail');
    if (fails > 0) {
      return say(
        { ...state, review: { ...r, section: 'findings', cursor: 0 } },
        `${fails} finding(s) fail: fix them first (Esc goes back to the screens); d still shows a dry run.`,
        'error',
      );
    }
    return { ...state, review: { ...r, confirm: 'deploy' }, message: null };
  }
  return null;
}

/** The Review screen (screens/registry.ts pairs it with its view). */
export const reviewScreen: ScreenLogic = {
  id: 'review',
  title: 'Review',
  flows: ['install', 'add-node'],
  keys: reviewKey,
  enter: enterReview,
  hints(state) {
    if (state.review.confirm)
      return [
        ['y', 'yes'],
        ['n', 'no'],
      ];
    if (state.review.name)
      return [
        ['enter', 'rename'],
        ['esc', 'cancel'],
      ];
    if (state.review.openFile)
      return [
        ['↑↓', 'scroll'],
        ['esc', 'close diff'],
      ];
    return [
      ['tab', 'section'],
      ['↑↓', 'move'],
      ['space', 'diff'],
      ['enter', 'deploy'],
      ['d', 'dry run'],
      ['n', 'rename'],
      ['esc', 'back'],
    ];
  },
  help() {
    return [
      'Tab switches between findings, capacity, the files to be written and the phases. space (or →) on a file shows its diff (secrets are never shown).',
      'Enter deploys after you confirm (refused while findings fail); d runs a dry run that changes nothing; n renames the deployment.',
    ];
  },
};
