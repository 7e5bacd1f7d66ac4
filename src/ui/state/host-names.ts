// Inventory names for discovered hosts: the name a preset gave, else the host's own short
// hostname, else one made from the address; always unique and valid as a kolla inventory name.

/** A short hostname usable as an inventory name (letters, digits, dashes), or null. */
export function validShortName(hostname: string | null): string | null {
  if (!hostname) return null;
  const short = hostname.trim().split('.')[0] ?? '';
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(short) ? short : null;
}

/** A name made from an address: `local` stays, 10.0.0.11 becomes host-10-0-0-11, a DNS name its first label. */
export function nameFromAddress(address: string): string {
  if (address === 'local') return 'local';
  const fromDns = validShortName(address);
  if (fromDns && !/^\d+$/.test(fromDns)) return fromDns;
  const slug = address
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `host-${slug || 'unknown'}`.slice(0, 63);
}

/** `base`, or base-2, base-3 ... when taken (compared without case, as DNS does). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`.toLowerCase())) return `${base}-${i}`;
}
