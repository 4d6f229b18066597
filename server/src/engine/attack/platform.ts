import type { Logsource } from '../sigma/model';
import PLATFORMS from '../../../../data/attack/logsource-platforms.json';

/** What kind of device a rule's events come from, as far as ATT&CK platforms are concerned. */
export type PlatformFamily = 'desktop' | 'mobile' | 'agnostic' | 'unknown';

const has = (list: readonly string[], v: string | undefined): boolean => v !== undefined && list.includes(v.toLowerCase());

export function logsourcePlatform(ls: Logsource | undefined): PlatformFamily {
  if (!ls) return 'unknown';
  const product = ls.product?.value;
  const category = ls.category?.value;
  const service = ls.service?.value;
  if (has(PLATFORMS.mobile.products, product)) return 'mobile';
  if (has(PLATFORMS.agnostic.categories, category) || has(PLATFORMS.agnostic.products, product) || (!product && has(PLATFORMS.agnostic.services, service)))
    return 'agnostic';
  if (has(PLATFORMS.desktop.products, product)) return 'desktop';
  if (!product && has(PLATFORMS.desktop.endpointCategories, category)) return 'desktop';
  return 'unknown';
}
