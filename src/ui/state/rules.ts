// The pure functions of the plan layer the reducer needs (findings, recommendations, the service
// closure, capacity). Handed in, so the reducer stays a pure function of (state, action) and tests may use
// the real rules or small fakes.
import type { InstallerServices } from '../services.js';

/** The rule functions the reducer calls. */
export type Rules = Pick<InstallerServices, 'checkSpec' | 'recommendRoles' | 'resolveServices' | 'capacity'>;
