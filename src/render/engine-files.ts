// engine-files.yml: the contract for files only a running tool can produce (Ceph keyrings after
// cephadm, Octavia's CA and certificates after `kolla-ansible octavia-certificates`) and the
// mounts the engine must make before kolla runs. The renderer lists them; the engine writes them
// under deploy.configDir and never into the rendered tree, so re-uploading the tree keeps them.
import { GLUSTER_GLANCE_MOUNT } from '../catalog/index.js';
import { CEPH_RGW_PORT, cephOverlays } from './ceph.js';
import type { RenderContext } from './context.js';
import { toYaml, type YamlValue } from './yaml-emit.js';

/** Files `kolla-ansible octavia-certificates` writes into config/octavia/ (checked by Octavia's prechecks). */
export const OCTAVIA_CERTIFICATE_FILES = ['client.cert-and-key.pem', 'client_ca.cert.pem', 'server_ca.cert.pem', 'server_ca.key.pem'];

/** The manifest as data (null when nothing is left for the engine to provide). */
export function engineFiles(ctx: RenderContext, cephRendered: boolean): Record<string, YamlValue> | null {
  const out: Record<string, YamlValue> = {};
  const overlays = cephOverlays(ctx);
  if (ctx.spec.backends.storage === 'ceph') {
    const ceph: Record<string, YamlValue> = {
      written_by: 'the ceph phase after cephadm (`ceph config generate-minimal-conf`, `ceph auth get-or-create client.<user>`)',
      rendered_here: cephRendered,
      conf: overlays.conf.map((p) => `config/${p}`),
      keyrings: overlays.clients.map((c) => ({ client: c.user, mode: '0600', paths: c.keyrings.map((p) => `config/${p}`) })),
    };
    if (ctx.spec.backends.ceph.rgw) {
      ceph.rgw = {
        port: CEPH_RGW_PORT,
        hosts: ctx.byRole('storage').map((h) => h.spec.name),
        note: '`ceph orch apply rgw default --port 7480` on these hosts; kolla balances them (ceph_rgw_hosts)',
      };
    }
    if (ctx.spec.backends.ceph.cephfs) ceph.cephfs = { filesystem: 'cephfs' };
    out.ceph = ceph;
  }
  if (ctx.has('octavia')) {
    out.octavia = {
      written_by: '`kolla-ansible octavia-certificates` on the manager (the octavia-certificates phase), before prechecks',
      paths: OCTAVIA_CERTIFICATE_FILES.map((f) => `config/octavia/${f}`),
    };
  }
  if (ctx.spec.backends.storage === 'glusterfs' && ctx.has('glance')) {
    out.glusterfs = {
      mount: GLUSTER_GLANCE_MOUNT,
      volume: ctx.spec.backends.glusterfs.volume,
      hosts: ctx.byRole('control').map((h) => h.spec.name),
      note: 'the GlusterFS volume mounted at this path on every Glance host before kolla deploys Glance (glance_file_datadir_volume)',
    };
  }
  return Object.keys(out).length === 0 ? null : out;
}

/** engine-files.yml text, or null when there is nothing to list. */
export function renderEngineFiles(ctx: RenderContext, cephRendered: boolean): string | null {
  const data = engineFiles(ctx, cephRendered);
  if (!data) return null;
  return (
    '# Files and mounts the deploy engine provides under deploy.configDir (paths relative to it).\n' +
    '# They are never part of the rendered tree, so uploading a re-rendered tree keeps them.\n' +
    toYaml(data)
  );
}
