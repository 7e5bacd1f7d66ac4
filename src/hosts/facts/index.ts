// Hardware facts: the scan script a host runs and the pure parsing of what it prints (DESIGN §3.2).
// Nothing here runs a command or touches a file; transports run SCAN_SCRIPT and hand over its output.

export { SCAN_SCRIPT, SCRIPT_SECTIONS } from './scan-script.js';
export { splitBundle, readBundle, splitNotes } from './bundle.js';
export { parseBundle, KNOWN_SECTIONS } from './parse-bundle.js';
