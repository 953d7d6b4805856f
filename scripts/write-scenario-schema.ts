/** Writes scenarios/scenario.schema.json from the format's one definition (engine/scenario/scenario-schema.ts). */
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../engine/scenario/scenario-schema.ts';
import { writeFileAtomic } from '../engine/util/write-atomic.ts';

const file = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));
writeFileAtomic(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
