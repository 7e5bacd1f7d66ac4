// `scan --json` rows -> Facts per preset host. The rows are untrusted (a file, written from
// hosts): each is shape-checked and a row that does not look like Facts counts as a failed scan.
import type { DiskFacts, Facts, NicFacts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { plausibleFacts } from '../spec/plausible-facts.js';

/** What the rows give the checks: facts per host name, scan errors per host name, findings about the file. */
export interface ScanInput {
  facts: Record<string, Facts>;
  errors: Record<string, string>;
  findings: Finding[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function looksLikeDisk(d: unknown): d is DiskFacts {
  return (
    isObject(d) &&
    typeof d.name === 'string' &&
    typeof d.path === 'string' &&
    typeof d.sizeBytes === 'number' &&
    typeof d.inUse === 'boolean'
  );
}

function looksLikeNic(n: unknown): n is NicFacts {
  return isObject(n) && typeof n.name === 'string' && Array.isArray(n.addresses) && n.addresses.every((a) => typeof a === 'string');
}

/** Why a value is not usable as Facts, or null when it is. */
export function factsProblem(v: unknown): string | null {
  if (!isObject(v)) return 'facts is not an object';
  if (!Array.isArray(v.disks) || !v.disks.every(looksLikeDisk)) return 'facts.disks is not a list of disks';
  if (!Array.isArray(v.nics) || !v.nics.every(looksLikeNic)) return 'facts.nics is not a list of interfaces';
  if (!Array.isArray(v.missing)) return 'facts.missing is not a list';
  if (v.memory !== null && !(isObject(v.memory) && typeof v.memory.totalBytes === 'number')) return 'facts.memory has no totalBytes';
  if (v.cpu !== null && !(isObject(v.cpu) && typeof v.cpu.threads === 'number')) return 'facts.cpu has no thread count';
  return null;
}

/** Whether parsed JSON is the `scan --json` output: a list of rows with a host name. */
export function isScanOutput(v: unknown): v is { host: string; address?: string; facts?: unknown; error?: unknown }[] {
  return Array.isArray(v) && v.every((row) => isObject(row) && typeof row.host === 'string');
}

/** Matches rows to the preset's hosts (by name, else by address) and keeps what is usable. */
export function scanInput(
  spec: Spec,
  rows: { host: string; address?: string; facts?: unknown; error?: unknown }[],
  file: string,
): ScanInput {
  const out: ScanInput = { facts: {}, errors: {}, findings: [] };
  // Looked up by name, else by address (first host wins, as a search in preset order would): one pass, not one per row.
  const byName = new Map<string, Spec['hosts'][number]>();
  const byAddress = new Map<string, Spec['hosts'][number]>();
  for (const h of spec.hosts) {
    if (!byName.has(h.name)) byName.set(h.name, h);
    if (!byAddress.has(h.address)) byAddress.set(h.address, h);
  }
  for (const row of rows) {
    const host = byName.get(row.host) ?? (row.address !== undefined ? byAddress.get(row.address) : undefined);
    if (!host) {
      out.findings.push({
        id: 'facts.unknown-host',
        severity: 'warn',
        subject: row.host,
        message: `${file} has a row for ${row.host}${row.address ? ` (${row.address})` : ''}, which is not a host of the preset; it was ignored.`,
        fix: `Add ${row.host} to hosts: if it belongs to this deployment, or scan only the preset's hosts.`,
      });
      continue;
    }
    if (row.facts !== undefined) {
      const problem = factsProblem(row.facts);
      if (problem === null) {
        // a facts file is as untrusted as a host: implausible device, interface and host names are made harmless
        out.facts[host.name] = plausibleFacts(row.facts as Facts);
        continue;
      }
      out.errors[host.name] = `the row in ${file} is not usable (${problem})`;
    } else {
      out.errors[host.name] = typeof row.error === 'string' && row.error ? row.error : 'the row has neither facts nor an error';
    }
  }
  return out;
}

/**
 * Several `scan --json` files (repeated `--facts`, e.g. hosts scanned in batches) as one input: every
 * file's usable facts are kept (for a host with facts in more than one file, the later file's); a scan
 * error counts only for a host no file has facts for; findings of every file.
 */
export function scanInputs(
  spec: Spec,
  files: readonly { file: string; rows: { host: string; address?: string; facts?: unknown; error?: unknown }[] }[],
): ScanInput {
  const out: ScanInput = { facts: {}, errors: {}, findings: [] };
  for (const { file, rows } of files) {
    const one = scanInput(spec, rows, file);
    Object.assign(out.facts, one.facts);
    Object.assign(out.errors, one.errors);
    out.findings.push(...one.findings);
  }
  for (const host of Object.keys(out.facts)) delete out.errors[host];
  return out;
}
