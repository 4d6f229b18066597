import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondition, type ConditionNode } from './condition';

function show(n: ConditionNode | null): string {
  if (!n) return '∅';
  switch (n.type) {
    case 'and':
    case 'or':
      return `(${show(n.left)} ${n.type} ${show(n.right)})`;
    case 'not':
      return `(not ${show(n.operand)})`;
    case 'id':
      return n.name;
    case 'of':
      return `[${n.quantifier} of ${n.target.kind === 'them' ? 'them' : n.target.pattern}]`;
  }
}

describe('condition parser', () => {
  const cases: [string, string][] = [
    ['selection', 'selection'],
    ['selection and not filter', '(selection and (not filter))'],
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a or b', '((not a) or b)'],
    ['not not a', '(not (not a))'],
    ['(a or b) and c', '((a or b) and c)'],
    ['1 of selection_*', '[1 of selection_*]'],
    ['all of them', '[all of them]'],
    ['1 of them', '[1 of them]'],
    ['3 of sel*', '[3 of sel*]'],
    ['all of selection* and not 1 of filter_*', '([all of selection*] and (not [1 of filter_*]))'],
    ['selection AND NOT filter', '(selection and (not filter))'],
    ['a and b and c', '((a and b) and c)'],
    ['keywords', 'keywords'],
    ['selection_1 or selection_2', '(selection_1 or selection_2)'],
  ];
  for (const [input, expected] of cases) {
    it(`parses '${input}'`, () => {
      const r = parseCondition(input);
      assert.equal(r.error, null);
      assert.equal(show(r.ast), expected);
    });
  }
  const errors: [string, string, number][] = [
    ['selection and', 'ends', 13],
    ['(a or b', "missing ')'", 0],
    ['a or b)', "unbalanced ')'", 6],
    ['of x', "'of' must follow", 0],
    ['all x', "'all' must be followed", 0],
    ['a b', "unexpected 'b'", 2],
    ['1 of', 'needs a target', 4],
    ['sel | count() > 4', 'correlation', 4],
    ['', 'empty', 0],
    ['a & b', "unexpected character '&'", 2],
  ];
  for (const [input, msg, at] of errors) {
    it(`rejects '${input}' at column ${at}`, () => {
      const r = parseCondition(input);
      assert.ok(r.error, 'expected an error');
      assert.ok(r.error!.message.includes(msg), r.error!.message);
      assert.equal(r.error!.span.start, at);
    });
  }
});
