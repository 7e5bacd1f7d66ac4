// Loading a preset for the deploy verbs: through the spec layer (loadPreset, with file:line:col
// findings) when it is there; meanwhile a strict minimal reader that fills the documented
// defaults (DESIGN §3.1) and refuses what it cannot understand.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from '../../commands/types.js';
import { DEFAULT_SSH } from '../../commands/ssh-flags.js';
import type { Finding } from '../../types/findings.js';
import type { Spec, SshSettings } from '../../types/spec.js';

/** A loaded preset: the spec, or the findings that stopped it. */
export interface LoadedPreset {
  spec: Spec | null;
  findings: Finding[];
}

/** Reads and loads a preset file. */
export async function loadPresetFile(file: string): Promise<LoadedPreset> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the preset ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'give the path of a preset YAML file',
    );
  }
  try {
    const spec = (await import('../../spec/index.js' as string)) as { loadPreset?: (text: string, file: string) => LoadedPreset };
    if (spec.loadPreset) return spec.loadPreset(text, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
  }
  return minimalPreset(text, file);
}

function fail(file: string, id: string, message: string, fix: string): LoadedPreset {
  return { spec: null, findings: [{ id, severity: 'fail', subject: file, message, fix }] };
}

/** The minimal reader (used only while src/spec has no loadPreset). */
export function minimalPreset(text: string, file: string): LoadedPreset {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (error) {
    return fail(file, 'preset.yaml', `${file} is not valid YAML: ${(error as Error).message}`, 'fix the YAML syntax');
  }
  if (!doc || typeof doc !== 'object')
    return fail(file, 'preset.yaml', `${file} is not a mapping`, 'see DESIGN §3.1 for the preset format');
  if (typeof doc.name !== 'string' || doc.name === '')
    return fail(file, 'preset.name', 'the preset has no `name`', 'add `name: <deployment name>`');
  if (!Array.isArray(doc.hosts) || doc.hosts.length === 0)
    return fail(file, 'preset.hosts', 'the preset lists no `hosts`', 'add hosts with name, address and roles');
  const net = (doc.network ?? {}) as Record<string, unknown>;
  if (typeof net.internalVip !== 'string')
    return fail(file, 'preset.network', 'the preset has no `network.internalVip`', 'add an unused address in the API subnet');
  const backends = (doc.backends ?? {}) as Record<string, unknown>;
  const deploy = (doc.deploy ?? {}) as Record<string, unknown>;
  const hosts = doc.hosts as Spec['hosts'];
  const spec: Spec = {
    version: 1,
    name: doc.name,
    release: (doc.release as Spec['release']) ?? '2025.1',
    ssh: { ...DEFAULT_SSH, ...((doc.ssh ?? {}) as Partial<SshSettings>) },
    hosts,
    discover: (doc.discover as Spec['discover']) ?? null,
    network: {
      interface: (net.interface as string) ?? 'eth0',
      externalInterface: (net.externalInterface as string) ?? 'eth1',
      internalVip: net.internalVip,
      externalVip: (net.externalVip as string) ?? null,
      virtualRouterId: (net.virtualRouterId as number) ?? 51,
    },
    services: (doc.services as string[]) ?? ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon'],
    backends: {
      compute: (backends.compute as Spec['backends']['compute']) ?? 'auto',
      network: (backends.network as Spec['backends']['network']) ?? 'ovn',
      dvr: (backends.dvr as boolean) ?? false,
      storage: (backends.storage as Spec['backends']['storage']) ?? 'none',
      ceph: { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: false, ...((backends.ceph ?? {}) as object) },
      glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster', ...((backends.glusterfs ?? {}) as object) },
    },
    deploy: {
      host: (deploy.host as string) ?? hosts.find((h) => h.roles?.includes('manager'))?.name ?? hosts[0]!.name,
      configDir: (deploy.configDir as string) ?? '/etc/kolla',
      kollaAnsible: (deploy.kollaAnsible as string) ?? 'kolla-ansible',
      forks: (deploy.forks as number) ?? 20,
      pipIndex: (deploy.pipIndex as string) ?? null,
    },
  };
  return { spec, findings: [] };
}

/** Applies SSH flag overrides to a spec (flags win over the preset's ssh block). */
export function withSsh(spec: Spec, overrides: Partial<SshSettings>): Spec {
  return { ...spec, ssh: { ...spec.ssh, ...overrides } };
}
