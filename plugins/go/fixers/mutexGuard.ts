import type { Node } from 'web-tree-sitter';
import type { FixContext, Fixer, FixProposal } from '../../../core/patch/candidate.ts';
import { type GoFixSite, onTargetLine, openGoSite } from './fixSite.ts';
import { ensureImport, insertAfter, insertBefore, proposal, type TextEdit } from './goEdits.ts';
import { descendants, enclosingFunction, enclosingStatement, freshName, isPureExpression } from './goSyntax.ts';

export const MUTEX_GUARD = 'mutex-guard';

/** Where the map guarded is declared: a struct field, a package-level var, or a local of one function. */
type MapHome =
  | { kind: 'field'; field: string; declaration: Node }
  | { kind: 'package'; name: string; declaration: Node }
  | { kind: 'local'; name: string; declaration: Node; scope: Node };

/**
 * `concurrent map writes` / `concurrent map read and map write`: adds a `sync.Mutex` next to the map the frame's
 * line indexes (a field beside the struct field, or a var beside the package or local var) and takes it around
 * every statement of the file that reads or writes that map — the line the frame points to and the other
 * goroutines' accesses, since a lock taken on one side only does not stop the race.
 */
export const mutexGuardFixer: Fixer = {
  strategy: MUTEX_GUARD,
  propose(ctx: FixContext): FixProposal[] {
    const site = openGoSite(ctx);
    if (site === null) return [];
    for (const access of onTargetLine(site, ['index_expression'])) {
      const map = access.childForFieldName('operand');
      if (!map || !isPureExpression(map)) continue;
      const home = homeOf(site, map);
      if (home === null) continue;
      const edits = lockEdits(site, home);
      if (edits === null) continue;
      const name = home.kind === 'field' ? home.field : home.name;
      return [
        proposal(
          ctx,
          MUTEX_GUARD,
          `Guards every access to the map \`${name}\` with a sync.Mutex, so goroutines no longer read and write it at once.`,
          edits,
        ),
      ];
    }
    return [];
  },
};

function homeOf(site: GoFixSite, map: Node): MapHome | null {
  if (map.type === 'selector_expression') {
    const field = map.childForFieldName('field')?.text;
    const declaration = descendants(site.tree.rootNode, ['field_declaration']).find(
      (d) =>
        d.childrenForFieldName('name').some((n) => n.text === field) &&
        d.childForFieldName('type')?.type === 'map_type',
    );
    return field && declaration ? { kind: 'field', field, declaration } : null;
  }
  if (map.type !== 'identifier') return null;
  const fn = enclosingFunction(map);
  const local = fn ? declarationIn(fn, map.text) : null;
  if (local && fn) return { kind: 'local', name: map.text, declaration: local, scope: outermostFunction(fn) };
  const global = descendants(site.tree.rootNode, ['var_declaration']).find(
    (d) =>
      d.parent?.type === 'source_file' &&
      descendants(d, ['var_spec']).some((s) => s.childForFieldName('name')?.text === map.text),
  );
  return global ? { kind: 'package', name: map.text, declaration: global } : null;
}

/** The statement declaring `name` in `fn` or the functions around it (a goroutine's literal uses its parent's map). */
function declarationIn(fn: Node, name: string): Node | null {
  for (let scope: Node | null = fn; scope !== null; scope = enclosingFunction(scope)) {
    for (const decl of descendants(scope, ['short_var_declaration', 'var_declaration'])) {
      const names =
        decl.type === 'short_var_declaration'
          ? (decl.childForFieldName('left')?.namedChildren ?? []).map((n) => n?.text)
          : descendants(decl, ['var_spec']).flatMap((s) => s.childrenForFieldName('name').map((n) => n.text));
      if (names.includes(name)) return enclosingStatement(decl) ?? null;
    }
  }
  return null;
}

function outermostFunction(fn: Node): Node {
  let outer = fn;
  for (let up = enclosingFunction(fn); up !== null; up = enclosingFunction(up)) outer = up;
  return outer;
}

