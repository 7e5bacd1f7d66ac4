// A small deterministic YAML writer for the rendered tree: strings are always double-quoted (so
// "yes"/"no", Jinja and anything a host reported stay strings), multi-line text uses a literal
// block, keys keep the order given (callers sort), lists and maps are block style.

/** A value the writer can emit. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** A double-quoted YAML scalar (JSON escapes are valid YAML escapes; U+2028/2029 escaped too). */
export function quote(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A mapping key: bare when it is a plain identifier, quoted otherwise. */
export function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) && !/^(y|n|yes|no|true|false|on|off|null)$/i.test(key) ? key : quote(key);
}

/** True when a string can be written as a literal block (printable ASCII lines without trailing blanks). */
function blockable(text: string): boolean {
  if (!text.includes('\n') || !/^[\x20-\x7e\n]*$/.test(text)) return false;
  if (text.startsWith(' ') || text.startsWith('\n') || text.endsWith('\n\n')) return false;
  return text.split('\n').every((line) => !line.endsWith(' '));
}

/** A scalar on the same line as its key. */
function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write the number ${value} to YAML`);
    return String(value);
  }
  return quote(value);
}

/** Lines of a literal block scalar for `text`, indented by `indent` spaces. */
function block(text: string, indent: number): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const chomp = text.endsWith('\n') ? '' : '-';
  const pad = ' '.repeat(indent);
  return [`|${chomp}`, ...body.split('\n').map((l) => (l === '' ? '' : pad + l))];
}

/** The lines of `value` nested under a key at `indent`. */
function nested(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    const out: string[] = [];
    for (const item of value) {
      if (item !== null && typeof item === 'object') {
        const inner = Array.isArray(item) ? nested(item, indent + 2) : mappingLines(item, indent + 2);
        if (inner.length === 0) out.push(`${pad}- ${Array.isArray(item) ? '[]' : '{}'}`);
        else out.push(`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1));
      } else if (typeof item === 'string' && blockable(item)) {
        const [head, ...rest] = block(item, indent + 2);
        out.push(`${pad}- ${head}`, ...rest);
      } else out.push(`${pad}- ${scalar(item)}`);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') return mappingLines(value, indent);
  return [];
}

/** The lines of a mapping at `indent`. */
function mappingLines(map: { [key: string]: YamlValue }, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const k = `${pad}${yamlKey(key)}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${k} []`);
      else out.push(k, ...nested(value, indent + 2));
    } else if (value !== null && typeof value === 'object') {
      if (Object.keys(value).length === 0) out.push(`${k} {}`);
      else out.push(k, ...nested(value, indent + 2));
    } else if (typeof value === 'string' && blockable(value)) {
      const [head, ...rest] = block(value, indent + 2);
      out.push(`${k} ${head}`, ...rest);
    } else out.push(`${k} ${scalar(value)}`);
  }
  return out;
}

/** A YAML document body for a mapping (keys in the given order), ending with a newline. */
export function toYaml(map: { [key: string]: YamlValue }): string {
  const lines = mappingLines(map, 0);
  return lines.length === 0 ? '{}\n' : lines.join('\n') + '\n';
}

/** Keys of a mapping in sorted order (byte order, the same everywhere). */
export function sortKeys<T>(map: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(map).sort(byteOrder)) out[key] = map[key]!;
  return out;
}

/** Byte-order comparison (locale-independent, so output is the same on every machine). */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
