/**
 * Sigma regexes are PCRE-flavoured; JavaScript's engine differs in a few spellings. This translates
 * what can be translated and reports what cannot, so compiling a rule's regex here says something
 * true about whether backends will accept it.
 */
interface TranslatedRegex {
  source: string;
  flags: string;
}

function translatePcre(pattern: string, modifierFlags: string): TranslatedRegex {
  let source = pattern;
  let flags = modifierFlags;
  // Leading inline flags `(?i)`, `(?is)`: JavaScript only takes flags outside the pattern.
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]) if (f !== 'x' && !flags.includes(f)) flags += f;
  }
  // Python/PCRE named groups `(?P<name>...)` and backreferences `(?P=name)`.
  source = source.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  // `\A` and `\Z` anchors.
  source = source.replace(/(^|[^\\])\\A/g, '$1^').replace(/(^|[^\\])\\[Zz]$/g, '$1$');
  return { source, flags };
}

export function compileSigmaRegex(pattern: string, modifierFlags = ''): { regex: RegExp | null; error: string | null } {
  const t = translatePcre(pattern, modifierFlags);
  if (/\(\?[imsx-]+[:)]/.test(t.source)) {
    return { regex: null, error: 'inline flag groups in the middle of a pattern (e.g. `(?i:...)`) are not portable; use the |i, |m, |s modifiers' };
  }
  try {
    return { regex: new RegExp(t.source, t.flags), error: null };
  } catch (e) {
    return { regex: null, error: (e as Error).message.replace(/^Invalid regular expression: /, '') };
  }
}
