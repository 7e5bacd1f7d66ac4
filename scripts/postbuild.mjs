// After tsc: make the CLI entry executable so `npx osism-installer` and the bin link work.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/main.js', import.meta.url), 0o755);
