// Parser of `gluster pool list` (glusterfs 10: a "UUID Hostname State" header, then one line per peer,
// the host asked as `localhost`). Pure; the text comes from a host: untrusted, only read.

/** One peer of the trusted pool. */
export interface GlusterPeer {
  uuid: string;
  /** The name or address it was probed by (`localhost` for the host asked). */
  hostname: string;
  /** Connected or Disconnected. */
  state: string;
}

/** The peers listed (header and lines that are not a peer left out). */
export function parsePoolList(text: string): GlusterPeer[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(f[0]!))
    .map((f) => ({ uuid: f[0]!, hostname: f[1]!, state: f.slice(2).join(' ') }));
}
