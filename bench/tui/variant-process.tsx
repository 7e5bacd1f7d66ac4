// One measured run of one variant, as a process of its own (`variant-process.js --variant NAME`):
// bench/tui/index.tsx starts it on the built dist/ (bench/lib/compile.ts) and reads the RESULT line.
import { measure } from './measure.js';
import { VARIANTS } from './variants.js';

const name = process.argv[process.argv.indexOf('--variant') + 1] as keyof typeof VARIANTS;
const make = VARIANTS[name];
if (!make) throw new Error(`unknown variant ${name}; one of ${Object.keys(VARIANTS).join(', ')}`);
const m = await measure(name, make);
process.stderr.write(`RESULT ${JSON.stringify(m)}\n`);
process.exit(0);
