/** The languages a study report is written in. */
export const REPORT_LANGS = Object.freeze(['en', 'zh-CN'] as const);

/** A report language: English or Simplified Chinese. */
export type Lang = (typeof REPORT_LANGS)[number];

/**
 * Text a study file may give in one language (a string, taken for every language) or in
 * several: `{ en: 'Ethnicity', zh-CN: '民族' }`.
 */
export type Localized = string | { readonly en?: string; readonly 'zh-CN'?: string };

/**
 * The text for a language: the string itself, or that language's entry, else the other
 * language's (a study written in one language still reads in the other), else null.
 * @example localize({ en: 'Region', 'zh-CN': '地区' }, 'zh-CN') // '地区'
 */
export function localize(text: Localized | null | undefined, lang: Lang): string | null {
  if (text === null || text === undefined) return null;
  if (typeof text === 'string') return text;
  return text[lang] ?? text.en ?? text['zh-CN'] ?? null;
}
