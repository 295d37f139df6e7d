/**
 * Categories of monitored household in China's post-2020 mechanism (防止返贫动态监测):
 * - `unstable`: 脱贫不稳定户, a household on the poverty register (lifted out of poverty)
 *   whose situation is unstable;
 * - `marginal`: 边缘易致贫户, an ordinary rural household near the line;
 * - `sudden_hardship`: 突发严重困难户, any household hit by a sudden severe hardship.
 */
export const CATEGORIES = Object.freeze({
  unstable: { en: 'unstable household', zh: '脱贫不稳定户' },
  marginal: { en: 'marginal household at risk', zh: '边缘易致贫户' },
  sudden_hardship: { en: 'household in sudden severe hardship', zh: '突发严重困难户' },
} as const);
export type Category = keyof typeof CATEGORIES;

/** Category names. */
export const CATEGORY_NAMES = Object.freeze(Object.keys(CATEGORIES) as Category[]);

/** Case category when a household trips rules of several categories: the most urgent wins. */
export const CATEGORY_PRIORITY: readonly Category[] = Object.freeze([
  'sudden_hardship',
  'unstable',
  'marginal',
]);
