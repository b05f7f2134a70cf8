import type { Fixer } from '../../../core/patch/candidate.ts';
import { boundsCheckFixer } from './boundsCheck.ts';
import { guardedParseIntFixer } from './guardedParseInt.ts';
import { mapGetOrDefaultFixer } from './mapGetOrDefault.ts';
import { nullCheckFixer } from './nullCheck.ts';
import { zeroGuardFixer } from './zeroGuard.ts';

/** The Java fix strategies, one fixer each, under the names rules use in `fixStrategies`. */
export const javaFixers: readonly Fixer[] = [
  nullCheckFixer,
  mapGetOrDefaultFixer,
  boundsCheckFixer,
  guardedParseIntFixer,
  zeroGuardFixer,
];
