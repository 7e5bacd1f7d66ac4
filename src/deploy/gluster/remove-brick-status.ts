// Parser of `gluster volume remove-brick VOL BRICK... status --xml` (glusterfs 10): one <node> per
// peer that holds a leaving brick, with its migration counters and <statusStr> (not started, in
// progress, completed, stopped, failed), or <opRet>-1 and <opErrstr> when glusterd refuses (no
// remove-brick started for these bricks). Pure; the text comes from a host: untrusted, only read.

/** One node's migration of a remove-brick (what glusterd counts per peer). */
export interface RemoveBrickNode {
  /** The peer as glusterd names it (the address it was probed by, or `localhost` for the host asked). */
  node: string;
  /** Files moved, bytes moved, files looked at, files that failed or were skipped. */
  files: number;
  bytes: number;
  scanned: number;
  failures: number;
  skipped: number;
  /** glusterd's word: not started, in progress, completed, stopped, failed (lower case as printed). */
  status: string;
  runtimeSeconds: number;
}

/** A remove-brick status answer: the nodes, or glusterd's refusal (error). */
export interface RemoveBrickStatus {
  nodes: RemoveBrickNode[];
  /** opErrstr when opRet is not 0 (e.g. no remove-brick was started for these bricks), else null. */
  error: string | null;
}

/** Where a remove-brick stands, over all its nodes. */
export type RemoveBrickState = 'none' | 'running' | 'completed' | 'failed';

/** The longest text of the host's taken into a message (an error, a node's name, a status word). */
const MAX_TEXT = 300;

/** The text of the first <tag> inside xml (entities decoded), or null. */
function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? decode(m[1]!) : null;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const num = (s: string | null): number => {
  const n = Number(s ?? '');
  return Number.isFinite(n) ? n : 0;
};

/** Parses the --xml answer; text that is not glusterd's XML is an error naming its start. */
export function parseRemoveBrickStatus(xml: string): RemoveBrickStatus {
  const ret = tag(xml, 'opRet');
  if (ret === null) return { nodes: [], error: `not gluster's XML: ${xml.trim().slice(0, 120) || '(empty)'}` };
  if (ret !== '0') return { nodes: [], error: (tag(xml, 'opErrstr') || `opRet ${ret}`).slice(0, MAX_TEXT) };
  const section = /<volRemoveBrick>([\s\S]*)<\/volRemoveBrick>/.exec(xml)?.[1] ?? '';
  const nodes = [...section.matchAll(/<node>([\s\S]*?)<\/node>/g)].map(([, body]) => ({
    node: (tag(body!, 'nodeName') ?? '?').slice(0, MAX_TEXT),
    files: num(tag(body!, 'files')),
    bytes: num(tag(body!, 'size')),
    scanned: num(tag(body!, 'lookups')),
    failures: num(tag(body!, 'failures')),
    skipped: num(tag(body!, 'skipped')),
    status: (tag(body!, 'statusStr') ?? 'unknown').toLowerCase().slice(0, MAX_TEXT),
    runtimeSeconds: num(tag(body!, 'runtime')),
  }));
  return { nodes, error: null };
}

/** Over all nodes: failed (or stopped) wins, then running (not started, in progress), then completed; no node: none. */
export function removeBrickState(status: RemoveBrickStatus): RemoveBrickState {
  if (status.error !== null || status.nodes.length === 0) return 'none';
  if (status.nodes.some((n) => n.status === 'failed' || n.status === 'stopped')) return 'failed';
  if (status.nodes.every((n) => n.status === 'completed')) return 'completed';
  return 'running';
}
