// The one preset pipeline of validate, render, plan, apply, resume, add-node and the guided flow:
// read the file (unreadable: exit 2), load it through the spec layer (not YAML: exit 2; every other
// problem a finding at file:line:col), apply the SSH flags, take the facts (a `scan --json` file or a
// deployment's saved ones) and run the plan's checks with `locate`, so every finding points into the file.
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { checkSpec, isScanOutput, scanInputs, type ScanInput } from '../plan/index.js';
import { defaultSpec, loadPreset, withSshFlags, type PresetPath } from '../spec/index.js';
import type { Facts } from '../types/facts.js';
import type { Finding, SourceLocation } from '../types/findings.js';
import type { Spec, SshSettings } from '../types/spec.js';
import { EXIT, type ExitCode } from '../types/exit-codes.js';
import { INPUT_LIMITS, readBounded, TooLargeError, type InputLimit } from '../state/read-bounded.js';
import { UsageError } from './types.js';

/** What to load and what to check it with. */
export interface PresetInput {
  /** The preset file as given (relative to `cwd`), or a deployment's saved spec.json. */
  file: string;
  cwd: string;
  /** SSH flags of the command line: they win over the preset's ssh block and are checked with it. */
  ssh?: Partial<SshSettings>;
  /** `--facts FILE` (repeatable): outputs of `scan --json`, read and shape-checked here and merged per host. */
  factsFile?: string | readonly string[] | null;
  /** Facts known otherwise, or how to find them for the loaded Spec (a saved deployment's); not used when `factsFile` is given. */
  facts?: Record<string, Facts> | null | ((spec: Spec) => Record<string, Facts> | null);
  /**
   * The guided flow: a preset without hosts or without network.internalVip still opens (the screens
   * ask them), and the plan's checks are left to the screens, which run them as the operator edits.
   */
  guided?: boolean;
}

/** A loaded and checked preset. */
export interface CheckedPreset {
  file: string;
  /** The Spec with the SSH flags applied; null when the file could not be loaded (the findings say why). */
  spec: Spec | null;
  /** The file's own ssh block, without the SSH flags (what a deployment saves); null with spec. */
  presetSsh: SshSettings | null;
  /** Where a preset key path is written in the file. */
  locate: (path: PresetPath) => SourceLocation | undefined;
  /** Top-level keys the file gives itself (its answers). */
  answered: string[];
  /** Load findings, then the facts file's, then the plan's; each located when the file has the key. */
  findings: Finding[];
  /** The facts checked against: the facts file's usable rows, the given facts, or null (none). */
  facts: Record<string, Facts> | null;
  /** What the `--facts` files gave (facts per host, errors per host); null without any. */
  scan: ScanInput | null;
  /** The exit status of this outcome: 0 nothing fails, 1 a failing finding, 2 the file is not YAML. */
  status: ExitCode;
}

/** Findings of a preset load that the guided screens ask anyway: the hosts (Discover) and the VIP (Network). */
const ASKED_BY_SCREENS = new Set(['hosts', 'network.internalVip']);

/** Why a file could not be read, in the operator's words, for the usual errno codes (null for others). */
export function readFailureReason(e: NodeJS.ErrnoException): string | null {
  return e.code === 'ENOENT'
    ? 'no such file'
    : e.code === 'EISDIR'
      ? 'it is a directory'
      : e.code === 'EACCES'
        ? 'permission denied'
        : null;
}

/** A file named on the command line, read up to its size limit; unreadable or too large -> UsageError (exit 2) naming why. */
export async function readInputFile(cwd: string, file: string, what: string, limit: InputLimit): Promise<string> {
  try {
    return readBounded(isAbsolute(file) ? file : resolve(cwd, file), limit, file);
  } catch (error) {
    if (error instanceof TooLargeError) throw new UsageError(`cannot read the ${what} ${file}: ${error.message}`);
    const e = error as NodeJS.ErrnoException;
    const reason = readFailureReason(e) ?? e.code ?? e.message;
    throw new UsageError(
      `cannot read the ${what} ${file}: ${reason}`,
      what === 'preset' ? 'give the path of a preset YAML file' : undefined,
    );
  }
}

