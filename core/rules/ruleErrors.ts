/** Base of every error the rule engine throws, so a caller can catch the module's errors in one place. */
export class RuleEngineError extends Error {
  override name = 'RuleEngineError';
}

/** A rule file is not valid JSON or does not follow the RuleFile schema. */
export class RuleFileInvalidError extends RuleEngineError {
  override name = 'RuleFileInvalidError';

  constructor(
    /** Path or label of the file. */
    readonly origin: string,
    /** Id of the first offending rule, when the problem is inside a rule that has a readable id. */
    readonly ruleId: string | null,
    readonly issues: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`invalid rule file ${origin}${ruleId ? ` (rule ${ruleId})` : ''}: ${issues.join('; ')}`, options);
  }
}

/** A rule's pattern does not compile as an ECMAScript `u`-mode regular expression, or is too long to rank. */
export class RulePatternError extends RuleEngineError {
  override name = 'RulePatternError';

  constructor(
    readonly ruleId: string,
    readonly pattern: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`rule ${ruleId}: pattern ${JSON.stringify(pattern)} ${reason}`, options);
  }
}

/** Two rules share an id: analyses, reports and policies name rules by id, so ids must be unique. */
export class DuplicateRuleIdError extends RuleEngineError {
  override name = 'DuplicateRuleIdError';

  constructor(
    readonly ruleId: string,
    readonly origins: readonly string[],
  ) {
    super(`rule id ${ruleId} is defined more than once (${origins.join(', ')})`);
  }
}
