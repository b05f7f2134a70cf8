import type { FixTarget } from '../patch/candidate.ts';
import type { LanguagePlugin } from '../plugin/languagePlugin.ts';
import type { Frame } from '../schema/errorEvent.ts';

export interface TargetChoice {
  target: FixTarget;
  callers: FixTarget[];
}

/**
 * The innermost in-app source frame that lies in a file the plugin can fix is where the fix goes; the in-app
 * frames above it are its callers.
 */
export function chooseFixTarget(sourceFrames: readonly Frame[], plugin: LanguagePlugin): TargetChoice | null {
  const fixable = sourceFrames.filter(
    (f) => f.inApp && f.line !== null && plugin.sourceExtensions.some((ext) => f.file.endsWith(ext)),
  );
  const [first, ...rest] = fixable.map(toTarget);
  return first ? { target: first, callers: rest } : null;
}

function toTarget(frame: Frame): FixTarget {
  return { path: frame.file, line: frame.line ?? 1, column: frame.column, function: frame.function };
}
