// The part of mvdan-sh (mvdan/sh's parser compiled to JavaScript; the package ships no types) that
// shell-calls.ts uses.
declare module 'mvdan-sh' {
  /** The syntax package: a parser, the AST walker and node type names. */
  const sh: {
    syntax: {
      NewParser(): { Parse(text: string, name: string): unknown };
      Walk(node: unknown, visit: (node: unknown) => boolean): void;
      NodeType(node: unknown): string;
    };
  };
  export default sh;
}
