// What a release's kolla-ansible asks of the machine it runs on (the manager), from each release's own
// files: the Python its setup.cfg accepts (`python_requires`) and the packages its quickstart
// (doc/source/user/quickstart.rst, "Install dependencies") installs before the venv is built.
// test/unit/catalog/kolla-manager.test.ts reads both from the upstream tarballs and fails on any difference.

/** Manager requirements of one release. */
export interface ManagerRequirements {
  /** Lowest Python (major.minor) kolla-ansible installs on: setup.cfg `python_requires = >=X.Y`. */
  pythonMin: string;
  /** Debian/Ubuntu packages: the quickstart's `apt install` lines (build dependencies, then python3-venv). */
  apt: string[];
  /** Rocky/CentOS packages: the quickstart's `dnf install` line. */
  dnf: string[];
}

const DNF = ['git', 'python3-devel', 'libffi-devel', 'gcc', 'openssl-devel', 'python3-libselinux'];
const APT_17 = ['git', 'python3-dev', 'libffi-dev', 'gcc', 'libssl-dev', 'python3-venv'];
// 2025.1 added libdbus-glib-1-dev (dbus-python is built in the venv for kolla's systemd support).
const APT_20 = ['git', 'python3-dev', 'libffi-dev', 'gcc', 'libssl-dev', 'libdbus-glib-1-dev', 'python3-venv'];

/** Per release (keys: release names, including those the catalog may not offer yet). */
export const MANAGER_REQUIREMENTS: Readonly<Record<string, ManagerRequirements>> = {
  '2023.2': { pythonMin: '3.8', apt: APT_17, dnf: DNF },
  '2025.1': { pythonMin: '3.10', apt: APT_20, dnf: DNF },
  '2025.2': { pythonMin: '3.11', apt: APT_20, dnf: DNF },
  '2026.1': { pythonMin: '3.11', apt: APT_20, dnf: DNF },
};

/** The manager requirements of a release (throws for a release without an entry: a catalog gap, not user input). */
export function managerRequirements(release: string): ManagerRequirements {
  const r = MANAGER_REQUIREMENTS[release];
  if (!r) throw new Error(`no manager requirements for release ${release} (src/catalog/kolla-manager.ts)`);
  return r;
}

/** Whether a Python version string ("3.9.18", "3.11") is at least `min` ("3.10"); null when it cannot be read. */
export function pythonAtLeast(version: string, min: string): boolean | null {
  const v = /^(\d+)\.(\d+)/.exec(version.trim());
  const m = /^(\d+)\.(\d+)$/.exec(min);
  if (!v || !m) return null;
  const [vMaj, vMin, mMaj, mMin] = [v[1], v[2], m[1], m[2]].map(Number) as [number, number, number, number];
  return vMaj !== mMaj ? vMaj > mMaj : vMin >= mMin;
}
