// src/catalog/kolla-plays.ts and the stand-in's test/standins/kolla-plays.json are what
// scripts/gen-kolla-plays.mjs derives from the upstream tarballs, byte for byte: a hand edit, or a
// tarball that changed, fails here with the command that mends it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { generate, generateStandin, OUTPUT, STANDIN_OUTPUT } from '../../scripts/gen-kolla-plays.mjs';

describe('the play lists per release', () => {
  it('are exactly what the generator derives from the kolla-ansible tarballs (run node scripts/gen-kolla-plays.mjs)', async () => {
    const text = (await generate()) as string;
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe(text);
  });

  it("the stand-in kolla-ansible's copy too (run node scripts/gen-kolla-plays.mjs)", async () => {
    const text = (await generateStandin()) as string;
    expect(readFileSync(STANDIN_OUTPUT as string, 'utf8')).toBe(text);
  });
});
