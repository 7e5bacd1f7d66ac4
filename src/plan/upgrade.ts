// upgrade's preview, pure: from the saved deployment and the release asked for, whether kolla-ansible
// can upgrade in one step (catalog/upgrades.ts), what the operator must do first, and what the new
// release no longer deploys (every failing check of the whole plan the new release introduces, e.g.
// Senlin after 2023.2, a host OS the new release's prechecks refuse). Failing findings stop the verb.
import { NO_UPGRADE_REASON, RELEASE_INFO, upgradePath, upgradesFrom } from '../catalog/index.js';
import type { UpgradePath } from '../catalog/types.js';
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import { RELEASES, type Release, type Spec } from '../types/spec.js';
import { checkSpec } from './index.js';

/** What an upgrade would do and what it refuses. */
export interface UpgradeImpact {
  from: Release;
  to: Release;
  /** The supported path, or null when kolla-ansible cannot upgrade from -> to in one step. */
  path: UpgradePath | null;
  /** The deployment's spec on the new release (what the run deploys and saves). */
  upgraded: Spec;
  findings: Finding[];
}

/** The note of a path's `before` list that applies to this spec (Redis notes only with Redis deployed). */
function applies(note: string, spec: Spec): boolean {
  return !/^With Redis deployed/.test(note) || spec.services.includes('redis');
}

/** The impact of upgrading the saved deployment `spec` to release `to`. */
export function upgradeImpact(input: { spec: Spec; facts: Record<string, Facts>; to: Release }): UpgradeImpact {
  const { spec, facts, to } = input;
  const from = spec.release;
  const upgraded: Spec = { ...spec, release: to };
  const findings: Finding[] = [];
  const path = upgradePath(from, to) ?? null;
  if (!(RELEASES as readonly string[]).includes(to)) {
    findings.push({
      id: 'upgrade.release',
      severity: 'fail',
      subject: String(to),
      message: `"${to}" is not a release the installer knows (${RELEASES.join(', ')}).`,
      fix: `Name one of ${RELEASES.join(', ')}.`,
    });
    return { from, to, path: null, upgraded: spec, findings };
  }
  if (from === to) {
    findings.push({
      id: 'upgrade.same',
      severity: 'fail',
      subject: spec.name,
      message: `${spec.name} already runs ${to}; an upgrade changes the release.`,
      fix: 'To change services or settings on the same release use reconfigure; to update within the series, apply again.',
    });
    return { from, to, path: null, upgraded, findings };
  }
  if (!path) {
    const next = upgradesFrom(from).map((p) => `${p.to} (${p.kind})`);
    findings.push({
      id: 'upgrade.path',
      severity: 'fail',
      subject: `${from} -> ${to}`,
      message:
        `kolla-ansible does not upgrade ${from} to ${to} in one step` +
        (RELEASES.indexOf(to) > RELEASES.indexOf(from) ? ' (a downgrade is never supported)' : '') +
        '.',
      fix:
        next.length > 0
          ? `From ${from} the supported upgrades are to ${next.join(' and ')}: upgrade to ${upgradesFrom(from)[0]!.to} first.`
          : (NO_UPGRADE_REASON[from] ?? `There is no supported upgrade from ${from}.`),
    });
  } else {
    const kolla = (r: Release): string => RELEASE_INFO[r].kollaAnsible;
    findings.push({
      id: 'upgrade.path',
      severity: 'pass',
      subject: `${from} -> ${to}`,
      message: `${from} -> ${to} is a supported ${path.kind === 'skip-level' ? 'skip-level (SLURP)' : 'series'} upgrade (${kolla(from)} -> ${kolla(to)}).`,
      fix: null,
    });
    for (const note of path.before.filter((n) => applies(n, spec)))
      findings.push({ id: 'upgrade.before', severity: 'warn', subject: `${from} -> ${to}`, message: note, fix: note });
  }
  // an operator's own kolla-ansible (a path): the installer builds no venv for it, so it must be R's already
  if (spec.deploy.kollaAnsible.startsWith('/') && RELEASE_INFO[to])
    findings.push({
      id: 'upgrade.kolla-ansible',
      severity: 'warn',
      subject: 'deploy.kollaAnsible',
      message: `deploy.kollaAnsible is ${spec.deploy.kollaAnsible}, an install of your own: the upgrade builds no venv for it and runs it as it is, so it must already be ${to}'s kolla-ansible.`,
      fix: `Install ${RELEASE_INFO[to].kollaAnsible} and ${RELEASE_INFO[to].ansibleCore} there first (then kolla-ansible install-deps), or set deploy.kollaAnsible to kolla-ansible to let the installer build ${to}'s venv.`,
    });
  // What the new release refuses that the old one deployed (shown with a refused path too: the operator
  // learns everything at once): the plan's own checks on the new release.
  const had = new Set(
    checkSpec(spec, facts)
      .filter((f) => f.severity === 'fail')
      .map((f) => `${f.id} ${f.subject}`),
  );
  for (const f of checkSpec(upgraded, facts))
    if (f.severity === 'fail' && !had.has(`${f.id} ${f.subject}`)) findings.push({ ...f, message: `On ${to}: ${f.message}` });
  return { from, to, path, upgraded, findings };
}

/** The preview as text lines (the CLI's preamble, the TUI's screen). */
export function upgradeLines(name: string, impact: UpgradeImpact): string[] {
  const info = RELEASE_INFO[impact.to];
  const lines = [`Upgrading ${name}: ${impact.from} -> ${impact.to}${info ? ` (${info.name})` : ''}`];
  if (impact.path)
    lines.push(
      `  kolla-ansible ${impact.path.kind === 'skip-level' ? 'skip-level (SLURP)' : 'series'} upgrade: a new venv with ${info!.kollaAnsible}, ${info!.ansibleCore}`,
      '  the configuration rendered for the new release: every existing password kept, new ones generated',
      '  then kolla-ansible pull, prechecks and upgrade on every host (kolla advises against --limit)',
    );
  return lines;
}
