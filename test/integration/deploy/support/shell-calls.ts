// The programs a shell command line calls, found by a real shell parser (mvdan/sh, the parser of
// shfmt, as the npm package mvdan-sh): every simple command in order, through &&, ||, pipes, { },
// here-documents and `env NAME=VALUE` prefixes, with its words unquoted as the shell would.
import sh from 'mvdan-sh';

const { syntax } = sh;

/** One program call: its name as written (path allowed) and its arguments. */
export interface ShellCall {
  program: string;
  argv: string[];
}

/** A word's value, or null when it depends on the shell's state ($HOME, $(...)). */
function wordValue(word: { Parts: unknown[] }): string | null {
  let out = '';
  for (const part of word.Parts as { Value?: string; Parts?: unknown[] }[]) {
    const type = syntax.NodeType(part);
    if (type === 'Lit') out += part.Value!.replace(/\\(.)/gs, '$1');
    else if (type === 'SglQuoted') out += part.Value!;
    else if (type === 'DblQuoted') {
      const inner = wordValue({ Parts: part.Parts ?? [] });
      if (inner === null) return null;
      out += inner;
    } else return null;
  }
  return out;
}

/** Every program the command line calls, in the order written (a parse error throws with the line). */
export function shellCalls(command: string): ShellCall[] {
  let file: unknown;
  try {
    file = syntax.NewParser().Parse(command, 'plan');
  } catch (error) {
    const text = (error as { Error?: () => string }).Error?.() ?? String(error);
    throw new Error(`not a shell command line (${text}): ${command}`);
  }
  const calls: ShellCall[] = [];
  syntax.Walk(file, (node: unknown) => {
    if (node && syntax.NodeType(node) === 'CallExpr') {
      let words = (node as { Args: { Parts: unknown[] }[] }).Args.map(wordValue);
      // `env NAME=VALUE ... program args`: the program is the first word that is not an assignment
      if (words[0] === 'env') {
        words = words.slice(1);
        while (words.length > 0 && (words[0] === null || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!))) words = words.slice(1);
      }
      if (words.length > 0 && words[0] !== null)
        calls.push({ program: words[0]!, argv: words.slice(1).map((w) => w ?? '<depends on the shell>') });
    }
    return true;
  });
  return calls;
}
