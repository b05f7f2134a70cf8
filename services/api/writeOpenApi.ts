// Writes docs/openapi.json from the route table (npm run openapi). The API test fails while the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText } from './apiDocument.ts';

const target = join(import.meta.dirname, '../../docs/openapi.json');
writeFileSync(target, openApiText());
process.stdout.write(`wrote ${target}\n`);
