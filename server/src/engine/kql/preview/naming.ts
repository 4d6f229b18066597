/**
 * Column names Kusto gives unnamed expressions, as its binder does (Kusto.Language
 * `Binder.GetExpressionResultName`): a column keeps its name, `bag.key` becomes `bag_key`,
 * conversion functions and `bin()` keep their first argument's name; anything else has none and
 * the operator numbers it (`Column1`, ...).
 */
import { child, descendants, listItems, type KqlNode } from '../tree';
import type { CompileContext } from './types';

const FIRST_ARGUMENT = new Set([
  'tostring',
  'toint',
  'tolong',
  'toreal',
  'todouble',
  'todecimal',
  'tobool',
  'toboolean',
  'todatetime',
  'totimespan',
  'todynamic',
  'toobject',
  'toguid',
  'bin',
  'floor',
  'bin_at',
]);

export function resultName(node: KqlNode, ctx: CompileContext): string {
  switch (node.kind) {
    case 'ParenthesizedExpression':
    case 'OrderedExpression':
      return resultName(child(node, 'Expression') ?? node, ctx);
    case 'NameReference':
      return ctx.text.slice(node.start, node.end).trim();
    case 'SimpleNamedExpression':
      return declaredName(child(node, 'Name') ?? node, ctx);
    case 'BracketedExpression': {
      const lit = descendants(node, 'StringLiteralToken')[0];
      if (lit) return lit.value ?? '';
      const num = child(node, 'Expression');
      return num && /Literal/.test(num.kind) ? ctx.text.slice(num.start, num.end).trim() : '';
    }
    case 'PathExpression':
    case 'ElementExpression': {
      const left = resultName(child(node, 'Expression') ?? node, ctx);
      const right = resultName(child(node, 'Selector') ?? node, ctx);
      return left ? `${left}_${right}` : right;
    }
    case 'FunctionCallExpression': {
      const name = ctx.text.slice(child(node, 'Name')?.start ?? 0, child(node, 'Name')?.end ?? 0).trim();
      const first = listItems(child(node, 'ArgumentList') ?? node)[0];
      return FIRST_ARGUMENT.has(name) && first ? resultName(first, ctx) : '';
    }
    default:
      return '';
  }
}

/** The name a `Name =` declares: a plain name or `['quoted name']`. */
export function declaredName(n: KqlNode, ctx: CompileContext): string {
  const lit = descendants(n, 'StringLiteralToken')[0];
  return lit ? (lit.value ?? '') : ctx.text.slice(n.start, n.end).trim();
}

/** Names `Column1`, `Column2`... for unnamed expressions of one operator, skipping names in use. */
export function columnNamer(taken: Iterable<string> = []): () => string {
  const used = new Set(taken);
  let i = 0;
  return () => {
    let name: string;
    do name = `Column${++i}`;
    while (used.has(name));
    used.add(name);
    return name;
  };
}
