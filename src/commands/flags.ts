// Command-line flags, parsed the same way by every verb: node:util parseArgs with a usage error (exit 2)
// that names the verb, one whole-number rule, one comma-list rule.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../spec/did-you-mean.js';
import { UsageError } from './types.js';

/** parseArgs option definitions (the same shape node:util takes). */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Parses argv of `verb`; an unknown flag (with the nearest flag of the verb, if one is close) or a missing value is a UsageError that points at --help. */
export function parseFlags<O extends FlagOptions, P extends boolean = false>(
  verb: string,
  args: string[],
  options: O,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args, options, allowPositionals: (allowPositionals ?? false) as P, strict: true });
  } catch (error) {
    const help = `osism-installer ${verb} --help lists the flags`;
    const near = nearFlag(error as Error & { code?: string }, options);
    throw new UsageError(`${verb}: ${(error as Error).message}`, near ? `did you mean ${near}? ${help}` : help);
  }
}

/** The verb's flag nearest to the unknown one parseArgs refused (`--prest` -> `--preset`), or null. */
function nearFlag(error: Error & { code?: string }, options: FlagOptions): string | null {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return null;
  const given = /'--([^'=]+)/.exec(error.message)?.[1];
  if (!given) return null;
  const near = closest(given, Object.keys(options));
  return near ? `--${near}` : null;
}

/** A whole number from a flag within [min, max], or undefined when the flag was not given. */
export function intFlag(flag: string, text: unknown, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const n = typeof text === 'string' && /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  throw new UsageError(
    max === Number.MAX_SAFE_INTEGER && min === 1
      ? `${flag} "${String(text)}" is not a positive whole number`
      : `${flag} "${String(text)}" must be a whole number from ${min} to ${max}`,
  );
}

/** A comma-separated flag value as a list (blanks dropped), or null when not given or empty. */
export function listFlag(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : null;
}
