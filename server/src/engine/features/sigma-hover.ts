import { rangeContains } from '../core/position';
import { SIGMA_MODIFIERS } from '../sigma/modifiers';
import type { HoverProvider } from './types';

/** Explains a modifier under the cursor. */
export const sigmaHover: HoverProvider = ({ file, pos }) => {
  for (const rule of file.sigma) {
    for (const s of rule.detection?.searches ?? []) {
      for (const g of s.groups) {
        for (const item of g.items) {
          for (const m of item.modifiers) {
            if (!rangeContains(m.range, pos)) continue;
            const doc = SIGMA_MODIFIERS[m.value];
            return { range: m.range, markdown: doc ? `**\`|${m.value}\`** (Sigma modifier)\n\n${doc}` : `**\`|${m.value}\`** is not a Sigma modifier.` };
          }
        }
      }
    }
  }
  return null;
};
