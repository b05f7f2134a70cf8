import type { LanguagePlugin, RepoView } from '../plugin/languagePlugin.ts';
import type { LadderConfig } from '../validate/ladder.ts';
import type { EventContext } from './errorEventBuilder.ts';
import { TestCommandMissingError } from './healErrors.ts';
import { judgeReproduction } from './reproductionJudge.ts';

export interface LadderSettings {
  testCommand?: string | null;
  reproduceCommand?: string | null;
  timeoutMs: number;
}

/**
 * The validation ladder for one healing: the plugin's syntax and static checks, the repository's tests, and the
 * reproduction judged by the same extractor and fingerprint as the log. Embedded mode and the validate stage
 * both build it here.
 */
export async function ladderConfigFor(
  plugin: LanguagePlugin,
  repo: RepoView,
  fingerprint: string,
  ctx: EventContext,
  settings: LadderSettings,
): Promise<LadderConfig> {
  const testCommand = settings.testCommand ?? (await plugin.detectTestCommand(repo))?.command ?? null;
  if (testCommand === null) {
    throw new TestCommandMissingError('no test command was given (--test) and none was found in the repository');
  }
  return {
    syntaxCheck: (path, text) => plugin.validateSyntax(path, text),
    typecheckCommand: await plugin.staticCheckCommand(repo),
    testCommand,
    reproduceCommand: settings.reproduceCommand ?? null,
    judgeReproduction: (output) => judgeReproduction(output, fingerprint, ctx),
    timeoutMs: settings.timeoutMs,
  };
}
