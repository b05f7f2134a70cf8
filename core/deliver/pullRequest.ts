/** What a pull request for a delivered branch says. Built by the deliverer; the opener only carries it. */
export interface PullRequestRequest {
  /** The pushed branch (same repository). */
  head: string;
  /** The branch the patch was made from and should be merged into. */
  base: string;
  title: string;
  body: string;
}

export interface PullRequestRef {
  number: number;
  url: string;
  /** True when a pull request for this head and base was already open and is returned instead of a new one. */
  existing: boolean;
}

/** Opens a pull request on a code host (GitHub REST API in adapters/github/). Port: core never speaks HTTP. */
export interface PullRequestOpener {
  readonly host: string;
  open(request: PullRequestRequest): Promise<PullRequestRef>;
}

/** GitHub's limit on a title is 256 characters; a commit subject is already at most 72. */
const TITLE_MAX = 256;

/**
 * The title: the commit subject with control characters removed. Its words come from the log (the error type), so
 * it is plain text in one line and nothing else.
 */
export function pullRequestTitle(summary: string): string {
  const subject = (summary.split('\n')[0] ?? '').replace(/[\p{Cc}]/gu, ' ').trim();
  return (subject || 'Homeostasis: validated fix').slice(0, TITLE_MAX);
}

/**
 * The body: a fixed introduction, then the whole commit message inside a code fence. The message quotes the error
 * message, which comes from a log (untrusted): inside a fence GitHub renders no markdown, links, images or HTML,
 * and `@name` mentions notify nobody. The fence is one backtick longer than the longest run in the message, so the
 * message cannot close it.
 */
export function pullRequestBody(summary: string, branch: string): string {
  const longestRun = Math.max(0, ...[...summary.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [
    'Homeostasis validated this patch in an isolated sandbox (syntax, type check, tests, reproduction) and pushed it',
    `for review on \`${branch}\`. The commit message below explains the error, the rule, the strategy, the validation`,
    'and the risk:',
    '',
    `${fence}text`,
    summary,
    fence,
  ].join('\n');
}
