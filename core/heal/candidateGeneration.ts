import type { Candidate, FixContext } from '../patch/candidate.ts';
import { makeCandidate } from '../patch/makeCandidate.ts';
import type { LanguagePlugin, RepoView } from '../plugin/languagePlugin.ts';
import type { Analysis } from '../rules/analysis.ts';
import type { Frame } from '../schema/errorEvent.ts';
import { chooseFixTarget, type TargetChoice } from './fixTarget.ts';

/**
 * Asks the plugin's fixers for the strategies the matched rule names, in the rule's order of preference.
 * Identical changes proposed by two strategies are kept once, under the preferred one.
 */
export function generateCandidates(plugin: LanguagePlugin, analysis: Analysis, ctx: FixContext): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  analysis.fixStrategies.forEach((strategy, rank) => {
    for (const fixer of plugin.fixers) {
      if (fixer.strategy !== strategy) continue;
      let proposals: ReturnType<typeof fixer.propose>;
      try {
        proposals = fixer.propose(ctx);
      } catch {
        continue; // a fixer that cannot handle this code proposes nothing; the others still run
      }
      for (const proposal of proposals) {
        if (proposal.edits.length === 0 || proposal.edits.every((e) => e.before === e.after)) continue;
        const candidate = makeCandidate(proposal, rank);
        if (seen.has(candidate.diff)) continue;
        seen.add(candidate.diff);
        candidates.push(candidate);
      }
    }
  });
  return candidates;
}

/**
 * Where the fix goes and what the fixers propose there: the innermost fixable in-app source frame, its file read
 * through `repo`. The one place both the healing's generate stage and the plugin service (gRPC `GenerateFixes`) use.
 */
export async function fixesAtTarget(
  plugin: LanguagePlugin,
  analysis: Analysis,
  errorType: string,
  sourceFrames: readonly Frame[],
  repo: RepoView,
): Promise<{ choice: TargetChoice | null; candidates: Candidate[] }> {
  const choice = chooseFixTarget(sourceFrames, plugin);
  const text = choice ? await repo.readFile(choice.target.path) : null;
  if (!choice || text === null) return { choice, candidates: [] };
  const candidates = generateCandidates(plugin, analysis, {
    category: analysis.category,
    errorType,
    captures: analysis.captures,
    target: choice.target,
    callers: choice.callers,
    source: text,
    readFile: (path) => repo.readFile(path),
  });
  return { choice, candidates };
}