/** The mutex declaration, Lock/Unlock around each accessing statement, and the `sync` import. */
function lockEdits(site: GoFixSite, home: MapHome): TextEdit[] | null {
  const scope = home.kind === 'local' ? home.scope : site.tree.rootNode;
  const taken = new Set(descendants(site.tree.rootNode, ['identifier', 'field_identifier']).map((n) => n.text));
  const base = home.kind === 'field' ? home.field : home.name;
  const mu = freshName(`${base}Mu`, taken);
  const accesses = accessesOf(scope, home);
  const own = ownFunctionNames(site);
  const statements = outermostOnly(accesses.map(enclosingStatement).filter((s): s is Node => s !== null)).filter(
    (s) => !callsOwnFunction(s, own),
  );
  if (statements.length === 0) return null;
  const edits: TextEdit[] = [];
  if (home.kind === 'field') edits.push(insertBefore(site.source, home.declaration, [`${mu} sync.Mutex`]));
  else edits.push(insertAfter(site.source, home.declaration, [`var ${mu} sync.Mutex`]));
  for (const statement of statements) {
    const lock = home.kind === 'field' ? `${ownerOf(statement, home.field) ?? ''}${mu}` : mu;
    if (home.kind === 'field' && lock === mu) return null;
    if (statement.type === 'return_statement') {
      edits.push(insertBefore(site.source, statement, [`${lock}.Lock()`, `defer ${lock}.Unlock()`]));
    } else {
      edits.push(insertBefore(site.source, statement, [`${lock}.Lock()`]));
      edits.push(insertAfter(site.source, statement, [`${lock}.Unlock()`]));
    }
  }
  const sync = ensureImport(site.tree, 'sync');
  if (sync) edits.push(sync);
  return edits;
}

/** Index expressions, `delete`/`len` arguments and `range` operands that are the map. */
function accessesOf(scope: Node, home: MapHome): Node[] {
  const isMap = (node: Node | null): boolean => {
    if (node === null) return false;
    if (home.kind === 'field')
      return node.type === 'selector_expression' && node.childForFieldName('field')?.text === home.field;
    return node.type === 'identifier' && node.text === home.name;
  };
  const out: Node[] = [];
  for (const node of descendants(scope, ['index_expression', 'call_expression', 'range_clause'])) {
    if (node.type === 'index_expression' && isMap(node.childForFieldName('operand'))) out.push(node);
    if (node.type === 'range_clause' && isMap(node.childForFieldName('right'))) out.push(node);
    if (node.type === 'call_expression' && ['delete', 'len'].includes(node.childForFieldName('function')?.text ?? '')) {
      if (isMap(node.childForFieldName('arguments')?.namedChild(0) ?? null)) out.push(node);
    }
  }
  return out;
}

/** `s.` for `s.quotes[k] = v`: the receiver whose field the statement accesses. */
function ownerOf(statement: Node, field: string): string | null {
  const selector = descendants(statement, ['selector_expression']).find(
    (s) => s.childForFieldName('field')?.text === field,
  );
  const operand = selector?.childForFieldName('operand');
  return operand && isPureExpression(operand) ? `${operand.text}.` : null;
}

/** Functions and methods the file declares: any of them may take the new lock. */
function ownFunctionNames(site: GoFixSite): Set<string> {
  return new Set(
    descendants(site.tree.rootNode, ['function_declaration', 'method_declaration']).map(
      (fn) => fn.childForFieldName('name')?.text ?? '',
    ),
  );
}

/**
 * A sync.Mutex is not reentrant: a statement that calls one of the file's own functions (which may lock the same
 * mutex, e.g. `fmt.Println(c.Get(k))`) is left unlocked rather than risk a deadlock.
 */
function callsOwnFunction(statement: Node, own: ReadonlySet<string>): boolean {
  return descendants(statement, ['call_expression']).some((call) => {
    const fn = call.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
    return name !== undefined && own.has(name);
  });
}

/** Statements not inside another of the list (locking both would deadlock), each once, in source order. */
function outermostOnly(statements: readonly Node[]): Node[] {
  const unique = [...new Map(statements.map((s) => [s.startIndex, s])).values()].sort(
    (a, b) => a.startIndex - b.startIndex,
  );
  return unique.filter((s) => !unique.some((o) => o !== s && o.startIndex <= s.startIndex && o.endIndex >= s.endIndex));
}
