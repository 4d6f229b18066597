import type { Check } from '../check';
import { listItems } from './top-level';

export const falsepositiveStyle: Check = {
  id: 'sigma/falsepositive-style',
  defaultSeverity: 'information',
  doc: 'A `falsepositives` entry that is not written as a sentence: it starts with a lower-case letter (`unknown`, `legitimate admin activity`). Analysts read these entries in alerts and SigmaHQ writes them capitalised (`Unknown`, `Legitimate administrative activity`). Only the first letter is judged, so names that are lower case by design (`iptables`, `npm`) are left alone when they are not the first word. The fix capitalises the first letter.',
  kinds: ['sigma'],
  run(ctx) {
    const index = ctx.file.index;
    for (const rule of ctx.file.sigma) {
      for (const item of listItems(rule, 'falsepositives', index)) {
        const first = item.value.trimStart()[0];
        if (!first || !/[a-z]/.test(first)) continue;
        // A tool or command name written as the entry's first word (`npm install ...`) is not a slip: only plain words are.
        const word = item.value.trimStart().split(/\s/)[0];
        if (/[._\-/\\]/.test(word)) continue;
        const start = index.offset(item.range.start);
        const quoted = `'"`.includes(index.text[start]);
        const at = index.text.indexOf(first, start + (quoted ? 1 : 0));
        ctx.report({
          range: item.range,
          message: `Write the false positive as a sentence, starting with a capital letter: '${first.toUpperCase()}${item.value.trimStart().slice(1)}'.`,
          fixes:
            at >= 0 && at < index.offset(item.range.end)
              ? [{ title: 'Capitalise the first letter', preferred: true, edits: [{ range: index.range(at, at + 1), newText: first.toUpperCase() }] }]
              : [],
        });
      }
    }
  },
};
