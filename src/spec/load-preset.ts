// loadPreset: preset YAML text -> Spec, with every problem at once as `fail` findings located at
// file:line:col, and `locate` for later findings (the plan layer) to point into the same file.
import { isMap, isScalar } from 'yaml';
import type { Node } from 'yaml';
import { DEFAULT_RELEASE } from '../catalog/index.js';
import type { Finding, SourceLocation } from '../types/findings.js';
import { RELEASES } from '../types/spec.js';
import type { Release, Spec } from '../types/spec.js';
import { DEFAULT_SERVICES, DEFAULT_SSH, deployHostDefault } from './defaults.js';
import { closest } from './did-you-mean.js';
import { reportDuplicateKeys } from './duplicate-keys.js';
import { checkDeploymentName } from './patterns.js';
import { describeNode, PresetReader } from './reader.js';
import { readBackends } from './sections/backends.js';
import { readDeploy } from './sections/deploy.js';
import { readDiscover } from './sections/discover.js';
import { readHosts } from './sections/hosts.js';
import { readNetwork } from './sections/network.js';
import { readOptions } from './sections/options.js';
import { readServices } from './sections/services.js';
import { readSsh, SSH_KEYS } from './sections/ssh.js';
import { isNullNode, locatePath, mapEntries, parsePresetText, pathText } from './yaml-doc.js';
import type { PresetPath } from './yaml-doc.js';
import { foldFindings } from './fold-findings.js';

/** Top-level keys of a preset (DESIGN §3.1). */
export const TOP_KEYS = [
  'version',
  'name',
  'release',
  'ssh',
  'hosts',
  'discover',
  'network',
  'services',
  'backends',
  'deploy',
  'options',
] as const;

/** The result of loading: the Spec (null when any finding fails), the findings, and a path -> file:line:col lookup. */
export interface LoadedPreset {
  spec: Spec | null;
  findings: Finding[];
  locate: (path: PresetPath) => SourceLocation | undefined;
}

