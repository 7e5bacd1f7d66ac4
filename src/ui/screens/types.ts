// What every screen view receives: the state, the pure rules (for findings shown as you edit),
// the body's size, and dispatch (keys reach the reducer through hooks/use-keys.ts, not through views).
import type { InstallerServices } from '../services.js';
import type { WizardState } from '../state/types.js';
import type { Action } from '../state/wizard.js';

/** The pure functions views may call to show live feedback. */
export type ViewRules = Pick<InstallerServices, 'checkSpec' | 'recommendRoles' | 'resolveServices' | 'capacity'>;

/** Props of a screen body. */
export interface ScreenProps {
  state: WizardState;
  rules: ViewRules;
  width: number;
  height: number;
  dispatch: (action: Action) => void;
}
