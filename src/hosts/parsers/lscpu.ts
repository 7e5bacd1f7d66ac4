// lscpu in any of its shapes: `lscpu -J` (flat, or hierarchical with `children` since util-linux
// 2.38) and plain text (old flat layout, or the new indented one with terminal-wrapped values).
// The format is detected from the text. Hybrid CPUs (big.LITTLE) list one model block per core type.
import { asRecord, fail, ok, parseJson, type Parsed } from './result.js';
import { cleanLine, countCpuList, lines, toInt } from './text.js';

/** What lscpu says about the CPUs; counts are null where lscpu prints none or `-`. */
export interface LscpuSummary {
  arch: string | null;
  model: string | null;
  /** Logical CPUs online (`On-line CPU(s) list`), else `CPU(s)`. */
  threads: number | null;
  sockets: number | null;
  /** Physical cores: per core type, cores per socket (or cluster) times sockets (or clusters). */
  cores: number | null;
  flags: string[];
  virtualization: 'vmx' | 'svm' | null;
}

type Field = [name: string, value: string];

/** The (field, value) pairs of `lscpu -J`, depth first. */
function jsonFields(data: unknown): Parsed<Field[]> {
  const root = asRecord(data);
  const list = root?.lscpu;
  if (!Array.isArray(list)) return fail('JSON without an "lscpu" array');
  const out: Field[] = [];
  const walk = (items: unknown[]): void => {
    for (const item of items) {
      const r = asRecord(item);
      if (!r) continue;
      if (typeof r.field === 'string' && (typeof r.data === 'string' || typeof r.data === 'number')) {
        out.push([r.field.replace(/:\s*$/, '').trim(), cleanLine(String(r.data))]);
      }
      if (Array.isArray(r.children)) walk(r.children);
    }
  };
  walk(list);
  return ok(out);
}

/** The (field, value) pairs of plain lscpu; a line indented to the value column continues the value. */
function textFields(text: string): Field[] {
  const out: Field[] = [];
  let valueColumn = 0;
  for (const raw of lines(text)) {
    if (raw.trim() === '') continue;
    const indent = raw.length - raw.trimStart().length;
    const last = out[out.length - 1];
    if (last && valueColumn > 0 && indent >= valueColumn) {
      // Terminal wrapping cut the value at the screen edge; what is past the column is the rest.
      last[1] = cleanLine(last[1] + raw.slice(valueColumn).replace(/\s+$/, ''));
      continue;
    }
    const m = /^(\s*)([^:]+):(\s*)(.*)$/.exec(raw);
    if (!m) continue;
    out.push([m[2]!.trim(), cleanLine(m[4]!)]);
    valueColumn = m[4] === '' ? 0 : m[1]!.length + m[2]!.length + 1 + m[3]!.length;
  }
  return out;
}

/** Reads lscpu output (JSON or text); fails when no CPU count or model can be found. */
export function parseLscpu(text: string): Parsed<LscpuSummary> {
  const trimmed = text.trim();
  let fields: Field[];
  if (trimmed.startsWith('{')) {
    const json = parseJson(trimmed);
    if (!json.ok) return json;
    const f = jsonFields(json.value);
    if (!f.ok) return f;
    fields = f.value;
  } else {
    fields = textFields(text);
  }
  const all = (name: string): string[] => fields.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
  const one = (name: string): string | null => all(name)[0] ?? null;

  const cpus = toInt(one('CPU(s)'));
  const online = one('On-line CPU(s) list');
  const threads = (online !== null ? countCpuList(online) : null) ?? cpus;
  const models = [...new Set(all('Model name').filter((m) => m !== '' && m !== '-'))];
  if (threads === null && models.length === 0) return fail('no "CPU(s)" or "Model name" field');

  const numericSockets = all('Socket(s)')
    .map(toInt)
    .filter((n): n is number => n !== null);
  const s390 = s390Sockets(one);
  if (numericSockets.length === 0 && s390 !== null) numericSockets.push(s390);
  const flags = (one('Flags') ?? '').split(/\s+/).filter(Boolean);
  const virt = (one('Virtualization') ?? '').toLowerCase();

  return ok({
    arch: one('Architecture'),
    model: models.length > 0 ? models.join(', ') : null,
    threads,
    sockets: numericSockets.length > 0 ? Math.max(...numericSockets) : null,
    cores: coreCount(fields, s390),
    flags,
    virtualization: flags.includes('vmx') || virt === 'vt-x' ? 'vmx' : flags.includes('svm') || virt === 'amd-v' ? 'svm' : null,
  });
}

// Every "Core(s) per socket|cluster" opens a group; the next Socket(s)/Cluster(s) belong to it
// (in the old flat layout they follow it too). Cores = sum over groups of per-unit x units;
// a unit count of `-` (unknown) counts as one.
function coreCount(fields: Field[], s390: number | null): number | null {
  type Group = { per: number; unit: 'socket' | 'cluster'; sockets: number | null; clusters: number | null };
  const groups: Group[] = [];
  for (const [name, value] of fields) {
    const n = name.toLowerCase();
    const m = /^core\(s\) per (socket|cluster)$/.exec(n);
    if (m) {
      const per = toInt(value);
      if (per === null) return null;
      groups.push({ per, unit: m[1] as 'socket' | 'cluster', sockets: null, clusters: null });
    } else if (n === 'socket(s)' && groups.length > 0) {
      groups[groups.length - 1]!.sockets = toInt(value);
    } else if (n === 'cluster(s)' && groups.length > 0) {
      groups[groups.length - 1]!.clusters = toInt(value);
    }
  }
  if (groups.length === 0) return null;
  // A Socket(s) line printed before the per-socket line (no group of its own) applies to all groups.
  const loose = fields.find(([n]) => n.toLowerCase() === 'socket(s)');
  const global = (loose ? toInt(loose[1]) : null) ?? s390;
  return groups.reduce((sum, g) => sum + g.per * ((g.unit === 'socket' ? (g.sockets ?? global) : (g.clusters ?? g.sockets)) ?? 1), 0);
}

// s390x prints `Socket(s) per book`, `Book(s) per drawer`, `Drawer(s)` (or `Book(s)`) instead of `Socket(s)`.
function s390Sockets(one: (name: string) => string | null): number | null {
  const perBook = toInt(one('Socket(s) per book'));
  if (perBook === null) return null;
  const books = toInt(one('Book(s)')) ?? mul(toInt(one('Book(s) per drawer')), toInt(one('Drawer(s)')));
  return books === null ? null : perBook * books;
}

function mul(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a * b;
}
