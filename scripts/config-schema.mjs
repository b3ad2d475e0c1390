// Writes schemas/upkeep.schema.json (the JSON schema of .upkeep.json, contributed to VS Code through
// the manifest's jsonValidation) from the rule registry. Run by `npm run docs:rules`; a test checks it.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { configJsonSchema } = require(path.join(root, 'dist/engine.js'));
mkdirSync(path.join(root, 'schemas'), { recursive: true });
writeFileSync(path.join(root, 'schemas', 'upkeep.schema.json'), JSON.stringify(configJsonSchema(), null, 2) + '\n');
