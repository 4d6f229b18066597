/**
 * The ids and names Sigma rules declare, read cheaply from text (top-level `id:` and `name:` lines
 * of each YAML document) so `tripline check` can tell correlation and filter rules which rules the
 * other files of the run define without parsing every file twice.
 */
const TOP_LEVEL_REF = /^(?:id|name)[ \t]*:[ \t]*(['"]?)([^'"#\r\n]+?)\1[ \t]*(?:#.*)?$/gm;

export function declaredRuleRefs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOP_LEVEL_REF)) out.push(m[2].trim());
  return out;
}

/** Whether a text may hold a correlation or filter rule (which refer to other rules). */
export function mayReferToRules(text: string): boolean {
  return /^(?:correlation|filter)[ \t]*:/m.test(text);
}
