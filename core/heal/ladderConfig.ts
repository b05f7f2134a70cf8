import type { Candidate } from '../patch/candidate.ts';
import type { LanguagePlugin, RepoView, SyntaxDiagnostic } from '../plugin/languagePlugin.ts';
import { type PluginService, type ServedBy, servedBy, servedByAll } from '../plugin/pluginService.ts';
import { layoutFiles } from '../plugin/requestFiles.ts';
import type { LadderConfig } from '../validate/ladder.ts';
import type { EventContext } from './errorEventBuilder.ts';
import { TestCommandMissingError } from './healErrors.ts';
import { judgeReproduction } from './reproductionJudge.ts';

export interface LadderSettings {
  testCommand?: string | null;
  reproduceCommand?: string | null;
  timeoutMs: number;
}

/** The language's plugin both ways: the service answers questions, the local plugin names commands run here. */
export interface LadderPlugins {
  service: PluginService;
  /**
   * Names the static check (a type check) run in the candidate's sandbox: the command points at a compiler of this
   * machine (plugins/javascript/projectCommands.ts), so only this process can name it.
   */
  local: LanguagePlugin;
}

export interface LadderPlan {
  config: LadderConfig;
  /** How the plugin service named the test command; null when the settings gave it. */
  testCommandBy: ServedBy | null;
}

/**
 * The validation ladder for one healing: the plugin's syntax and static checks, the repository's tests, and the
 * reproduction judged by the same extractor and fingerprint as the log. Embedded mode and the validate stage
 * both build it here. Its syntax step checks in process until `withServedSyntax` puts the service's answers in.
 */
export async function ladderConfigFor(
  plugins: LadderPlugins,
  repo: RepoView,
  fingerprint: string,
  ctx: EventContext,
  settings: LadderSettings,
): Promise<LadderPlan> {
  const { local, service } = plugins;
  let testCommand = settings.testCommand ?? null;
  let testCommandBy: ServedBy | null = null;
  if (testCommand === null) {
    const answer = await service.testCommand({ language: local.language, files: await layoutFiles(repo) });
    testCommand = answer.value?.command ?? null;
    testCommandBy = servedBy(answer);
  }
  if (testCommand === null) {
    throw new TestCommandMissingError('no test command was given (--test) and none was found in the repository');
  }
  return {
    config: {
      syntaxCheck: (path, text) => local.validateSyntax(path, text),
      typecheckCommand: await local.staticCheckCommand(repo),
      testCommand,
      reproduceCommand: settings.reproduceCommand ?? null,
      judgeReproduction: (output) => judgeReproduction(output, fingerprint, ctx),
      timeoutMs: settings.timeoutMs,
    },
    testCommandBy,
  };
}

export interface ServedSyntax {
  config: LadderConfig;
  /** How each candidate's syntax was checked, by candidate id. */
  syntaxBy: Map<string, ServedBy>;
}

/**
 * The ladder's syntax step (synchronous, core/validate/ladder.ts) answered by the plugin service: every edit of the
 * candidates is asked first, and the step looks the answers up. A text not asked (none, as the ladder checks the
 * edits' `after`) is checked in process.
 */
export async function withServedSyntax(
  config: LadderConfig,
  service: PluginService,
  language: LanguagePlugin['language'],
  candidates: readonly Candidate[],
): Promise<ServedSyntax> {
  const answers = new Map<string, SyntaxDiagnostic[]>();
  const syntaxBy = new Map<string, ServedBy>();
  for (const candidate of candidates) {
    const served = await Promise.all(
      candidate.edits.map(async (edit) => {
        const answer = await service.validateSyntax({ language, path: edit.path, text: edit.after });
        answers.set(syntaxKey(edit.path, edit.after), answer.value);
        return answer;
      }),
    );
    const by = servedByAll(served);
    if (by) syntaxBy.set(candidate.id, by);
  }
  return {
    config: {
      ...config,
      syntaxCheck: (path, text) => answers.get(syntaxKey(path, text)) ?? config.syntaxCheck(path, text),
    },
    syntaxBy,
  };
}

function syntaxKey(path: string, text: string): string {
  return `${path}\u0000${text}`;
}
