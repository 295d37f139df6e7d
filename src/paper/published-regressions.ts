/** A published coefficient as printed: estimate text, stars and standard-error text. */
export type PublishedCell = readonly [estimate: string, stars: string, se: string] | null;

/** A published regression table: column headings and, per term, one cell per column. */
export interface PublishedRegressionTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly term: string; readonly cells: readonly PublishedCell[] }[];
  readonly n: readonly number[];
  readonly note: string;
}

const c = (estimate: string, stars: string, se: string): PublishedCell =>
  Object.freeze([estimate, stars, se] as const);
const _ = null;

/**
 * The paper's Table 4 as printed (OLS of the probability of returning to poverty, robust
 * standard errors; column 1 the full model, 2–7 the nested models), transcribed from the
 * paper, stars included. The signs are as printed.
 * @example PUBLISHED_TABLE4.rows[0] // { term: 'road_hardened', cells: [['0.328', '***', '0.060'], ...] }
 */
/**
 * Footnote to the printed Table 4: its positive signs for road, motivation and wage share are
 * lost minus signs. With Table 3's means, intercept + Σ b·x̄ is the model's mean v: 0.69–1.01
 * over the seven columns with the signs as printed, 0.155–0.168 with those three reversed,
 * against Table 2's mean of 0.16 (and the text says the three lower the risk).
 */
export const TABLE4_SIGN_NOTE =
  "The printed signs of road, motivation and wage share are lost minus signs: with Table 3's means, intercept + Σ b·x̄ gives a mean vulnerability of 0.69–1.01 across the seven columns with the signs as printed and 0.155–0.168 with them reversed, against Table 2's 0.16; the text, too, says the three lower the risk.";

/** The terms whose printed Table 4 signs are lost minus signs (`TABLE4_SIGN_NOTE`). */
export const TABLE4_SIGN_LOST: readonly string[] = Object.freeze([
  'road_hardened',
  'motivation',
  'wage_share',
]);

/** `TABLE4_SIGN_NOTE` in Chinese, for the Chinese edition of the report. */
export const TABLE4_SIGN_NOTE_ZH =
  '原文表4中道路、内生动力和工资性收入占比的正号应为负号（印刷时丢失）：以表3的均值计算，截距 + Σ b·x̄ 按原符号得到的平均脆弱性为 0.69–1.01（七列），将这三项符号取反则为 0.155–0.168，与表2的 0.16 相符；原文正文也称这三项降低风险。';

export const PUBLISHED_TABLE4: PublishedRegressionTable = Object.freeze({
  title: 'Table 4. Multiple regression analysis results (paper)',
  columns: ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
  rows: [
    {
      term: 'road_hardened',
      cells: [
        c('0.328', '***', '0.060'),
        c('0.289', '***', '0.056'),
        c('0.248', '***', '0.057'),
        c('0.279', '***', '0.059'),
        c('0.280', '***', '0.059'),
        c('0.315', '***', '0.059'),
        c('0.329', '***', '0.059'),
      ],
    },
    {
      term: 'motivation',
      cells: [
        c('0.036', '***', '0.011'),
        _,
        c('0.048', '***', '0.008'),
        c('0.038', '***', '0.009'),
        c('0.039', '***', '0.009'),
        c('0.042', '***', '0.009'),
        c('0.035', '***', '0.010'),
      ],
    },
    {
      term: 'county_gdp_per_capita',
      cells: [
        c('-7E-06', '**', '0.000'),
        _,
        _,
        c('-4E-06', '', '0.000'),
        c('-5E-06', '*', '0.000'),
        c('-6E-06', '**', '0.000'),
        c('-7E-06', '**', '0.000'),
      ],
    },
    { term: 'head_education', cells: [c('0.005', '', '0.030'), _, _, _, _, _, _] },
    {
      term: 'disabled_count',
      cells: [
        c('0.062', '*', '0.036'),
        _,
        _,
        _,
        c('0.074', '**', '0.037'),
        c('0.063', '*', '0.036'),
        c('0.063', '*', '0.036'),
      ],
    },
    { term: 'hospitalized', cells: [c('0.025', '', '0.024'), _, _, _, _, _, _] },
    { term: 'chronic_count', cells: [c('0.006', '', '0.041'), _, _, _, _, _, _] },
    { term: 'head_ethnicity', cells: [c('0.011', '', '0.025'), _, _, _, _, _, _] },
    {
      term: 'wage_share',
      cells: [
        c('0.123', '***', '0.035'),
        _,
        _,
        _,
        _,
        c('0.143', '***', '0.034'),
        c('0.124', '***', '0.034'),
      ],
    },
    {
      term: 'subsistence_allowance',
      cells: [c('0.012', '*', '0.007'), _, _, _, _, _, c('0.012', '*', '0.007')],
    },
    { term: 'industrial_support', cells: [c('0.013', '', '0.029'), _, _, _, _, _, _] },
    {
      term: '(Intercept)',
      cells: [
        c('0.660', '***', '0.106'),
        c('0.429', '***', '0.055'),
        c('0.480', '***', '0.056'),
        c('0.573', '***', '0.081'),
        c('0.574', '***', '0.080'),
        c('0.700', '***', '0.085'),
        c('0.683', '***', '0.085'),
      ],
    },
  ],
  n: [676, 676, 676, 676, 676, 676, 676],
  note: 'Robust standard errors in parentheses. * p < 0.10, ** p < 0.05, *** p < 0.01.',
});

