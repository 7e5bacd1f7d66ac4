// Discovery targets: CIDRs (10.0.0.0/24, fd00::/120), ranges (10.0.0.10-20, 10.0.0.250-10.0.1.5),
// single addresses and names. Pure: names are only recognised here, resolved by the caller.
import { formatIp, parseIp } from '../../spec/ip.js';

/** Networks larger than this many addresses need --force (a /16). */
export const FORCE_ABOVE = 65_536;
/** Never expand more than this many addresses, even with --force (a /8). */
export const HARD_LIMIT = 16_777_216;

/** One argument, understood. */
export type ParsedTarget =
  | { kind: 'addresses'; target: string; family: 4 | 6; first: bigint; count: bigint; explicit: boolean }
  | { kind: 'name'; target: string; name: string };

/** A bad target: the message names the argument and says what is wrong. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** Whether text looks like a DNS name (letters, digits, hyphens, dots; labels up to 63). */
function isHostName(text: string): boolean {
  return (
    text.length <= 253 &&
    /^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(text)
  );
}

/** Parses one target argument; throws TargetError with the reason. */
export function parseTarget(text: string, opts: { force: boolean }): ParsedTarget {
  const target = text.trim();
  if (target === '') throw new TargetError('empty target');
  if (target.includes('/')) return parseCidr(target, opts);
  const dash = target.indexOf('-');
  if (dash > 0 && parseIp(target.slice(0, dash))) return parseRange(target, dash, opts);
  const ip = parseIp(target);
  if (ip) return { kind: 'addresses', target, family: ip.family, first: ip.value, count: 1n, explicit: true };
  if (/^[\d.]+$/.test(target)) throw new TargetError(`"${target}" is not a valid IPv4 address`);
  if (!isHostName(target))
    throw new TargetError(`"${target}" is neither an address, a CIDR (10.0.0.0/24), a range (10.0.0.10-20) nor a host name`);
  return { kind: 'name', target, name: target };
}

/** Refuses networks that are too large (without --force, or at all). */
function checkSize(target: string, count: bigint, opts: { force: boolean }): void {
  if (count > BigInt(HARD_LIMIT))
    throw new TargetError(`"${target}" has ${count} addresses; the limit is ${HARD_LIMIT} (a /8) even with --force`);
  if (count > BigInt(FORCE_ABOVE) && !opts.force) {
    throw new TargetError(`"${target}" has ${count} addresses, more than a /16 (${FORCE_ABOVE}); narrow it down or add --force`);
  }
}

/** `addr/prefix`: every host address (network and broadcast left out for IPv4 below /31). */
function parseCidr(target: string, opts: { force: boolean }): ParsedTarget {
  const [addr, prefixText, extra] = target.split('/');
  const ip = addr ? parseIp(addr) : null;
  if (!ip || extra !== undefined) throw new TargetError(`"${target}" is not a valid CIDR: "${addr}" is not an IP address`);
  const bits = ip.family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText ?? '') || Number(prefixText) > bits) {
    throw new TargetError(`"${target}" is not a valid CIDR: the prefix must be a number from 0 to ${bits}`);
  }
  const prefix = BigInt(Number(prefixText));
  const size = 1n << (BigInt(bits) - prefix);
  const network = (ip.value >> (BigInt(bits) - prefix)) << (BigInt(bits) - prefix);
  if (network !== ip.value) {
    throw new TargetError(
      `"${target}" is not a network address: did you mean ${formatIp({ family: ip.family, value: network })}/${prefix}?`,
    );
  }
  let first = network;
  let count = size;
  if (ip.family === 4 && prefix < 31n) {
    first += 1n;
    count -= 2n;
  }
  checkSize(target, count, opts);
  return { kind: 'addresses', target, family: ip.family, first, count, explicit: count === 1n };
}

/** `a.b.c.X-Y` (last octet) or `ADDR-ADDR`. */
function parseRange(target: string, dash: number, opts: { force: boolean }): ParsedTarget {
  const start = parseIp(target.slice(0, dash))!;
  const endText = target.slice(dash + 1);
  let end: bigint;
  if (/^\d{1,3}$/.test(endText) && start.family === 4) {
    const last = Number(endText);
    if (last > 255) throw new TargetError(`"${target}": ${last} is not an octet (0-255)`);
    end = (start.value & ~0xffn) | BigInt(last);
  } else {
    const e = parseIp(endText);
    if (!e || e.family !== start.family)
      throw new TargetError(`"${target}" is not a valid range: write 10.0.0.10-20 or 10.0.0.10-10.0.0.20`);
    end = e.value;
  }
  if (end < start.value) throw new TargetError(`"${target}" is not a valid range: it ends before it starts`);
  const count = end - start.value + 1n;
  checkSize(target, count, opts);
  return { kind: 'addresses', target, family: start.family, first: start.value, count, explicit: count === 1n };
}

/** The addresses of a parsed address target, in order. */
export function* expand(t: Extract<ParsedTarget, { kind: 'addresses' }>): Generator<string> {
  for (let i = 0n; i < t.count; i += 1n) yield formatIp({ family: t.family, value: t.first + i });
}
