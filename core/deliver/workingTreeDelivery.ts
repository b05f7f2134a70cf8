import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliveryError } from '../heal/healErrors.ts';
import type { Deliverer, DeliveryRequest, DeliveryResult } from './deliverer.ts';

/** `--apply`: writes the winner into the user's working tree, only if the files are still as they were read. */
export class WorkingTreeDelivery implements Deliverer {
  readonly name = 'apply';

  async deliver({ repoRoot, candidate }: DeliveryRequest): Promise<DeliveryResult> {
    for (const edit of candidate.edits) {
      const current = await readFile(join(repoRoot, edit.path), 'utf8').catch(() => null);
      if (current !== edit.before) {
        throw new DeliveryError(`${edit.path} changed since it was read; the patch was not applied`);
      }
    }
    for (const edit of candidate.edits) await writeFile(join(repoRoot, edit.path), edit.after);
    return { how: 'apply', detail: `wrote ${candidate.edits.map((e) => e.path).join(', ')}` };
  }
}
