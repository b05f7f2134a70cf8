import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLER_ENTRIES, HANDLER_EXPORT, STAGES } from '../../infra/cdk/lib/contract.ts';
import type { DeployedFunction } from './deployedFunctions.ts';
import type { FunctionCode } from './functionHost.ts';

/** Finds the code to run for a deployed function; null when this runtime cannot run it (it is then left alone). */
export type CodeResolver = (fn: DeployedFunction) => FunctionCode | null;

/**
 * The function's own bundle from the cloud assembly: the template resource whose logical id is part of the
 * deployed name (CloudFormation names functions `<stack>-<logicalId>-<suffix>`), its `aws:asset:path` directory and
 * the file and export of its `Handler` (`index.handler` -> index.mjs / index.js, `handler`).
 */
export function cdkAssetResolver(cdkOut: string): CodeResolver {
  const assets: { logicalId: string; dir: string }[] = [];
  for (const file of readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(cdkOut, file), 'utf8')) as {
      Resources?: Record<string, { Type?: string; Metadata?: Record<string, unknown> }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (resource.Type === 'AWS::Lambda::Function' && typeof assetPath === 'string') {
        assets.push({ logicalId, dir: join(cdkOut, assetPath) });
      }
    }
  }
  return (fn) => {
    const asset = assets.find((a) => fn.name.includes(a.logicalId.slice(0, 40)));
    if (!asset) return null;
    const dot = fn.handler.lastIndexOf('.');
    const base = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    const modulePath = ['.mjs', '.js'].map((ext) => join(asset.dir, base + ext)).find((p) => existsSync(p));
    return modulePath ? { modulePath, exportName } : null;
  };
}

/**
 * The handler's TypeScript entry (contract HANDLER_ENTRIES), run through tsx: for a function whose name carries its
 * stage's construct id (`IngestFunction...`). Runs the code under test as it is on disk, without a bundling step.
 */
export function sourceEntryResolver(repoRoot: string): CodeResolver {
  return (fn) => {
    const stage = STAGES.find((s) => fn.name.includes(`${s[0]?.toUpperCase()}${s.slice(1)}Function`));
    return stage ? { modulePath: join(repoRoot, HANDLER_ENTRIES[stage]), exportName: HANDLER_EXPORT } : null;
  };
}
