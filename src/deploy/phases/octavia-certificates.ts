// Phase: `kolla-ansible octavia-certificates` (the amphora CA and client certificates Octavia needs).
import { kollaPhase } from '../kolla/kolla-phase.js';

/** Runs only when Octavia is selected, on the first install (the certificates are kept afterwards). */
export const octaviaCertificatesPhase = kollaPhase({
  id: 'octavia-certificates',
  title: 'Create the Octavia certificates',
  command: 'octavia-certificates',
  limit: () => null,
  managerOnly: true,
  shouldRun: (ctx) =>
    !ctx.spec.services.includes('octavia')
      ? 'Octavia is not selected'
      : ctx.flow === 'add-node'
        ? 'the certificates exist since the first install'
        : null,
});
