import type { Fixer } from '../../../core/patch/candidate.ts';
import { boundsCheckFixer } from './boundsCheck.ts';
import { catchAndLogFixer } from './catchAndLog.ts';
import { defaultValueFixer } from './defaultValue.ts';
import { guardEarlyReturnFixer } from './guardEarlyReturn.ts';
import { guardedJsonParseFixer } from './guardedJsonParse.ts';
import { optionalChainingFixer } from './optionalChaining.ts';
import { renameToSimilarFixer } from './renameToSimilar.ts';
import { zeroGuardFixer } from './zeroGuard.ts';

/** The JavaScript/TypeScript fix strategies, one fixer each, under the names rules use in `fixStrategies`. */
export const javascriptFixers: Fixer[] = [
  optionalChainingFixer,
  guardEarlyReturnFixer,
  defaultValueFixer,
  guardedJsonParseFixer,
  zeroGuardFixer,
  boundsCheckFixer,
  renameToSimilarFixer,
  catchAndLogFixer,
];

export { locateNode, nodeAtPosition, positionAt } from './locateNode.ts';
