import type { Fixer } from '../../../core/patch/candidate.ts';
import { boundsCheckFixer } from './boundsCheck.ts';
import { dictGetFixer } from './dictGet.ts';
import { guardedConversionFixer } from './guardedConversion.ts';
import { guardedJsonLoadsFixer } from './guardedJsonLoads.ts';
import { missingImportFixer } from './missingImport.ts';
import { noneGuardFixer } from './noneGuard.ts';
import { zeroDivisionGuardFixer } from './zeroDivisionGuard.ts';

/** The Python fix strategies, one fixer each, under the names rules use in `fixStrategies`. */
export const pythonFixers: Fixer[] = [
  noneGuardFixer,
  dictGetFixer,
  boundsCheckFixer,
  zeroDivisionGuardFixer,
  guardedConversionFixer,
  guardedJsonLoadsFixer,
  missingImportFixer,
];
