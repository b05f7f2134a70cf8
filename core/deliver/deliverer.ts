import type { Candidate } from '../patch/candidate.ts';

export interface DeliveryRequest {
  repoRoot: string;
  healingId: string;
  fingerprint: string;
  candidate: Candidate;
  /** Commit message / change description: error, rule, strategy, validation. */
  summary: string;
}

export interface DeliveryResult {
  how: string;
  detail: string;
}

/** Puts a validated patch somewhere: the working tree, a git branch; later a canary or a pull request. */
export interface Deliverer {
  readonly name: string;
  deliver(request: DeliveryRequest): Promise<DeliveryResult>;
}
