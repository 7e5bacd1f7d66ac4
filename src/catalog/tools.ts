// The programs the engine drives besides kolla-ansible, pinned per OpenStack release: the Ceph release
// whose cephadm bootstraps the cluster (cephadm deploys its own release's image), Rally with its OpenStack
// plugins, Docker's compose plugin, and the Debian/Ubuntu (dnf) packages of GlusterFS. The install-tools
// phase installs them before their first use; docs/install-tools.md says where each comes from.
import type { Release } from '../types/spec.js';

/** Versions of the tools a release's deploy drives. */
export interface ToolVersions {
  /** Ceph release name and version of the cephadm that bootstraps the cluster (kolla's external Ceph of that cycle). */
  ceph: { release: string; version: string };
  /** rally-openstack (it pins the Rally it needs) in the manager's Rally venv. */
  rallyOpenstack: string;
  /** Docker's compose plugin (v2) where the manager services and Netdata run. */
  compose: string;
}

/** Per release: Squid from 2025.1 on (Epoxy's cycle; still Squid for 2025.2 and 2026.1), Reef with 2023.2 (Bobcat's); Rally and compose are the same for all. */
export const TOOL_VERSIONS: Record<Release, ToolVersions> = {
  '2026.1': { ceph: { release: 'squid', version: '19.2.3' }, rallyOpenstack: '3.0.0', compose: '2.29.7' },
  '2025.2': { ceph: { release: 'squid', version: '19.2.3' }, rallyOpenstack: '3.0.0', compose: '2.29.7' },
  '2025.1': { ceph: { release: 'squid', version: '19.2.3' }, rallyOpenstack: '3.0.0', compose: '2.29.7' },
  '2023.2': { ceph: { release: 'reef', version: '18.2.7' }, rallyOpenstack: '3.0.0', compose: '2.29.7' },
};

/** A package by its name per package manager. */
export interface ToolPackage {
  apt: string;
  dnf: string;
}

/** GlusterFS: the server (glusterd, the gluster CLI) on storage hosts, the FUSE client where the volume is mounted. */
export const GLUSTER_PACKAGES: { server: ToolPackage; client: ToolPackage } = {
  server: { apt: 'glusterfs-server', dnf: 'glusterfs-server' },
  client: { apt: 'glusterfs-client', dnf: 'glusterfs-fuse' },
};

/** A file a tool is downloaded as: its upstream URL and its name in an offline deploy.toolsSource. `{arch}` is the host's `uname -m`. */
export interface ToolFile {
  url: string;
  name: string;
}

/** cephadm of a Ceph version: the standalone script Ceph publishes for the curl-based install (any distribution). */
export function cephadmFile(version: string): ToolFile {
  return { url: `https://download.ceph.com/rpm-${version}/el9/noarch/cephadm`, name: `cephadm-${version}` };
}

/** Docker's compose plugin of a version, for the host's architecture (Docker's manual plugin install). */
export function composeFile(version: string): ToolFile {
  return {
    url: `https://github.com/docker/compose/releases/download/v${version}/docker-compose-linux-{arch}`,
    name: `docker-compose-${version}-linux-{arch}`,
  };
}

/** The tool versions of a release. */
export function toolVersions(release: Release): ToolVersions {
  return TOOL_VERSIONS[release];
}
