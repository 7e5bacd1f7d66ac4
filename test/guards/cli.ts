// `npx tsx test/guards/cli.ts [SRC]`: prints the import-graph facts (layer violations, circles) of src/.
import { graphFacts, readGraph, SRC_DIR } from './import-graph.js';

const facts = graphFacts(readGraph(process.argv[2] ?? SRC_DIR));
console.log(`${facts.files} modules, ${facts.imports} imports`);
console.log(`${facts.violations.length} rule violation(s):`);
for (const v of facts.violations) console.log(`  [${v.rule}] ${v.message}`);
console.log(`${facts.cycles.length} runtime import circle(s):`);
for (const c of facts.cycles) console.log(`  ${c.join(' <-> ')}`);
console.log(`${facts.typeCycles.length} circle(s) counting type-only imports:`);
for (const c of facts.typeCycles) console.log(`  ${c.join(' <-> ')}`);
process.exitCode = facts.violations.length + facts.cycles.length > 0 ? 1 : 0;
