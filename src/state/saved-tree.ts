// The rendered tree of the last run, kept in the deployment's state dir (secrets 0600, the
// directory 0700) so `status` and `add-node` can diff against what was uploaded.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A file of a saved tree (same shape as the renderer's RenderedFile). */
export interface SavedFile {
  path: string;
  content: string;
  mode: number;
}

/** Replaces the saved tree with these files. */
export function saveTree(dir: string, files: SavedFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const f of files) {
    const target = join(dir, f.path);
    if (!target.startsWith(dir + sep)) throw new Error(`rendered file "${f.path}" points outside the tree`);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    writeFileSync(target, f.content, { mode: f.mode });
    chmodSync(target, f.mode);
  }
}

/** Reads a saved tree back (empty when there is none). */
export function loadSavedTree(dir: string): SavedFile[] {
  if (!existsSync(dir)) return [];
  const out: SavedFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push({ path: relative(dir, p).split(sep).join('/'), content: readFileSync(p, 'utf8'), mode: st.mode & 0o777 });
    }
  };
  walk(dir);
  return out;
}
