// `[user@]host[:port]` strings (scan HOST arguments, -J jump hosts), parsed with clear errors.

/** A parsed `[user@]host[:port]`. */
export interface Endpoint {
  user: string | null;
  host: string;
  port: number | null;
}

/** Parses `[user@]host[:port]` (IPv6 as `[addr]:port` or bare); throws an Error naming the bad part. */
export function parseEndpoint(text: string): Endpoint {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('empty host');
  let rest = trimmed;
  let user: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!/^[A-Za-z0-9._][A-Za-z0-9._-]*\$?$/.test(user)) throw new Error(`"${text}": "${user}" is not a valid user name`);
  }
  let host = rest;
  let port: number | null = null;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2] !== undefined) port = Number(bracket[2]);
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const [h, p] = rest.split(':');
    host = h!;
    if (!/^\d+$/.test(p!)) throw new Error(`"${text}": "${p}" is not a port number`);
    port = Number(p);
  }
  if (port !== null && (port < 1 || port > 65535)) throw new Error(`"${text}": port ${port} is out of range 1-65535`);
  if (host === '' || /[\s/'"`$;&|<>\\]/.test(host)) throw new Error(`"${text}": "${host}" is not a host name or address`);
  return { user, host, port };
}
