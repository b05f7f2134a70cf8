import type { Fixer } from '../../../core/patch/candidate.ts';
import { lenGuardFixer } from './lenGuard.ts';
import { mapOkLookupFixer } from './mapOkLookup.ts';
import { mutexGuardFixer } from './mutexGuard.ts';
import { nilCheckFixer } from './nilCheck.ts';
import { zeroGuardFixer } from './zeroGuard.ts';

/** The Go fixers, one per strategy of rules/strategies.ts. */
export const goFixers: readonly Fixer[] = [
  nilCheckFixer,
  mapOkLookupFixer,
  lenGuardFixer,
  mutexGuardFixer,
  zeroGuardFixer,
];
