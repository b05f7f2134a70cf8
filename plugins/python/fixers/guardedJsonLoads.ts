import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer } from '../../../core/patch/candidate.ts';
import { proposeTryGuard } from './tryGuard.ts';

const JSON_MODULE_CALLS = new Set(['json.loads', 'json.load']);
const BARE_CALLS = new Set(['loads', 'load']);

/**
 * `guarded-json-loads`: the statement decoding JSON is wrapped in try/except, so a body that is not JSON skips the
 * item or returns None instead of raising. `json.loads(...)` is caught as `json.JSONDecodeError`; a bare `loads`
 * imported from json as `ValueError` (its base class), which needs no new import.
 */
export const guardedJsonLoadsFixer: Fixer = {
  strategy: 'guarded-json-loads',
  propose(ctx: FixContext) {
    const bareImported = /^from json import [^\n]*\bloads?\b/m.test(ctx.source);
    return proposeTryGuard(ctx, {
      strategy: 'guarded-json-loads',
      isFailingCall: (call: Node) => {
        const callee = call.childForFieldName('function')?.text ?? '';
        return JSON_MODULE_CALLS.has(callee) || (bareImported && BARE_CALLS.has(callee));
      },
      exceptTypes: (call) =>
        call.childForFieldName('function')?.text.startsWith('json.') ? 'json.JSONDecodeError' : 'ValueError',
      describe: (call, exit) =>
        `Catch a JSON decoding error of \`${call.text}\` (${exit}) instead of crashing on a malformed body.`,
    });
  },
};
