// The keys each screen offers: the bottom line shows them, `?` explains them in full.
import type { Hint } from '../components/KeyHints.js';
import type { WizardState } from '../state/types.js';

/** Keys every screen has. */
export const GLOBAL_HELP: readonly Hint[] = [
  ['↑↓ / j k', 'move'],
  ['space', 'toggle / change'],
  ['enter', 'confirm, go on'],
  ['tab', 'next field or section'],
  ['esc', 'back one screen'],
  ['?', 'this help'],
  ['q', 'quit (asks first while a deploy runs)'],
  ['ctrl-c', 'quit (asks first while a deploy runs; twice while stopping: leave now)'],
];

/** The bottom line of the current screen. */
export function hintsFor(state: WizardState): readonly Hint[] {
  switch (state.screen) {
    case 'welcome':
      if (state.welcome.mode === 'preset-path')
        return [
          ['enter', 'open'],
          ['esc', 'menu'],
          ['ctrl-u', 'clear'],
        ];
      return [
        ['↑↓', 'move'],
        ['enter', 'choose'],
        ['?', 'help'],
        ['q', 'quit'],
      ];
    case 'discover':
      return state.discover.focus === 'targets'
        ? [
            ['enter', 'discover'],
            ['tab', 'results'],
            ['esc', 'back'],
            ['?', 'help'],
          ]
        : [
            ['↑↓', 'move'],
            ['space', 'include'],
            ['a', 'accept key'],
            ['A', 'accept all'],
            ['enter', 'next'],
            ['tab', 'targets'],
            ['?', 'help'],
          ];
    case 'scan':
      return state.scan.details !== null
        ? [
            ['↑↓', 'scroll'],
            ['tab', 'next host'],
            ['esc', 'close'],
            ['?', 'help'],
          ]
        : state.scan.user !== null
          ? [
              ['type', 'user'],
              ['enter', 'set and rescan'],
              ['esc', 'cancel'],
            ]
          : [
              ['↑↓', 'move'],
              ['d', 'details'],
              ['r', 'rescan'],
              ['u', 'login user'],
              ['enter', 'next'],
              ['esc', 'back'],
              ['?', 'help'],
            ];
    case 'roles':
      return [
        ['↑↓', 'host'],
        ['←→', 'role'],
        ['space', 'toggle'],
        ['1-6', 'toggle role'],
        ['r', 'recommended'],
        ['enter', 'next'],
        ['esc', 'back'],
      ];
    case 'services':
      return [
        ['↑↓', 'move'],
        ['space', 'toggle'],
        ['r', 'release'],
        ['enter', 'next'],
        ['esc', 'back'],
        ['?', 'help'],
      ];
    case 'backends':
      return [
        ['↑↓', 'move'],
        ['←→/space', 'change'],
        ['enter', 'next'],
        ['esc', 'back'],
        ['?', 'help'],
      ];
    case 'network':
      return [
        ['↑↓', 'move'],
        ['type', 'address'],
        ['←→', 'interface'],
        ['enter', 'next'],
        ['esc', 'back'],
        ['?', 'help'],
      ];
    case 'review':
      if (state.review.confirm)
        return [
          ['y', 'yes'],
          ['n', 'no'],
        ];
      if (state.review.name)
        return [
          ['enter', 'rename'],
          ['esc', 'cancel'],
        ];
      if (state.review.openFile)
        return [
          ['↑↓', 'scroll'],
          ['esc', 'close diff'],
        ];
      return [
        ['tab', 'section'],
        ['↑↓', 'move'],
        ['space', 'diff'],
        ['enter', 'deploy'],
        ['d', 'dry run'],
        ['n', 'rename'],
        ['esc', 'back'],
      ];
    case 'deploy':
      return state.deploy.status === 'cancelling'
        ? [['ctrl-c', 'leave now']]
        : [
            ['q', 'stop (asks)'],
            ['?', 'help'],
          ];
    case 'summary':
      return [
        ['enter', 'exit'],
        ['q', 'exit'],
      ];
  }
}

/** What the screen's own keys do, for the help overlay. */
export function screenHelp(state: WizardState): string[] {
  switch (state.screen) {
    case 'welcome':
      return [
        'Choose what to do: ↑↓ (j k) move the pointer, Enter chooses, 1-4 choose an entry at once. New install starts with this machine as an all-in-one target; the next screen changes the targets.',
        'Open a preset: its answers are taken, only what is missing is asked.',
      ];
    case 'discover':
      return [
        'Type targets (addresses, names, 10.0.0.10-20, 10.0.0.0/24, local) and press Enter: each answering host shows its SSH host key fingerprint.',
        'A host key is trusted only when you accept it: compare the fingerprint with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host console, then press a (A accepts every shown key).',
        'space includes or excludes a host; a changed key is refused (possible interception).',
      ];
    case 'scan':
      return [
        'Every host is scanned once over SSH (one command). d (or →) opens the details of a host; r scans the failed hosts again.',
        "u changes the login user of the hosts that could not be scanned (root login refused? type the image's user, e.g. ubuntu: it gets root through sudo -n) and scans them again; hosts that answered keep theirs. It goes to the preset as ssh.user (every host) or hosts[].ssh.user.",
      ];
    case 'roles':
      return [
        'The grid shows roles per host; space toggles the role under the cursor, 1-6 toggle manager, control, network, compute, storage, monitoring.',
        'r applies the recommendation. Control hosts need a majority: 1 or 3 (or 5).',
      ];
    case 'services':
      return [
        'space selects a service. Core services are always deployed; dependencies are added and say why; refused choices say why and are not taken. r switches the OpenStack release.',
      ];
    case 'backends':
      return [
        '←/→ or space change a value. The OSD list shows every scanned disk of the storage hosts: disks holding data are marked with the reason and cannot be picked.',
      ];
    case 'network':
      return [
        'Type the internal VIP (an unused address of the api subnet); it is checked as you type. ←/→ choose interfaces from the scanned ones, per host if they differ.',
        "With Ironic: its provisioning network's DHCP range as START-END,GATEWAY (kolla's prechecks need it). With Designate: the NS records of your zones, comma-separated.",
      ];
    case 'review':
      return [
        'Tab switches between findings, capacity, the files to be written and the phases. space (or →) on a file shows its diff (secrets are never shown).',
        'Enter deploys after you confirm (refused while findings fail); d runs a dry run that changes nothing; n renames the deployment.',
      ];
    case 'deploy':
      return [
        'Finished phases, failures and warnings are printed above; the full output is in the log files. q or Ctrl-C asks, then stops cleanly; `osism-installer resume NAME` continues later.',
      ];
    case 'summary':
      return ['Enter or q leaves. The preset file replays this install with `osism-installer apply --preset FILE`.'];
  }
}
