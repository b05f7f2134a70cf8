/** Distinct exit codes so scripts can tell what went wrong without parsing text. Documented in the README. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  repositoryNotFound: 3,
  logUnreadable: 4,
  noErrorFound: 5,
  testCommandMissing: 6,
  notHealed: 7,
  fingerprintNotFound: 8,
  deliveryFailed: 9,
  rulesInvalid: 10,
  pushFailed: 11,
  pullRequestFailed: 12,
  healingNotFound: 13,
  decisionRefused: 14,
  awaitingApproval: 15,
  deliveryHeld: 16,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
