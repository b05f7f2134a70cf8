import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { HANDLER_ENTRIES, HANDLER_EXPORT, STAGES } from '../../infra/cdk/lib/contract.ts';
import type { DeployedFunction } from './deployedFunctions.ts';
import type { FunctionCode } from './functionHost.ts';

/** Finds the code to run for a deployed function; null when this runtime cannot run it (it is then left alone). */
export type CodeResolver = (fn: DeployedFunction) => FunctionCode | null;

/** The parts of a synthesized template this resolver reads; everything else passes through unchecked. */
const TemplateFile = z.object({
  Resources: z
    .record(
      z.string(),
      z.object({
        Type: z.string().optional(),
        Properties: z
          .object({ Code: z.object({ S3Key: z.unknown() }).partial().optional() })
          .partial()
          .optional(),
        Metadata: z.object({ 'aws:asset:path': z.string().optional() }).partial().optional(),
      }),
    )
    .optional(),
});

/** One function bundle of a cloud assembly. */
export interface FunctionAsset {
  /** The function's logical id in its template. */
  readonly logicalId: string;
  /** Absolute path of the bundle directory (`<cdk.out>/asset.<hash>`). */
  readonly dir: string;
  /** The deployment package's object key (`<hash>.zip`), when the template names it literally. */
  readonly s3Key: string | null;
}

/** Every `AWS::Lambda::Function` of the assembly's templates whose code is a file asset built into `cdkOut`. */
export function functionAssets(cdkOut: string): FunctionAsset[] {
  const assets: FunctionAsset[] = [];
  for (const file of readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'))) {
    const template = TemplateFile.parse(JSON.parse(readFileSync(join(cdkOut, file), 'utf8')));
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (resource.Type !== 'AWS::Lambda::Function' || assetPath === undefined) continue;
      // A path inside the assembly only: the template is our own synth output, but stay inside cdkOut regardless.
      if (isAbsolute(assetPath) || assetPath.split(/[\\/]/).includes('..')) continue;
      const key = resource.Properties?.Code?.S3Key;
      assets.push({ logicalId, dir: join(cdkOut, assetPath), s3Key: typeof key === 'string' ? key : null });
    }
  }
  return assets;
}

/**
 * The function's own bundle from the cloud assembly the deploy used. Matched first by its deployment package:
 * emulators report the package's S3 key (`<asset hash>.zip`) as the last segment of GetFunction's Code.Location,
 * which the template names as `Code.S3Key` of the resource with that `aws:asset:path`. Failing that (AWS presigns a
 * URL without the key), by the logical id CloudFormation puts in generated names (`<stack>-<logicalId>-<suffix>`).
 * The module is the file of the function's `Handler` (`index.handler` -> index.mjs or index.js, export `handler`).
 */
export function cdkAssetResolver(cdkOut: string): CodeResolver {
  const assets = functionAssets(cdkOut);
  return (fn) => {
    const packageKey = fn.codeLocation ? packageKeyOf(fn.codeLocation) : null;
    const asset =
      (packageKey ? assets.find((a) => a.s3Key === packageKey) : undefined) ??
      assets.find((a) => fn.name.includes(a.logicalId));
    if (!asset) return null;
    const dot = fn.handler.lastIndexOf('.');
    if (dot <= 0) return null;
    const base = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    const modulePath = ['.mjs', '.js'].map((ext) => join(asset.dir, base + ext)).find((p) => existsSync(p));
    return modulePath ? { modulePath, exportName } : null;
  };
}

/** Last path segment of a code location URL, when it is a `.zip` object key; null otherwise. */
function packageKeyOf(location: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(location).pathname;
  } catch {
    return null;
  }
  const last = pathname.split('/').at(-1) ?? '';
  return last.endsWith('.zip') ? decodeURIComponent(last) : null;
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
