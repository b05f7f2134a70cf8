import {
  type AliasConfiguration,
  GetAliasCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { type DeliveryTarget, DeliveryTargetError, type TargetState } from '../../core/deliver/progressivePorts.ts';

export interface LambdaAliasTargetOptions {
  functionName: string;
  /** The alias the service's callers invoke (an event source, API Gateway or a caller names it). */
  alias: string;
  /** The patched deployment package (a zip), built from the winning candidate's tree. */
  bundle: () => Promise<Uint8Array>;
  /** How long to wait for the code update before publishing (AWS applies it asynchronously). */
  updateTimeoutSeconds?: number;
}

/**
 * A Lambda function's alias as a canary target: the patched zip goes to $LATEST (UpdateFunctionCode), becomes an
 * immutable version (PublishVersion, guarded by the code's SHA-256 so a concurrent update cannot slip in), and the
 * alias splits traffic with RoutingConfig.AdditionalVersionWeights. Promote = the alias on the new version with no
 * routing; rollback = the alias on the previous version with no routing. Shifts and the promotion carry the alias's
 * RevisionId as this target last left it, so a person who changed the alias during a bake makes the next step fail
 * (and the delivery roll back) instead of being overwritten; the rollback itself is unconditional, since the
 * version that served before the delivery is the safe place to return to. (moto ignores RevisionId.)
 */
export class LambdaAliasTarget implements DeliveryTarget {
  readonly name: string;
  readonly weighted = true;
  /** The alias's RevisionId after this target's last read or update. */
  private revision: string | undefined;

  constructor(
    private readonly lambda: LambdaClient,
    private readonly options: LambdaAliasTargetOptions,
  ) {
    this.name = `lambda:${options.functionName}:${options.alias}`;
  }

  async describe(): Promise<TargetState> {
    return stateOf(await this.alias());
  }

  async publish(): Promise<{ from: string; to: string }> {
    const current = stateOf(await this.alias());
    if (current.canary !== null) {
      throw new DeliveryTargetError(`${this.name} already routes ${current.weight} % to version ${current.canary}`);
    }
    const FunctionName = this.options.functionName;
    const updated = await this.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName, ZipFile: await this.options.bundle() }),
    );
    await waitUntilFunctionUpdatedV2(
      { client: this.lambda, maxWaitTime: this.options.updateTimeoutSeconds ?? 120 },
      { FunctionName },
    );
    const published = await this.lambda.send(
      new PublishVersionCommand({ FunctionName, CodeSha256: updated.CodeSha256, Description: 'homeostasis patch' }),
    );
    const to = published.Version;
    if (!to || to === '$LATEST') throw new DeliveryTargetError(`${this.name}: PublishVersion returned no version`);
    if (to === current.stable) throw new DeliveryTargetError(`${this.name}: the patched code is already version ${to}`);
    return { from: current.stable, to };
  }

  async shift(from: string, to: string, weight: number): Promise<void> {
    if (!(weight > 0 && weight < 100)) throw new DeliveryTargetError(`a canary weight is 1-99 %, not ${weight}`);
    // Lambda takes the share as a fraction with at most two decimals (0.1 = 10 %).
    await this.update(from, { [to]: Math.round(weight) / 100 }, true);
  }

  async promote(to: string): Promise<void> {
    await this.update(to, {}, true);
  }

  async rollback(from: string): Promise<void> {
    await this.update(from, {}, false);
  }

  private async alias(): Promise<AliasConfiguration> {
    const alias = await this.lambda.send(
      new GetAliasCommand({ FunctionName: this.options.functionName, Name: this.options.alias }),
    );
    this.revision ??= alias.RevisionId;
    return alias;
  }

  private async update(version: string, weights: Record<string, number>, guarded: boolean): Promise<void> {
    // A target made anew (a resumed delivery in another process) reads the alias once to learn its revision.
    if (guarded && this.revision === undefined) await this.alias();
    const updated = await this.lambda.send(
      new UpdateAliasCommand({
        FunctionName: this.options.functionName,
        Name: this.options.alias,
        FunctionVersion: version,
        // An empty map removes the split (omitting RoutingConfig would keep the old one).
        RoutingConfig: { AdditionalVersionWeights: weights },
        ...(guarded ? { RevisionId: this.revision } : {}),
      }),
    );
    this.revision = updated.RevisionId;
  }
}

/** The alias as the core sees it; an empty weights map (what clearing the routing leaves) is no canary. */
function stateOf(alias: AliasConfiguration): TargetState {
  const stable = alias.FunctionVersion;
  if (!stable) throw new DeliveryTargetError(`alias ${alias.Name ?? '?'} has no function version`);
  const [entry] = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {});
  if (!entry) return { stable, canary: null, weight: 0 };
  return { stable, canary: entry[0], weight: Math.round(entry[1] * 100) };
}