/**
 * The paper's Table 5 as printed (quantile regressions of the probability of returning to
 * poverty at τ = 0.3, 0.5, 0.7, 0.9), transcribed from the paper, stars included.
 * @example PUBLISHED_TABLE5.columns // ['QR 30', 'QR 50', 'QR 70', 'QR 90']
 */
export const PUBLISHED_TABLE5: PublishedRegressionTable = Object.freeze({
  title: 'Table 5. Quantile regression analysis results (paper)',
  columns: ['QR 30', 'QR 50', 'QR 70', 'QR 90'],
  rows: [
    {
      term: 'road_hardened',
      cells: [
        c('-0.050', '', '0.057'),
        c('-0.329', '***', '0.099'),
        c('-0.810', '***', '0.170'),
        c('-0.488', '***', '0.119'),
      ],
    },
    {
      term: 'motivation',
      cells: [
        c('-1.4E-05', '', '0.000'),
        c('-0.002', '*', '0.001'),
        c('-0.011', '*', '0.006'),
        c('-0.177', '***', '0.038'),
      ],
    },
    {
      term: 'county_gdp_per_capita',
      cells: [
        c('-1.5E-08', '', '0.000'),
        c('-1.6E-06', '*', '0.000'),
        c('-1E-05', '***', '0.000'),
        c('-1E-05', '', '0.000'),
      ],
    },
    {
      term: 'disabled_count',
      cells: [
        c('-3.5E-06', '', '0.000'),
        c('-3.4E-04', '', '0.007'),
        c('0.044', '', '0.059'),
        c('0.136', '', '0.126'),
      ],
    },
    {
      term: 'wage_share',
      cells: [
        c('-4E-05', '', '0.000'),
        c('-0.005', '', '0.005'),
        c('-0.032', '', '0.028'),
        c('-0.278', '***', '0.099'),
      ],
    },
    {
      term: 'subsistence_allowance',
      cells: [
        c('8.9E-07', '', '0.000'),
        c('6.5E-05', '', '0.001'),
        c('0.017', '', '0.017'),
        c('0.025', '', '0.021'),
      ],
    },
    {
      term: '(Intercept)',
      cells: [
        c('0.050', '', '0.057'),
        c('0.374', '***', '0.100'),
        c('1.117', '***', '0.199'),
        c('1.692', '***', '0.245'),
      ],
    },
  ],
  n: [676, 676, 676, 676],
  note: 'Standard errors in parentheses. * p < 0.10, ** p < 0.05, *** p < 0.01.',
});
