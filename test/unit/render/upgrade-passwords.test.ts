// An upgrade renders the new release's tree with the deployment's passwords (kolla-genpwd +
// kolla-mergepwd): every existing secret keeps its value, the keys only the new release has are
// generated, the keys only the old one had stay (mergepwd without --clean). The key lists are each
// release's own (passwordKeys, from its etc/kolla/passwords.yml): along the supported paths the newer
// release only drops keys, so the generating half is shown on 2023.2 -> 2025.1 (kolla 17 -> 20 added
// Valkey's and others), a render the installer does not offer as an upgrade but merges the same way.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { passwordKeys } from '../../../src/render/index.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import type { Release } from '../../../src/types/spec.js';
import { specOf } from '../../helpers/spec.js';

const file = (files: { path: string; content: string }[]) =>
  parse(files.find((f) => f.path === 'passwords.yml')!.content) as Record<string, unknown>;

describe('passwords across an upgrade', () => {
  it.each([
    ['2025.1', '2025.2'],
    ['2025.2', '2026.1'],
    ['2025.1', '2026.1'],
    ['2023.2', '2025.1'],
  ] as [Release, Release][])(
    '%s -> %s: no existing secret changes, keys the new release lacks kept, its new keys generated',
    async (from, to) => {
      const spec = specOf({ release: from });
      const before = await renderWithTemplates({ spec, facts: {}, passwords: null, placeholderKeys: true });
      const after = await renderWithTemplates({
        spec: { ...spec, release: to },
        facts: {},
        passwords: before.passwords,
        placeholderKeys: true,
      });
      const old = file(before.files);
      const now = file(after.files);
      for (const [key, value] of Object.entries(old)) expect([key, now[key]]).toEqual([key, value]);
      const dropped = passwordKeys(from).filter((k) => !passwordKeys(to).includes(k));
      expect(dropped.length).toBeGreaterThan(0);
      for (const key of dropped) expect(key in now, key).toBe(true);
      const added = passwordKeys(to).filter((k) => !passwordKeys(from).includes(k));
      for (const key of added) expect(key in now, key).toBe(true);
      expect(after.addedPasswordKeys.every((k) => !(k in old))).toBe(true);
      // only 2023.2 -> 2025.1 brings keys of its own (valkey_master_password among them)
      if (from === '2023.2') expect(after.addedPasswordKeys).toContain('valkey_master_password');
      else expect(after.addedPasswordKeys).toEqual([]);
    },
  );
});
