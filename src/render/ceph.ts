// Ceph in the kolla overlays (kolla-spec.md §2.3): which ceph.conf and keyring files each service
// reads under config/, and, once cephadm has produced them, the files themselves (ceph.conf with
// its leading tabs stripped: kolla's INI merge breaks on them). Before cephadm ran nothing is
// written at those paths, so a re-upload can never replace real keyrings with placeholders.
import type { RenderContext } from './context.js';
import type { CephClientFiles, RenderedFile } from './types.js';

/** Port of the RADOS Gateway on the storage hosts (cephadm's default 80 would clash with Horizon on shared hosts). */
export const CEPH_RGW_PORT = 7480;

/** One cephx client kolla needs, and the overlay paths (under config/) that get its keyring. */
export interface CephOverlayClient {
  user: string;
  keyrings: string[];
}

/** The overlay files for the selected services. */
export interface CephOverlays {
  /** Paths under config/ that get the minimal ceph.conf. */
  conf: string[];
  clients: CephOverlayClient[];
}

/** Which ceph.conf and keyring paths the selected services read (empty unless the storage backend is Ceph). */
export function cephOverlays(ctx: RenderContext): CephOverlays {
  const out: CephOverlays = { conf: [], clients: [] };
  if (ctx.spec.backends.storage !== 'ceph') return out;
  const client = (user: string, ...keyrings: string[]): void => {
    const existing = out.clients.find((c) => c.user === user);
    if (existing) existing.keyrings.push(...keyrings);
    else out.clients.push({ user, keyrings });
  };
  if (ctx.has('glance')) {
    out.conf.push('glance/ceph.conf');
    client('glance', 'glance/ceph.client.glance.keyring');
  }
  if (ctx.has('cinder')) {
    out.conf.push('cinder/ceph.conf');
    client('cinder', 'cinder/cinder-volume/ceph.client.cinder.keyring', 'cinder/cinder-backup/ceph.client.cinder.keyring');
    client('cinder-backup', 'cinder/cinder-backup/ceph.client.cinder-backup.keyring');
  }
  if (ctx.has('nova')) {
    out.conf.push('nova/ceph.conf');
    client('nova', 'nova/ceph.client.nova.keyring');
    // Nova attaches Cinder volumes with Cinder's key.
    if (ctx.has('cinder')) client('cinder', 'nova/ceph.client.cinder.keyring');
  }
  if (ctx.has('gnocchi')) {
    out.conf.push('gnocchi/ceph.conf');
    client('gnocchi', 'gnocchi/ceph.client.gnocchi.keyring');
  }
  if (ctx.has('manila') && ctx.spec.backends.ceph.cephfs) {
    out.conf.push('manila/ceph.conf');
    client('manila', 'manila/ceph.client.manila.keyring');
  }
  return out;
}

/** ceph.conf as kolla wants it: no leading whitespace on any line (tabs from generate-minimal-conf), one trailing newline. */
export function normaliseCephConf(conf: string): string {
  const lines = conf
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^[\t ]+/, '').replace(/[\t ]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n';
}

/** The real overlay files when Ceph's output is at hand; none otherwise. Throws when a needed keyring is missing. */
export function cephFiles(ctx: RenderContext, ceph: CephClientFiles | null | undefined): RenderedFile[] {
  const overlays = cephOverlays(ctx);
  if (!ceph || overlays.conf.length === 0) return [];
  const conf = normaliseCephConf(ceph.conf);
  const files: RenderedFile[] = overlays.conf.map((p) => ({ path: `config/${p}`, content: conf, mode: 0o644 }));
  for (const c of overlays.clients) {
    const keyring = ceph.keyrings[c.user];
    if (keyring === undefined) throw new Error(`Ceph's output has no keyring for client.${c.user}, which ${c.keyrings.join(', ')} need`);
    const text = keyring.endsWith('\n') ? keyring : `${keyring}\n`;
    for (const p of c.keyrings) files.push({ path: `config/${p}`, content: text, mode: 0o600 });
  }
  return files;
}
