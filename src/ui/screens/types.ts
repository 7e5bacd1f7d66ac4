// What every screen view receives: the state, the pure rules (for findings shown as you edit),
// the body's size, the terminal's rows, the deploy run's model, and dispatch (keys reach the reducer
// through hooks/use-keys.ts, not through views). A screen module is its logic plus its view.
import type { ComponentType } from 'react';
import type { InstallerServices } from '../services.js';
import type { DeployModel } from '../state/deploy-model.js';
import type { ScreenLogic } from '../state/screen.js';
import type { WizardState } from '../state/types.js';
import type { Action } from '../state/wizard.js';

/** The pure functions views may call to show live feedback. */
export type ViewRules = Pick<InstallerServices, 'checkSpec' | 'recommendRoles' | 'resolveServices' | 'capacity'>;

/** Props of a screen body. */
export interface ScreenProps {
  state: WizardState;
  rules: ViewRules;
  width: number;
  /** Rows of the body (inside the frame). */
  height: number;
  /** Rows of the whole terminal (a full-screen view lays itself out). */
  rows: number;
  dispatch: (action: Action) => void;
  /** Holder of the current deploy run's model (replaced when a run starts). */
  holder: { model: DeployModel };
}

/** A screen: its logic (state/screens/<id>.ts) and its view, as the registry lists it. */
export interface ScreenModule extends ScreenLogic {
  View: ComponentType<ScreenProps>;
  /** 'full': drawn without the frame, laying out the terminal itself (Deploy); default 'frame'. */
  layout?: 'frame' | 'full';
}
