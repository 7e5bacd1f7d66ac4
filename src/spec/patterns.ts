// Shape checks for preset strings: each returns null when fine, or what is wrong. Pure (no node:net).
import { isIPv4, isIPv6 } from './ip.js';

/** Deployment name: used as a directory name under the state dir. */
export function checkDeploymentName(v: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v)
    ? null
    : 'it must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 64)';
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** A DNS name, with or without the final dot (Designate's NS records). */
export function checkDnsName(v: string): string | null {
  return checkHostName(v.endsWith('.') ? v.slice(0, -1) : v);
}

/** A file the manager fetches or copies: an http(s) URL without spaces, or an absolute path (Ironic's agent images). */
export function checkFileSource(v: string): string | null {
  if (/^https?:\/\/[^\s/]+\/\S*$/.test(v)) return null;
  if (v.startsWith('/') && !/[\0\n\r]/.test(v) && !v.split('/').includes('..')) return null;
  return 'it is neither an http(s) URL nor an absolute path on the manager';
}

/** Host inventory name: a hostname (RFC 1123 labels). */
export function checkHostName(v: string): string | null {
  return HOSTNAME.test(v) ? null : 'it is not a valid hostname (letters, digits and "-", dot-separated labels)';
}

/** An IP address literal. */
export function checkIp(v: string): string | null {
  return isIPv4(v) || isIPv6(v) ? null : 'it is not an IPv4 or IPv6 address';
}

/**
 * Digits and dots only (10.0.0.999, 10.0.0): meant as an IPv4 address. No DNS name has an all-numeric
 * top-level label (RFC 3696 §2), so such a text is a mistyped address, never a name to resolve.
 */
function looksNumeric(v: string): boolean {
  return /^[0-9.]+$/.test(v) && /\d/.test(v);
}

/** Host address: `local`, an IP address or a DNS name. */
export function checkAddress(v: string): string | null {
  if (looksNumeric(v) && !isIPv4(v))
    return 'it is not an IPv4 address (four numbers from 0 to 255, e.g. 10.0.0.11), and a DNS name cannot be all digits';
  if (v === 'local' || isIPv4(v) || isIPv6(v) || HOSTNAME.test(v)) return null;
  return 'it is not `local`, an IP address or a DNS name';
}

/** Network interface name (Linux: at most 15 characters, no "/", ":" or spaces). */
export function checkInterface(v: string): string | null {
  return /^[A-Za-z0-9_@-][A-Za-z0-9_.@-]{0,14}$/.test(v)
    ? null
    : 'it is not a network interface name (at most 15 letters, digits, "_", ".", "@", "-")';
}

/** Environment variable name. */
export function checkEnvName(v: string): string | null {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)
    ? null
    : 'it is not an environment variable name (letters, digits, "_"; not starting with a digit)';
}

/** Jump host `[user@]host[:port]`. */
export function checkJumpHost(v: string): string | null {
  const m = /^(?:([A-Za-z0-9._-]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(v);
  if (!m) return 'it is not [user@]host[:port]';
  if (looksNumeric(m[2]!) && !isIPv4(m[2]!)) return `"${m[2]}" is not an IPv4 address (four numbers from 0 to 255)`;
  if (m[3] && (Number(m[3]) < 1 || Number(m[3]) > 65535)) return 'its port is not from 1 to 65535';
  return null;
}

/** A file path: absolute or starting with `~/`; no control characters. */
export function checkFilePath(v: string): string | null {
  if (/[\u0000-\u001f]/.test(v)) return 'it contains control characters';
  return v.startsWith('/') || v.startsWith('~/') ? null : 'it is not an absolute path (or one starting with ~/)';
}

/** An absolute path on a host. */
export function checkAbsolutePath(v: string): string | null {
  if (/[\u0000-\u001f]/.test(v)) return 'it contains control characters';
  return v.startsWith('/') && v.length > 1 ? null : 'it is not an absolute path other than /';
}

/** A block device path under /dev. */
export function checkDevice(v: string): string | null {
  return /^\/dev\/[A-Za-z0-9._:+\/-]+$/.test(v) && !v.includes('..') ? null : 'it is not a device path under /dev';
}

/** A discovery target: an address, a CIDR, a range like 10.0.0.10-20, or a name. */
export function checkTarget(v: string): string | null {
  return /^[A-Za-z0-9.:\/\[\]-]+$/.test(v) ? null : 'it is not an address, CIDR, range (10.0.0.10-20) or name';
}

/** A command name or path (one word). */
export function checkCommand(v: string): string | null {
  return /^[A-Za-z0-9_.\/~+-]+$/.test(v) ? null : 'it is not a command name or path (one word)';
}

/** A pip index URL (http, https, file) or an absolute wheelhouse directory. */
export function checkPipIndex(v: string): string | null {
  if (/^(https?|file):\/\/\S+$/.test(v) || checkAbsolutePath(v) === null) return null;
  return 'it is not an http(s)/file URL or an absolute directory';
}

/** deploy.registry: `host[:port]` or `http(s)://host[:port]`, without a path (kolla's docker_registry is a host). */
export function checkRegistry(v: string): string | null {
  return /^(https?:\/\/)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?\/?$/.test(v)
    ? null
    : 'it is not a registry host[:port] (e.g. registry.example.com:5000 or http://10.0.0.5:5000)';
}

/** deploy.proxy: an http(s) URL of a proxy, `scheme://host:port` (user:password is refused: it would be a secret in the preset). */
export function checkProxy(v: string): string | null {
  if (/@/.test(v)) return 'it carries credentials; a preset holds no secret (use a proxy that allows the hosts by address)';
  return /^https?:\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}\/?$/.test(v) ? null : 'it is not a proxy URL http://host:port';
}

/** deploy.managerBind: `internal`, `all` or an IP address. */
export function checkManagerBind(v: string): string | null {
  return v === 'internal' || v === 'all' || checkIp(v) === null ? null : 'it is not internal, all or an IP address';
}

/** A GlusterFS volume name. */
export function checkVolumeName(v: string): string | null {
  return /^[A-Za-z0-9_-]{1,64}$/.test(v) ? null : 'it is not a GlusterFS volume name (letters, digits, "_", "-")';
}

/** Keys that would hold a secret: refused anywhere in a preset, their value never read or echoed. */
export const SECRET_KEY = /^(password|passwd|pass|passphrase|private[_-]?key|secret|token)$/i;