/** Loads preset text (read by the caller from `file`, which is only used in locations and messages). */
export function loadPreset(text: string, file: string): LoadedPreset {
  const pd = parsePresetText(text, file);
  const r = new PresetReader(pd);
  const locate = (path: PresetPath) => locatePath(pd, path);
  const done = (spec: Spec | null): LoadedPreset => ({
    spec: r.findings.length ? null : spec,
    findings: foldFindings(byPosition(r.findings)),
    locate,
  });

  const syntax = pd.problems.filter((p) => p.code !== 'DUPLICATE_KEY');
  for (const p of syntax) {
    r.findings.push({
      id: 'preset.yaml',
      severity: 'fail',
      subject: file,
      message: p.fix ? `the YAML is not valid here: ${p.message}.` : `the YAML is not valid here: ${p.message} (${p.code}).`,
      fix: p.fix ?? 'fix the YAML syntax at this position (indentation, brackets, quotes)',
      location: { file, line: p.line, col: p.col },
    });
  }
  if (syntax.length) return done(null);

  const root = r.node(pd.doc.contents);
  reportDuplicateKeys(r, root);
  if (isNullNode(root)) {
    r.fail(
      'preset.empty',
      [],
      null,
      `${file} is empty; expected a preset (version, name, hosts, network, ...).`,
      'start from a preset in presets/ or run the installer once and use the preset it writes',
    );
    return done(null);
  }
  const top = r.mapping(root, [], TOP_KEYS);
  if (!top) return done(null);
  const get = (key: string): Node | null => top.get(key)?.value ?? null;

  // version
  const versionEntry = top.get('version');
  if (versionEntry && r.present(versionEntry, ['version'], '1')) {
    const v = versionEntry.value;
    if (!(isScalar(v) && v.value === 1)) {
      r.fail(
        'preset.version',
        ['version'],
        v,
        `version is ${describeNode(v)}; this installer reads preset version 1.`,
        'write version: 1 (a newer installer may read newer versions)',
      );
    }
  }

  // name
  let name: string | undefined;
  if (r.required(top, 'name', [], root, 'the deployment name (state is saved under it)')) {
    name = r.string(get('name'), ['name'], 'a deployment name, e.g. lab', checkDeploymentName);
  }

  // release (an unquoted 2025.1 is a YAML number: its written text is used)
  let release: Release = DEFAULT_RELEASE;
  const releaseEntry = top.get('release');
  if (releaseEntry && r.present(releaseEntry, ['release'], `one of ${RELEASES.join(', ')}`)) {
    const node = releaseEntry.value!;
    const text =
      isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? (node.source ?? String(node.value)) : null;
    if (text != null && (RELEASES as readonly string[]).includes(text)) release = text as Release;
    else {
      const suggestion = text != null ? closest(text, RELEASES) : null;
      r.fail(
        'preset.enum',
        ['release'],
        node,
        `release is ${describeNode(node)}; expected one of ${RELEASES.map((x) => `"${x}"`).join(', ')} (${DEFAULT_RELEASE} is the default).`,
        suggestion ? `did you mean "${suggestion}"?` : `write release: "${DEFAULT_RELEASE}"`,
      );
    }
  }

  const sshGiven = readSsh(r, get('ssh'), ['ssh'], SSH_KEYS);

  const hostsEntry = top.get('hosts');
  const discoverNode = get('discover');
  const readH = hostsEntry && !isNullNode(hostsEntry.value) ? readHosts(r, hostsEntry.value, ['hosts']) : { hosts: [], names: [] };
  let hosts = readH.hosts;
  const hostNames = readH.names;
  const discover = readDiscover(r, discoverNode, ['discover']);
  if (hosts?.length === 0 && isNullNode(discoverNode)) {
    r.fail(
      'preset.required',
      ['hosts'],
      hostsEntry?.keyNode ?? root,
      'the preset has no hosts and no discover targets; expected a list of hosts {name, address, roles}.',
      'add hosts: - {name: ctl1, address: 10.0.0.11, roles: [control, network, compute]}',
    );
    hosts = undefined;
  }

  const networkEntry = top.get('network');
  const network = readNetwork(r, networkEntry?.value ?? null, ['network'], networkEntry?.keyNode ?? root);

  let services: string[] | undefined = [...DEFAULT_SERVICES];
  const servicesEntry = top.get('services');
  if (servicesEntry)
    services = r.present(servicesEntry, ['services'], 'a list of service ids')
      ? readServices(r, servicesEntry.value, ['services'])
      : undefined;

  const backends = readBackends(r, get('backends'), ['backends']);
  const deploy = readDeploy(r, get('deploy'), ['deploy']);
  const optionsEntry = top.get('options');
  const options = optionsEntry ? readOptions(r, optionsEntry.value, ['options']) : undefined;

  // Cross-checks that only need the preset itself.
  const deployHostNode = r.node(locateNode(r, ['deploy', 'host']));
  const deployHost = isScalar(deployHostNode) && typeof deployHostNode.value === 'string' ? deployHostNode.value : undefined;
  if (
    (readH.hosts !== undefined || hostNames.length > 0) &&
    deployHost !== undefined &&
    deployHost !== 'local' &&
    !hostNames.includes(deployHost)
  ) {
    const suggestion = closest(deployHost, hostNames);
    r.fail(
      'preset.deploy.host',
      ['deploy', 'host'],
      deployHostNode,
      `deploy.host is "${deployHost}", which is not a host of this preset; expected a name from hosts or local.`,
      suggestion ? `did you mean "${suggestion}"?` : `use one of ${[...hostNames, 'local'].join(', ')}`,
    );
  }
  if (backends && typeof backends.ceph.osdDevices === 'object' && !Array.isArray(backends.ceph.osdDevices)) {
    const names = hostNames;
    const osdNode = r.node(locateNode(r, ['backends', 'ceph', 'osdDevices']));
    for (const entry of osdNode && isMap(osdNode) ? mapEntries(pd, osdNode) : []) {
      if (names.includes(entry.key)) continue;
      const suggestion = closest(entry.key, names);
      r.fail(
        'preset.ceph.osd-host',
        ['backends', 'ceph', 'osdDevices', entry.key],
        entry.keyNode,
        `${pathText(['backends', 'ceph', 'osdDevices', entry.key])}: "${entry.key}" is not a host of this preset.`,
        suggestion ? `did you mean "${suggestion}"?` : `use host names from hosts: ${names.join(', ')}`,
      );
    }
  }

  if (r.findings.length || name === undefined || !hosts || discover === undefined || !network || !services || !backends || !deploy)
    return done(null);
  return done({
    ...(options ? { options } : {}),
    version: 1,
    name,
    release,
    ssh: { ...DEFAULT_SSH, ...sshGiven },
    hosts,
    discover,
    network,
    services,
    backends,
    deploy: { ...deploy, host: deploy.host ?? deployHostDefault(hosts) },
  });
}

/** Findings in the order they appear in the file (stable for equal positions; unlocated ones last). */
function byPosition(findings: Finding[]): Finding[] {
  const key = (f: Finding) => (f.location ? f.location.line * 1e6 + f.location.col : Number.MAX_SAFE_INTEGER);
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => key(a[0]) - key(b[0]) || a[1] - b[1])
    .map(([f]) => f);
}

function locateNode(r: PresetReader, path: string[]): Node | null {
  let node: Node | null = r.node(r.pd.doc.contents);
  for (const key of path) {
    if (!node || !isMap(node)) return null;
    node = mapEntries(r.pd, node).find((e) => e.key === key)?.value ?? null;
  }
  return node;
}
