// The release-specific variables the renderer writes exist exactly in the releases the catalog says
// (each release's own globals.yml, group_vars and role defaults), and CINDER_VOLUME_ROLE is where each
// release's own multinode puts the cinder-volume group.
import { describe, expect, it } from 'vitest';
import { CINDER_VOLUME_ROLE, RELEASE_VARIABLES } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import { kollaVariables, rootsOf } from './reference.js';

describe.each(RELEASES)('release %s', (release) => {
  it('defines exactly the release-specific variables the catalog lists for it', () => {
    const defined = kollaVariables(release);
    for (const [variable, releases] of Object.entries(RELEASE_VARIABLES))
      expect(defined.has(variable), `${variable} on ${release}`).toBe((releases as readonly string[]).includes(release));
  });

  it('puts the cinder-volume group on the role the catalog says', () => {
    expect([...rootsOf(release, 'cinder-volume')]).toEqual([CINDER_VOLUME_ROLE[release]]);
  });
});
