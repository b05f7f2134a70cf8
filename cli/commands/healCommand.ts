import { join } from 'node:path';
import type { RiskPolicy } from '../../core/approve/approvalTypes.ts';
import { riskPolicyFor } from '../../core/approve/riskPolicy.ts';
import { heal } from '../../core/heal/healService.ts';
import { silentProgress } from '../../core/heal/progress.ts';
import type { PathMapping } from '../../core/source/pathMapper.ts';
import { SqliteControlStore } from '../../embedded/sqliteControlStore.ts';
import { SqliteHealingStore } from '../../embedded/sqliteHealingStore.ts';
import { SqliteTrackRecords } from '../../embedded/sqliteTrackRecords.ts';
import { createRegistry } from '../../plugins/index.ts';
import { CliError } from '../cliError.ts';
import type { CliConfig } from '../config.ts';
import { EXIT, type ExitCode } from '../exitCodes.ts';
import { logLines, repositoryPath } from '../inputs.ts';
import { stderrProgress } from '../progressPrinter.ts';
import { renderHealReport } from '../render/healReport.ts';
import { deliverersFor, deliveryExit } from './healDelivery.ts';

export interface HealFlags {
  repo: string;
  log: string;
  test?: string;
  reproduce?: string;
  apply?: boolean;
  branch?: boolean;
  /** `--push <remote>` */
  push?: string;
  /** `--pull-request` (with --push) */
  pullRequest?: boolean;
  json?: boolean;
  fingerprint?: string;
  map?: string[];
  service?: string;
  environment?: string;
  criticalPath?: string[];
  timeout?: string;
  concurrency?: string;
}

export async function runHeal(flags: HealFlags, config: CliConfig): Promise<ExitCode> {
  const repoRoot = await repositoryPath(flags.repo);
  const log = await logLines(flags.log);
  const deliverers = await deliverersFor(flags, repoRoot, config.github);
  const file = join(config.stateDir, 'homeostasis.db');
  const store = new SqliteHealingStore(file);
  const trackRecords = new SqliteTrackRecords(file);
  const control = new SqliteControlStore(file);
  const criticalPaths = flags.criticalPath ?? [];
  try {
    const outcome = await heal(
      {
        repoRoot,
        log,
        actor: config.actor,
        deliverers,
        mappings: parseMappings(flags.map ?? []),
        ...(flags.test ? { testCommand: flags.test } : {}),
        ...(flags.reproduce ? { reproduceCommand: flags.reproduce } : {}),
        ...(flags.fingerprint ? { fingerprint: flags.fingerprint } : {}),
        ...(flags.service ? { service: flags.service } : {}),
        ...(flags.environment ? { environment: flags.environment } : {}),
        ...(criticalPaths.length > 0 ? { riskPolicy: withCriticalPaths(criticalPaths) } : {}),
        ...(flags.timeout ? { timeoutMs: positiveNumber(flags.timeout, '--timeout') * 1000 } : {}),
        ...(flags.concurrency ? { concurrency: positiveNumber(flags.concurrency, '--concurrency') } : {}),
      },
      {
        registry: createRegistry(),
        store,
        trackRecords,
        control,
        progress: flags.json ? silentProgress : stderrProgress(),
      },
    ).catch(deliveryExit);
    if (flags.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    else process.stdout.write(renderHealReport(outcome, { asked: deliverers.length > 0 }));
    if (outcome.status !== 'healed') return EXIT.notHealed;
    if (outcome.delivery?.kind === 'waiting') return EXIT.awaitingApproval;
    if (outcome.delivery?.kind === 'held') return EXIT.deliveryHeld;
    if (outcome.delivery?.kind === 'rejected') return EXIT.notHealed;
    return EXIT.ok;
  } finally {
    store.close();
    trackRecords.close();
    control.close();
  }
}

/** The environment's risk policy with the team's own critical paths added to the defaults. */
function withCriticalPaths(globs: readonly string[]): (environment: string) => RiskPolicy {
  return (environment) => {
    const policy = riskPolicyFor(environment);
    return { ...policy, criticalPaths: [...policy.criticalPaths, ...globs] };
  };
}

/** `--map /var/task/=services/orders/`: runtime prefix = repository prefix. */
function parseMappings(values: readonly string[]): PathMapping[] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new CliError(`--map expects RUNTIME_PREFIX=REPO_PREFIX, got "${value}"`, EXIT.usage);
    return { from: value.slice(0, eq), to: value.slice(eq + 1) };
  });
}

function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliError(`${flag} expects a positive number, got "${value}"`, EXIT.usage);
  return n;
}
