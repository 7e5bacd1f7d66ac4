// The one IP module: IPv4/IPv6 addresses and CIDRs as numbers, for the preset's checks, the network
// rules (VIP in subnet, duplicates), discovery targets (ranges, CIDRs) and address order. Pure;
// addresses from facts are untrusted strings, so every parser returns null on junk. Our own rather
// than a library: we need the 128-bit arithmetic (ranges, VIP suggestions) and strict dotted quads
// (ipaddr.js's parse also takes octal and hex forms such as 0x0a.1, which no operator means).

/** One parsed address: family and its value as an unsigned integer (32 or 128 bits). */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** An interface address with its prefix length, e.g. 10.0.0.11/24. */
export interface Cidr {
  address: IpAddress;
  prefix: number;
}

function parseIpv4(text: string): bigint | null {
  // By character rather than split + regex + BigInt per part: every check of a 10,000-host preset parses each address several times.
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // the end closes the last part like a "."
    if (c === 46) {
      // no leading zeros (010 is 8 to some tools and 10 to others), 1 to 3 digits, at most 255
      if (digits === 0 || part > 255 || ++parts > 4) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 3 || (digits === 1 && part === 0)) return null;
      part = part * 10 + (c - 48);
      digits++;
    } else return null;
  }
  return parts === 4 ? BigInt(value) : null;
}

function parseIpv6(text: string): bigint | null {
  const zoneless = text.split('%')[0]!;
  if (zoneless.length === 0 || !/^[0-9a-fA-F:.]+$/.test(zoneless)) return null;
  const halves = zoneless.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Parses an IPv4 or IPv6 address (no prefix; an IPv6 zone such as %eth0 is dropped); null when it is not one. */
export function parseIp(text: string): IpAddress | null {
  const t = text;
  if (t.includes(':')) {
    const v = parseIpv6(t);
    return v === null ? null : { family: 6, value: v };
  }
  const v = parseIpv4(t);
  return v === null ? null : { family: 4, value: v };
}

/** Parses `address/prefix` as `ip -j addr` and presets write it; null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addr, prefixText, extra] = text.split('/');
  if (addr === undefined || prefixText === undefined || extra !== undefined || !/^\d{1,3}$/.test(prefixText)) return null;
  const address = parseIp(addr);
  if (!address) return null;
  const prefix = Number(prefixText);
  if (prefix > bits(address.family)) return null;
  return { address, prefix };
}

function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function hostMask(cidr: Cidr): bigint {
  return (1n << BigInt(bits(cidr.address.family) - cidr.prefix)) - 1n;
}

/** Whether two addresses are the same (10.0.0.1 and ::ffff:... are different families, so never equal). */
export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.value === b.value;
}

/** Whether `ip` lies inside the subnet of `cidr` (same family, same network bits). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.address.family !== ip.family) return false;
  const mask = hostMask(cidr);
  return (cidr.address.value & ~mask) === (ip.value & ~mask);
}

/** Whether `ip` is the network address, or (IPv4 below /31) the broadcast address, of the subnet. */
export function isNetworkOrBroadcast(cidr: Cidr, ip: IpAddress): boolean {
  if (!cidrContains(cidr, ip)) return false;
  const mask = hostMask(cidr);
  if (ip.family === 4 && cidr.prefix >= 31) return false;
  const hostPart = ip.value & mask;
  return hostPart === 0n || (ip.family === 4 && hostPart === mask);
}

/** The subnet in canonical text, e.g. 10.0.0.0/24, for messages. */
export function subnetText(cidr: Cidr): string {
  const mask = hostMask(cidr);
  return `${formatIp({ family: cidr.address.family, value: cidr.address.value & ~mask })}/${cidr.prefix}`;
}

/** An address in canonical text (IPv6 compressed per RFC 5952). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** A dotted-quad IPv4 address literal (no zone, no surrounding space). */
export function isIPv4(text: string): boolean {
  return parseIp(text)?.family === 4;
}

/** An IPv6 address literal, without a zone (a preset names addresses, not link-local scopes). */
export function isIPv6(text: string): boolean {
  return !text.includes('%') && parseIp(text)?.family === 6;
}

/** Orders addresses numerically, IPv4 before IPv6; names (and `local`) by text after them. */
export function compareAddresses(a: string, b: string): number {
  const x = parseIp(a);
  const y = parseIp(b);
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b);
  if (x.family !== y.family) return x.family - y.family;
  return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
}