/** `scan --json` output from a file; not JSON or not scan rows -> UsageError (exit 2). */
export function parseScanRows(text: string, file: string): { host: string; address?: string; facts?: unknown; error?: unknown }[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`, 'pass the output of `osism-installer scan HOST... --json`');
  }
  if (!isScanOutput(data))
    throw new UsageError(
      `${file} is not the output of scan --json (expected a list of {host, address, facts?, error?})`,
      'pass the output of `osism-installer scan HOST... --json`',
    );
  return data;
}

/** Top-level keys a preset file gives itself (its answers), read from the YAML mapping. */
export function answeredKeys(text: string): string[] {
  try {
    const doc = parseYaml(text) as unknown;
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc) : [];
  } catch {
    return [];
  }
}

/**
 * Loads a preset for the guided flow: as every verb does, except that a preset without hosts or without
 * network.internalVip is still opened (prefilled, only the missing answers are asked): those two are
 * filled with placeholders for the load (this machine as with no preset, an empty VIP the Network
 * screen asks for) and stay unanswered. Every other problem refuses the file as apply does.
 */
export function loadGuidedPreset(text: string, file: string): ReturnType<typeof loadPreset> {
  const loaded = loadPreset(text, file);
  const fails = loaded.findings.filter((f) => f.severity === 'fail');
  if (loaded.spec || fails.length === 0 || !fails.every((f) => f.id === 'preset.required' && ASKED_BY_SCREENS.has(f.subject ?? '')))
    return loaded;
  const doc = parseDocument(text);
  const missing = new Set(fails.map((f) => f.subject));
  // without hosts the guided flow starts as without a preset: this machine, renamed and given roles by the scan
  if (missing.has('hosts')) doc.set('hosts', defaultSpec().hosts);
  // 192.0.2.1 (TEST-NET-1) only gets the load through; the VIP is emptied again right after
  if (missing.has('network.internalVip')) doc.setIn(['network', 'internalVip'], '192.0.2.1');
  const filled = loadPreset(String(doc), file);
  if (!filled.spec) return loaded;
  const network = missing.has('network.internalVip') ? { ...filled.spec.network, internalVip: '' } : filled.spec.network;
  return { ...filled, spec: { ...filled.spec, network }, findings: [] };
}

/** The exit status of a set of findings: 2 when the file is not YAML, 1 with any failing finding, else 0. */
export function findingsStatus(findings: readonly Finding[]): ExitCode {
  if (findings.some((f) => f.id === 'preset.yaml' && f.severity === 'fail')) return EXIT.unusable;
  return findings.some((f) => f.severity === 'fail') ? EXIT.failed : EXIT.ok;
}

/** Reads, loads and checks a preset: the one way every verb and the guided flow take a preset in. */
export async function loadAndCheck(input: PresetInput): Promise<CheckedPreset> {
  const text = await readInputFile(input.cwd, input.file, 'preset', INPUT_LIMITS.preset);
  const rows: ScanFile[] = [];
  for (const file of factsFiles(input.factsFile))
    rows.push({ file, rows: parseScanRows(await readInputFile(input.cwd, file, 'facts file', INPUT_LIMITS.facts), file) });
  return checkPresetText(text, input, rows.length > 0 ? rows : null);
}

/** One `scan --json` file, parsed. */
export interface ScanFile {
  file: string;
  rows: { host: string; address?: string; facts?: unknown; error?: unknown }[];
}

/** The facts files of a PresetInput as a list (one, several or none). */
function factsFiles(given: PresetInput['factsFile']): readonly string[] {
  return given === undefined || given === null ? [] : typeof given === 'string' ? [given] : given;
}

/** The pure part of loadAndCheck, for text already read (and facts rows already parsed). */
export function checkPresetText(text: string, input: Omit<PresetInput, 'cwd'>, rows: readonly ScanFile[] | null = null): CheckedPreset {
  const loaded = input.guided ? loadGuidedPreset(text, input.file) : loadPreset(text, input.file);
  const findings = [...loaded.findings];
  // Only the guided flow asks for the answered keys: parsing the whole text again for them was 12 % of a
  // 10,000-host render's samples, so they are read on first use.
  let answered: string[] | null = null;
  const done = (spec: Spec | null, facts: Record<string, Facts> | null, scan: ScanInput | null): CheckedPreset => ({
    file: input.file,
    spec,
    presetSsh: loaded.spec?.ssh ?? null,
    locate: loaded.locate,
    get answered() {
      return (answered ??= answeredKeys(text));
    },
    findings,
    facts,
    scan,
    status: findingsStatus(findings),
  });
  if (!loaded.spec) return done(null, null, null);
  const spec = input.ssh ? withSshFlags(loaded.spec, input.ssh) : loaded.spec;
  const known = typeof input.facts === 'function' ? input.facts(spec) : (input.facts ?? null);
  if (input.guided) return done(spec, known, null);
  const scan = rows ? scanInputs(spec, rows) : null;
  const facts = scan ? scan.facts : known;
  findings.push(...(scan?.findings ?? []));
  findings.push(...checkSpec(spec, facts, { locate: loaded.locate, ...(scan ? { scanErrors: scan.errors } : {}) }));
  return done(spec, facts, scan);
}
