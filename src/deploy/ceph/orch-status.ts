// Parsers of the orchestrator's JSON answers a host's removal reads (`ceph orch host ls`, `ceph orch
// osd rm status`, `ceph orch ps HOST`, all `--format json`). Pure. The text comes from the cluster, so
// it is untrusted: bounded in size, each field checked, names kept to what cephadm allows.
import { isCephHostName } from './plan.js';

/** The most of an answer that is parsed (a cluster's `orch ps` of one host is a few KiB). */
const MAX_CHARS = 4 * 1024 * 1024;

/** One host cephadm manages. */
export interface OrchHost {
  hostname: string;
  addr: string;
  labels: string[];
}

/** One OSD in the removal queue (`osd rm status`). */
export interface OsdRemoval {
  osdId: number;
  host: string;
  /** The removal was stopped (`ceph orch osd rm stop`, or cephadm gave up): the OSD stays. */
  stopped: boolean;
  /** Still moving its placement groups to other OSDs. */
  draining: boolean;
}

/** One daemon cephadm runs (`orch ps`). */
export interface OrchDaemon {
  type: string;
  id: string;
  host: string;
}

/** The JSON list an answer holds; a text that is none is an error naming the command. */
function jsonList(text: string, what: string): unknown[] {
  if (text.length > MAX_CHARS) throw new Error(`${what} answered ${text.length} characters, more than the ${MAX_CHARS} read`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${what} did not answer JSON: "${text.trim().slice(0, 120)}"`);
  }
  if (!Array.isArray(value)) throw new Error(`${what} did not answer a JSON list`);
  return value;
}

/** A field that must be a string of cephadm's host-name characters. */
function hostField(o: Record<string, unknown>, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !isCephHostName(v)) throw new Error(`${what} lists an entry whose ${key} is not a host name`);
  return v;
}

/** `ceph orch host ls --format json`. */
export function parseHostLs(text: string): OrchHost[] {
  const what = '`ceph orch host ls`';
  return jsonList(text, what).map((e) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const addr = typeof o.addr === 'string' ? o.addr.slice(0, 255) : '';
    const labels = Array.isArray(o.labels) ? o.labels.filter((l): l is string => typeof l === 'string').map((l) => l.slice(0, 64)) : [];
    return { hostname: hostField(o, 'hostname', what), addr, labels };
  });
}

/**
 * `ceph orch osd rm status --format json`. An empty queue is the plain sentence "No OSD remove/replace
 * operations reported" whatever the format (orchestrator/module.py answers it before it looks at the
 * format), read as an empty list.
 */
export function parseOsdRmStatus(text: string): OsdRemoval[] {
  if (/^\s*No OSD remove\/replace operations reported\s*$/.test(text)) return [];
  const what = '`ceph orch osd rm status`';
  return jsonList(text, what).map((e) => {
    const o = (e ?? {}) as Record<string, unknown>;
    if (typeof o.osd_id !== 'number' || !Number.isInteger(o.osd_id) || o.osd_id < 0)
      throw new Error(`${what} lists an entry without an OSD id`);
    return { osdId: o.osd_id, host: hostField(o, 'hostname', what), stopped: o.stopped === true, draining: o.draining === true };
  });
}

/** `ceph orch ps [HOST] --format json`. */
export function parseOrchPs(text: string): OrchDaemon[] {
  const what = '`ceph orch ps`';
  return jsonList(text, what).map((e) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const type = typeof o.daemon_type === 'string' && /^[a-z][a-z0-9-]{0,31}$/.test(o.daemon_type) ? o.daemon_type : null;
    const id = typeof o.daemon_id === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(o.daemon_id) ? o.daemon_id : null;
    if (!type || !id) throw new Error(`${what} lists a daemon without a type or id`);
    return { type, id, host: hostField(o, 'hostname', what) };
  });
}
