// Every screen of the guided install, in the order of the flows: each entry pairs a screen's logic
// (state/screens/<id>.ts: keys, enter hook, hints, help, flows) with its view. A new screen is its
// logic, its view and one line here (docs/CONTRIBUTING.md). App.tsx and ui/run.ts hand this list to
// the reducer; nothing under state/ imports it.
import { backendsScreen } from '../state/screens/backends.js';
import { deployScreen, summaryScreen } from '../state/screens/deploy.js';
import { discoverScreen } from '../state/screens/discover.js';
import { networkScreen } from '../state/screens/network.js';
import { reconfigureScreen } from '../state/screens/reconfigure.js';
import { removeScreen } from '../state/screens/remove.js';
import { replaceScreen } from '../state/screens/replace.js';
import { reviewScreen } from '../state/screens/review.js';
import { rolesScreen } from '../state/screens/roles.js';
import { scanScreen } from '../state/screens/scan.js';
import { servicesScreen } from '../state/screens/services.js';
import { upgradeScreen } from '../state/screens/upgrade.js';
import { welcomeScreen } from '../state/screens/welcome.js';
import { BackendsScreen } from './BackendsScreen.js';
import { DeployScreen } from './DeployScreen.js';
import { DiscoverScreen } from './DiscoverScreen.js';
import { NetworkScreen } from './NetworkScreen.js';
import { ReconfigureScreen } from './ReconfigureScreen.js';
import { RemoveScreen } from './RemoveScreen.js';
import { ReplaceScreen } from './ReplaceScreen.js';
import { ReviewScreen } from './ReviewScreen.js';
import { RolesScreen } from './RolesScreen.js';
import { ScanScreen } from './ScanScreen.js';
import { ServicesScreen } from './ServicesScreen.js';
import { SummaryScreen } from './SummaryScreen.js';
import { UpgradeScreen } from './UpgradeScreen.js';
import type { ScreenModule } from './types.js';
import { WelcomeScreen } from './WelcomeScreen.js';

/** The screens, in flow order. */
export const SCREENS: readonly ScreenModule[] = [
  { ...welcomeScreen, View: WelcomeScreen },
  { ...discoverScreen, View: DiscoverScreen },
  { ...scanScreen, View: ScanScreen },
  { ...rolesScreen, View: RolesScreen },
  { ...servicesScreen, View: ServicesScreen },
  { ...backendsScreen, View: BackendsScreen },
  { ...networkScreen, View: NetworkScreen },
  { ...reviewScreen, View: ReviewScreen },
  // the day-2 flows on a saved deployment (Welcome picks it): their own screen, then Deploy and Summary;
  { ...removeScreen, View: RemoveScreen },
  { ...upgradeScreen, View: UpgradeScreen },
  { ...replaceScreen, View: ReplaceScreen },
  // reconfigure: Services and Backends above (on a copy of the saved spec), then its impact
  { ...reconfigureScreen, View: ReconfigureScreen },
  { ...deployScreen, View: DeployScreen, layout: 'full' },
  { ...summaryScreen, View: SummaryScreen },
];
