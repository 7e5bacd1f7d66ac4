// The cost of the first render's SSH key pairs alone: `node bench/render/keys.mjs [rsa|ed25519] [rounds]`
// generates 4 pairs at once on libuv's thread pool per round (as pregeneratedKeyPairs does for the
// all-in-one preset) and prints the wall and CPU time of each round with the load average.
import { generateKeyPair } from 'node:crypto';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';

const gen = promisify(generateKeyPair);
const type = process.argv[2] ?? 'rsa';
const options = type === 'rsa' ? { modulusLength: 4096 } : {};
const rounds = Number(process.argv[3] ?? 5);
for (let r = 0; r < rounds; r++) {
  const load = loadavg()[0].toFixed(1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all([0, 1, 2, 3].map(() => gen(type, options)));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  console.log(`${type} x4: wall ${wall.toFixed(0)} ms, cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, load ${load}`);
}
