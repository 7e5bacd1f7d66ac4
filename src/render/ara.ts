// ARA's wiring (pure): where its SQLite database lives on the manager, and the settings every
// kolla-ansible run gets so that ARA's callback records it (the engine sources manager/ara/callback.env
// and adds ARA's callback plugin directory to ANSIBLE_CALLBACK_PLUGINS).

/** The manager's directory of ARA's database, bind-mounted into the ARA server at /opt/ara. */
export const ARA_DATA_DIR = '/var/lib/osism-installer/ara';

/** The ARA release the callback in the kolla venv and the server image share (the image is pinned to the same). */
export const ARA_VERSION = '1.7.2';

/** The callback settings: ARA's offline client writing straight into the server's SQLite database. */
export function araCallbackEnv(): [string, string][] {
  return [
    ['ARA_API_CLIENT', 'offline'],
    ['ARA_BASE_DIR', ARA_DATA_DIR],
    ['ARA_DATABASE_ENGINE', 'django.db.backends.sqlite3'],
    ['ARA_DATABASE_NAME', `${ARA_DATA_DIR}/ansible.sqlite`],
  ];
}
