import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HealingDesk } from '../../core/operate/healingDesk.ts';
import { healingRoutes } from './healingRoutes.ts';
import { openApiDocument } from './openapi.ts';

/** The committed OpenAPI document's text: generated from the same routes the server runs. */
export function openApiText(): string {
  const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  // The document needs the routes' shapes only; no handler runs, so no desk is built.
  const routes = healingRoutes(null as unknown as HealingDesk);
  return `${JSON.stringify(openApiDocument(routes, version), null, 2)}\n`;
}
