// The preset layer: YAML preset <-> Spec, defaults, SSH layering. Pure (text in, data out).
export { loadPreset, TOP_KEYS } from './load-preset.js';
export type { LoadedPreset } from './load-preset.js';
export { exportPreset, SECTION_COMMENTS } from './export-preset.js';
export {
  defaultSpec,
  deployHostDefault,
  DEFAULT_SSH,
  DEFAULT_SERVICES,
  DEFAULT_NETWORK,
  DEFAULT_BACKENDS,
  DEFAULT_CEPH,
  DEFAULT_GLUSTER,
  DEFAULT_DEPLOY,
} from './defaults.js';
export { mergeSsh, withSshFlags } from './merge-ssh.js';
export { closest, editDistance } from './did-you-mean.js';
export type { PresetPath } from './yaml-doc.js';
