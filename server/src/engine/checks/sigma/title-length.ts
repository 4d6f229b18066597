import type { Check } from '../check';

/** SigmaHQ's limit (pySigma-validators-sigmaHQ `sigmahq_title_length`): titles show in alert lists. */
const TITLE_MAX = 110;

export const titleLength: Check = {
  id: 'sigma/title-length',
  defaultSeverity: 'warning',
  doc: `A title longer than ${TITLE_MAX} characters, SigmaHQ's limit: the title is what an analyst reads in an alert list, where long ones are cut. Put the detail in \`description\`. Only under the \`sigmahq\` profile (or when enabled in \`checks\`).`,
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const title = rule.title;
      if (!title || typeof title.value !== 'string' || [...title.value].length <= TITLE_MAX) continue;
      ctx.report({
        range: title.range,
        message: `The title has ${[...title.value].length} characters; SigmaHQ keeps titles to ${TITLE_MAX}. Move the detail into \`description\`.`,
      });
    }
  },
};
