import type { Node } from 'web-tree-sitter';
import { declarationOf } from './declarations.ts';
import { callName, type FixSite, nodesOnLine } from './fixSite.ts';
import { typeArgumentsOf } from './typeDefaults.ts';

/** A `map.get(key)` call on the frame's line whose result is used (a dropped result cannot be the null). */
export interface MapGet {
  call: Node;
  receiver: Node;
  key: Node;
  /** The map's value type from its declaration (`Integer` for `Map<String, Integer>`), when declared in the file. */
  valueType: string | null;
}

export function mapGetsOnLine(site: FixSite): MapGet[] {
  const gets: MapGet[] = [];
  for (const call of nodesOnLine(site, ['method_invocation'], callName)) {
    const receiver = call.childForFieldName('object');
    const args = call.childForFieldName('arguments');
    const key = args?.namedChildren[0];
    if (call.childForFieldName('name')?.text !== 'get' || !receiver || !key || args.namedChildCount !== 1) continue;
    if (call.parent?.type === 'expression_statement') continue;
    const declared = declaredMapType(receiver);
    // A receiver declared as something other than a Map (a List, a cache class) is not this fix's business.
    if (declared !== null && !/^(?:[\w.]*\.)?\w*Map\s*</.test(declared)) continue;
    gets.push({ call, receiver, key, valueType: declared === null ? null : (typeArgumentsOf(declared)[1] ?? null) });
  }
  return gets;
}

/** Declared type of `name`, `this.name` or `Owner.NAME` (a field of this file), as written. */
function declaredMapType(receiver: Node): string | null {
  let name: Node | null = null;
  if (receiver.type === 'identifier') name = receiver;
  else if (receiver.type === 'field_access') name = receiver.childForFieldName('field');
  if (name === null) return null;
  return declarationOf(name.text, receiver)?.type ?? null;
}
