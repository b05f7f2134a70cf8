import ts from 'typescript';

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

export function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (isFunctionLike(current)) return current;
  }
  return undefined;
}

/** Expressions that only restate their operand for the type system or for precedence. */
function isTransparentWrapper(
  node: ts.Node,
): node is
  | ts.ParenthesizedExpression
  | ts.AsExpression
  | ts.SatisfiesExpression
  | ts.NonNullExpression
  | ts.TypeAssertion {
  return (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node)
  );
}

/** The outermost expression that is `node` in parentheses or type assertions. */
export function outermostWrapperOf(node: ts.Expression): ts.Expression {
  let current = node;
  while (isTransparentWrapper(current.parent)) current = current.parent;
  return current;
}

export function unwrapExpression(node: ts.Expression): ts.Expression {
  let current = node;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

/**
 * The top of the member/call chain `node` belongs to as a receiver or callee: for the `a.b` in `a.b.c(1).d` that is
 * the whole `a.b.c(1).d`. Optional chaining short-circuits exactly this far.
 */
export function chainTopOf(node: ts.Expression): ts.Expression {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    const continuesChain =
      ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
        parent.expression === current) ||
      (ts.isCallExpression(parent) && parent.expression === current) ||
      (ts.isNonNullExpression(parent) && ts.isOptionalChain(parent));
    if (!continuesChain) return current;
    current = parent as ts.Expression;
  }
}

/** The innermost statement `node` is evaluated in (blocks are not statements here; functions and classes end the search). */
export function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current !== undefined; current = current.parent) {
    if (ts.isSourceFile(current) || isFunctionLike(current) || ts.isClassLike(current)) return undefined;
    if (ts.isStatement(current) && !ts.isBlock(current)) return current;
  }
  return undefined;
}

/** A statement a new sibling statement can be inserted before without adding braces. */
export function canInsertBefore(statement: ts.Statement): boolean {
  const parent = statement.parent;
  return (
    ts.isBlock(parent) ||
    ts.isSourceFile(parent) ||
    ts.isModuleBlock(parent) ||
    ts.isCaseClause(parent) ||
    ts.isDefaultClause(parent)
  );
}

/** Whether the value of `node` is written to rather than read (`x.y = 1`, `x.y++`, `[x.y] = v`, `for (x.y of z)`). */
export function isAssignmentTarget(node: ts.Expression): boolean {
  const top = outermostWrapperOf(node);
  const parent = top.parent;
  if (ts.isBinaryExpression(parent)) {
    const kind = parent.operatorToken.kind;
    return parent.left === top && kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === top) return true;
  if (ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent))
    return isDestructuringTarget(parent);
  if (ts.isPropertyAssignment(parent) && parent.initializer === top) return isDestructuringTarget(parent.parent);
  return false;
}

function isDestructuringTarget(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node)
    return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  if (ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent)) return isDestructuringTarget(parent);
  if (ts.isPropertyAssignment(parent)) return isDestructuringTarget(parent.parent);
  return false;
}

/** Name of a function as the source spells it: its own name, or the variable, property or method it is bound to. */
export function functionNameOf(fn: FunctionLike): string | undefined {
  if (ts.isConstructorDeclaration(fn)) return fn.parent.name ? `${fn.parent.name.text} constructor` : 'constructor';
  if (fn.name !== undefined)
    return ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) ? fn.name.text : undefined;
  const parent = outermostWrapperOf(fn as ts.FunctionExpression | ts.ArrowFunction).parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) {
    return parent.name.text;
  }
  return undefined;
}

/** Every node below `root` (root included) in source order. */
export function* descendantsOf(root: ts.Node): Generator<ts.Node> {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
