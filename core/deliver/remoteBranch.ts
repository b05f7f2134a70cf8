import { shortFingerprint } from '../fingerprint/fingerprint.ts';
import { DeliveryError } from '../heal/healErrors.ts';

/** Characters of the healing id kept in a branch name: 8 hex digits of a UUID tell healings of one error apart. */
const ID_CHARS = 8;

/**
 * `homeostasis/<short-fingerprint>-<healing id prefix>`: made only of the fingerprint (hex) and the healing id,
 * never of anything a log said. One branch per healing, so a second healing of the same error is a second pull
 * request rather than a rewrite of the first.
 */
export function remoteBranchName(healingId: string, fingerprint: string): string {
  if (!/^[0-9a-f]{12,}$/.test(fingerprint)) throw new DeliveryError('the fingerprint is not a hex digest');
  const id = healingId
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '')
    .slice(0, ID_CHARS);
  if (id === '') throw new DeliveryError('the healing id has no letters or digits to name a branch with');
  return `homeostasis/${shortFingerprint(fingerprint)}-${id}`;
}

/** A remote's name as `git remote add` accepts it, and never something git could read as an option or a URL. */
export function assertRemoteName(remote: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote)) {
    throw new DeliveryError(`"${remote}" is not a remote name (letters, digits, . _ -; e.g. origin)`);
  }
}
