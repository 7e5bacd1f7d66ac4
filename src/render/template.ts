// Template text from templates/ with `@@name@@` placeholders. The marker cannot clash with Jinja
// (`{{ }}`), compose (`${ }`) or INI syntax, so skeletons stay valid files of their own kind.

/** The template of that relative path; throws naming the file when the caller did not load it. */
export function templateText(templates: Record<string, string>, path: string): string {
  const text = templates[path];
  if (text === undefined)
    throw new Error(`template "${path}" is missing from templates/ (the installer's templates directory is incomplete)`);
  return text;
}

/** Replaces every `@@name@@`; a placeholder without a value (or a value without a placeholder) is an error. */
export function fill(templates: Record<string, string>, path: string, values: Record<string, string>): string {
  const text = templateText(templates, path);
  const used = new Set<string>();
  const out = text.replace(/@@([a-z][a-z0-9_]*)@@/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template "${path}" uses @@${name}@@, which the renderer does not provide`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`template "${path}" lacks the placeholder(s) ${unused.map((u) => `@@${u}@@`).join(', ')}`);
  return out;
}
