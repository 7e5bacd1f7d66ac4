// POSIX shell quoting for anything that reaches a remote or local shell (host facts are untrusted).

/** One argument quoted for sh: safe for any byte string except NUL (which is refused). */
export function shq(value: string): string {
  if (value.includes('\0')) throw new Error('refusing to quote a string that contains a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A command line from separate arguments, each quoted. */
export function shellJoin(args: readonly string[]): string {
  return args.map(shq).join(' ');
}
