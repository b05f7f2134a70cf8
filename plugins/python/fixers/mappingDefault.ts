import type { Node } from 'web-tree-sitter';

/** Empty values of the value types a mapping annotation names: what a missing key most plausibly stands for. */
const EMPTY_BY_TYPE: Readonly<Record<string, string>> = {
  int: '0',
  float: '0.0',
  str: "''",
  bool: 'False',
  list: '[]',
  List: '[]',
  dict: '{}',
  Dict: '{}',
  set: 'set()',
  Set: 'set()',
  tuple: '()',
  Tuple: '()',
};
const EMPTY_BY_LITERAL: Readonly<Record<string, string>> = {
  integer: '0',
  float: '0.0',
  string: "''",
  true: 'False',
  false: 'False',
};
/** `dict[str, int]`, `Dict[str, List[str]]`, `Mapping[str, float]`: the value type's head. */
const MAPPING_ANNOTATION = /^(?:dict|Dict|Mapping|MutableMapping|typing\.Dict|typing\.Mapping)\[\s*[\w.]+\s*,\s*(\w+)/;

/**
 * The default a lookup in `mapping` should fall back to, derived from the code alone: the value type of its
 * annotation (`levels: dict[str, int]`, a parameter's or an attribute's), or, for a dict literal assigned to it, the
 * common type of its literal values. `null` when nothing in the file says what a missing entry means.
 */
export function mappingDefault(root: Node, mapping: Node): string | null {
  const name = mapping.text;
  for (const node of root.descendantsOfType(['assignment', 'typed_parameter', 'typed_default_parameter'])) {
    if (!node) continue;
    const target = node.type === 'assignment' ? node.childForFieldName('left') : nameOfParameter(node);
    if (target?.text !== name) continue;
    const annotation = node.childForFieldName('type')?.text;
    const fromAnnotation = annotation ? EMPTY_BY_TYPE[MAPPING_ANNOTATION.exec(annotation)?.[1] ?? ''] : undefined;
    if (fromAnnotation) return fromAnnotation;
    const value = node.type === 'assignment' ? node.childForFieldName('right') : null;
    const fromLiteral = value?.type === 'dictionary' ? commonLiteralDefault(value) : null;
    if (fromLiteral) return fromLiteral;
  }
  return null;
}

function nameOfParameter(parameter: Node): Node | null {
  return parameter.childForFieldName('name') ?? parameter.namedChildren.find((c) => c?.type === 'identifier') ?? null;
}

function commonLiteralDefault(dictionary: Node): string | null {
  const kinds = new Set<string>();
  for (const pair of dictionary.namedChildren) {
    if (pair?.type !== 'pair') return null; // `**other` spreads: the values are unknown
    kinds.add(pair.childForFieldName('value')?.type ?? 'unknown');
  }
  if (kinds.size !== 1) return null;
  return EMPTY_BY_LITERAL[[...kinds][0] ?? ''] ?? null;
}
