import type { Lang } from '../domain/localized.js';
import { validationWords, type ValidationWords } from './validation-words.js';

/** Every fixed word of a study report (tables, charts, page), in one language. */
export interface ReportWords {
  readonly titles: Readonly<Record<'table1' | 'table2' | 'table3' | 'table4' | 'table5', string>>;
  /** The short name of table k, for the navigation: "Table 3", "表3". */
  readonly table: (k: number) => string;
  readonly outcome: string;
  readonly dependent: string;
  readonly dependentNote: (label: string) => string;
  readonly variable: string;
  readonly label: string;
  readonly mean: string;
  readonly sd: string;
  readonly group: string;
  readonly paperMean: string;
  readonly paperSd: string;
  readonly paperNote: string;
  readonly shareBelow: (a: number) => string;
  readonly shareBetween: (a: number, b: number) => string;
  readonly shareAbove: (b: number) => string;
  readonly households: (n: string) => string;
  readonly sampleNote: (n: string) => string;
  readonly leftOut: (heading: string, missing: number, unmatched: number) => string;
  readonly other: string;
  readonly overall: string;
  readonly constant: string;
  readonly vce: Readonly<Record<string, string>>;
  readonly quantileSe: (se: string) => string;
  readonly inParentheses: (what: string) => string;
  readonly starLegend: (levels: readonly (readonly [number, string])[]) => string;
  readonly stepwise: string;
  readonly stepwiseNote: (method: string, levels: string, steps: readonly string[]) => string;
  readonly stepAction: (action: string) => string;
  readonly thisStudy: string;
  readonly published: string;
  readonly paperTable2: string;
  readonly meta: (file: string, data: string, rows: number, line: string) => string;
  readonly lineUsd: (usd: number, ppp: number, line: string, period: string) => string;
  readonly lineLocal: (line: string, currency: string | null, period: string) => string;
  readonly period: string;
  readonly cards: {
    readonly used: string;
    readonly mean: string;
    readonly below: (a: number) => string;
    readonly between: (a: number, b: number) => string;
    readonly above: (b: number) => string;
    readonly poor: string;
  };
  readonly table1Note: (compare: boolean) => string;
  readonly histogramCaption: (outcome: string, n: number) => string;
  readonly groupCaption: string;
  readonly stabilityCaption: string;
  readonly quantileCaption: string;
  readonly noQuantiles: string;
  readonly footer: (generated: string) => string;
  readonly generated: (time: string) => string;
  readonly charts: {
    readonly bands: readonly [string, string, string];
    readonly histogramTitle: string;
    readonly households: string;
    readonly mean: string;
    readonly groupTitle: string;
    readonly stabilityTitle: string;
    readonly quantileTitle: string;
  };
  readonly findings: string;
  /**
   * Which coefficients differ from the published ones by more than `limit` published SEs
   * (`misses`: one formatted item each), out of `compared`; `corrected`: Table 4's sign note.
   */
  readonly publishedMisses: (o: {
    table: string;
    misses: readonly string[];
    compared: number;
    limit: number;
    corrected: boolean;
  }) => string;
  /** Why simulated data miss published coefficients. */
  readonly missesWhySimulated: string;
  /** Why a study's own data may differ from the paper's coefficients. */
  readonly missesWhyOwnData: string;
  /** The "does the warning work?" section (panel data). */
  readonly validation: ValidationWords;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const en = (u: string): ReportWords => ({
  titles: {
    table1: 'Table 1. Descriptive statistics',
    table2: 'Table 2. Vulnerability by group',
    table3: 'Table 3. Explanatory variables: descriptive statistics',
    table4: 'Table 4. Regressions of vulnerability (OLS)',
    table5: 'Table 5. Quantile regressions of vulnerability',
  },
  table: (k) => `Table ${k}`,
  outcome: 'vulnerability to poverty',
  dependent: 'the probability of being poor (VEP)',
  dependentNote: (label) => `Dependent variable: ${label}.`,
  variable: 'Variable',
  label: 'Label',
  mean: 'Mean',
  sd: 'SD',
  group: 'Group',
  paperMean: 'Paper mean',
  paperSd: 'Paper SD',
  paperNote: 'Paper: the means and SDs published in Tables 1 and 3 (n = 676).',
  shareBelow: (a) => `Share < ${a}`,
  shareBetween: (a, b) => `Share ${a}–${b}`,
  shareAbove: (b) => `Share > ${b}`,
  households: (n) => `N = ${n} ${u}.`,
  sampleNote: (n) => `${cap(u)} of the VEP estimation sample (${n}).`,
  leftOut: (heading, missing, unmatched) =>
    `${heading}: ${[missing > 0 ? `${missing} with a missing value` : '', unmatched > 0 ? `${unmatched} with a value in no level` : ''].filter(Boolean).join(' and ')} not shown.`,
  other: 'Other',
  overall: 'Overall',
  constant: 'Constant',
  vce: {
    classical: 'Classical standard errors',
    hc0: 'Robust (HC0) standard errors',
    hc1: 'Robust standard errors (HC1, Stata robust)',
    hc2: 'Robust (HC2) standard errors',
    hc3: 'Robust (HC3) standard errors',
  },
  quantileSe: (se) => `Standard errors (${se})`,
  inParentheses: (what) => `${what} in parentheses.`,
  starLegend: (levels) => `${levels.map(([p, s]) => `${s} p < ${p.toFixed(2)}`).join(', ')}.`,
  stepwise: 'Stepwise',
  stepwiseNote: (method, levels, steps) =>
    `Stepwise: ${method}, ${levels} (Stata stepwise semantics)${steps.length ? `: ${steps.join('; ')}` : ': no term moved'}.`,
  stepAction: (action) => action,
  thisStudy: 'This study',
  published: 'Published (Ouyang)',
  paperTable2: 'Table 2 (paper, n = 676)',
  meta: (file, data, rows, line) =>
    `Study ${file} · data ${data} (${rows} ${u}) · poverty line ${line}`,
  lineUsd: (usd, ppp, line, period) =>
    `${usd} international dollars a day × 365 × PPP ${ppp} = ${line} ${period}`,
  lineLocal: (line, currency, period) => `${line}${currency ? ` ${currency}` : ''} ${period}`,
  period: 'per person per year',
  cards: {
    used: `${cap(u)} used`,
    mean: 'Mean vulnerability',
    below: (a) => `Below ${a}`,
    between: (a, b) => `${a}–${b}`,
    above: (b) => `Above ${b}`,
    poor: 'Poor now (headcount)',
  },
  table1Note: (compare) =>
    compare
      ? "The income equation's variables (step 1 of the VEP), with the paper's published means and SDs beside."
      : "The income equation's variables (step 1 of the VEP).",
  histogramCaption: (outcome, n) => `Distribution of ${outcome} (${n} ${u}); bands as Table 2.`,
  groupCaption: 'Table 2 by group: shares in each band, and the mean.',
  stabilityCaption:
    'Coefficient stability: each term’s estimate and 95% interval in every model that includes it.',
  quantileCaption:
    'Coefficients across quantiles with 95% confidence bands; dashed line and light band: OLS of the same model.',
  noQuantiles: 'The study configures no quantile regressions (quantiles.taus).',
  footer: (generated) =>
    `${generated} Vulnerability as expected poverty by three-step FGLS (Chaudhuri, Jalan & Suryahadi 2002); OLS with robust standard errors; quantile regressions as R's quantreg.`,
  generated: (time) => `Made by povrisk on ${time}.`,
  charts: {
    bands: ['low', 'medium', 'high'],
    histogramTitle: 'Distribution of vulnerability with the risk bands shaded',
    households: cap(u),
    mean: 'mean',
    groupTitle: 'Vulnerability bands by group (Table 2)',
    stabilityTitle: 'Coefficient stability across the nested models (95% intervals)',
    quantileTitle: 'Coefficients across quantiles with 95% confidence bands (dashed: OLS)',
  },
  findings: 'Main findings',
  publishedMisses: ({ table, misses, compared, limit, corrected }) =>
    `${table} against the published figures${corrected ? ' (the signs of road, motivation and wage share corrected)' : ''}: ` +
    (misses.length === 0
      ? `all ${compared} coefficients compared lie within ${limit} published standard errors.`
      : `${misses.length} of ${compared} coefficients compared differ by more than ${limit} published standard errors: ${misses.join('; ')}.`),
  missesWhySimulated:
    "Why: the simulated survey plants each effect through family net income (src/simulate/design.ts), and the VEP sees it only through net income's place in the income equation; a variable with little variation (a hardened road: two villages without) comes out attenuated, others (the subsistence allowance) larger than published. Moving those loadings would move the calibrated Tables 1–3 too (docs/validation.md).",
  missesWhyOwnData:
    "These are not the paper's data: differences from the published coefficients are expected, and the published standard errors describe the paper's sample only.",
  validation: validationWords('en'),
});

const ZH_METHODS: Readonly<Record<string, string>> = {
  'backward selection': '向后选择',
  'forward selection': '向前选择',
  'backward stepwise': '向后逐步',
  'forward stepwise': '向前逐步',
};

const zh = (u: string): ReportWords => ({
  titles: {
    table1: '表1 描述性统计',
    table2: '表2 分组脆弱性',
    table3: '表3 解释变量的描述性统计',
    table4: '表4 脆弱性的回归结果（OLS）',
    table5: '表5 脆弱性的分位数回归结果',
  },
  table: (k) => `表${k}`,
  outcome: '贫困脆弱性',
  dependent: '陷入贫困的概率（VEP）',
  dependentNote: (label) => `被解释变量：${label}。`,
  variable: '变量',
  label: '变量名称',
  mean: '均值',
  sd: '标准差',
  group: '分组',
  paperMean: '原文均值',
  paperSd: '原文标准差',
  paperNote: '原文：表1和表3公布的均值与标准差（n = 676）。',
  shareBelow: (a) => `< ${a} 占比`,
  shareBetween: (a, b) => `${a}–${b} 占比`,
  shareAbove: (b) => `> ${b} 占比`,
  households: (n) => `样本量 N = ${n} ${u}。`,
  sampleNote: (n) => `VEP 估计样本（${n} ${u}）。`,
  leftOut: (heading, missing, unmatched) =>
    `${heading}：${[missing > 0 ? `${missing} ${u}取值缺失` : '', unmatched > 0 ? `${unmatched} ${u}取值不属于任何分组` : ''].filter(Boolean).join('，')}，未列出。`,
  other: '其他',
  overall: '总体',
  constant: '常数项',
  vce: {
    classical: '普通标准误',
    hc0: '稳健标准误（HC0）',
    hc1: '稳健标准误（HC1，即 Stata robust）',
    hc2: '稳健标准误（HC2）',
    hc3: '稳健标准误（HC3）',
  },
  quantileSe: (se) => `标准误（${se}）`,
  inParentheses: (what) => `括号内为${what}。`,
  starLegend: (levels) => `${levels.map(([p, s]) => `${s} p < ${p.toFixed(2)}`).join('，')}。`,
  stepwise: '逐步回归',
  stepwiseNote: (method, levels, steps) =>
    `逐步回归：${ZH_METHODS[method] ?? method}，${levels}（与 Stata stepwise 相同）${steps.length ? `：${steps.join('；')}` : '：无变量进出'}。`,
  stepAction: (action) => (action === 'remove' ? '剔除' : action === 'add' ? '加入' : action),
  thisStudy: '本研究',
  published: '原文结果（Ouyang）',
  paperTable2: '表2（原文，n = 676）',
  meta: (file, data, rows, line) => `研究 ${file} · 数据 ${data}（${rows} ${u}）· 贫困线 ${line}`,
  lineUsd: (usd, ppp, line, period) =>
    `每天 ${usd} 国际元 × 365 × 购买力平价 ${ppp} = ${line}（${period}）`,
  lineLocal: (line, currency, period) => `${line}${currency ? ` ${currency}` : ''}（${period}）`,
  period: '每人每年',
  cards: {
    used: '估计样本量',
    mean: '平均脆弱性',
    below: (a) => `低于 ${a}`,
    between: (a, b) => `${a}–${b}`,
    above: (b) => `高于 ${b}`,
    poor: '当前贫困发生率',
  },
  table1Note: (compare) =>
    compare
      ? '收入方程的变量（VEP 第一步），旁列原文公布的均值与标准差。'
      : '收入方程的变量（VEP 第一步）。',
  histogramCaption: (outcome, n) => `${outcome}的分布（${n} ${u}）；分段同表2。`,
  groupCaption: '表2 分组：各风险区间的占比及均值。',
  stabilityCaption: '系数稳定性：各变量在包含它的每个模型中的估计值及 95% 置信区间。',
  quantileCaption: '各分位数上的系数及 95% 置信带；虚线及浅色带：同一模型的 OLS 估计。',
  noQuantiles: '本研究未设定分位数回归（quantiles.taus）。',
  footer: (generated) =>
    `${generated} 贫困脆弱性按期望贫困（VEP）以三步可行广义最小二乘法估计（Chaudhuri、Jalan 和 Suryahadi，2002）；OLS 使用稳健标准误；分位数回归与 R 的 quantreg 一致。`,
  generated: (time) => `由 povrisk 生成于 ${time}。`,
  charts: {
    bands: ['低', '中', '高'],
    histogramTitle: '脆弱性分布（阴影为风险区间）',
    households: '频数',
    mean: '均值',
    groupTitle: '分组脆弱性区间（表2）',
    stabilityTitle: '嵌套模型间的系数稳定性（95% 置信区间）',
    quantileTitle: '各分位数上的系数及 95% 置信带（虚线：OLS）',
  },
  findings: '主要发现',
  publishedMisses: ({ table, misses, compared, limit, corrected }) =>
    `${table}与原文公布结果的比较${corrected ? '（道路、内生动力和工资性收入占比的符号已更正）' : ''}：` +
    (misses.length === 0
      ? `参与比较的 ${compared} 个系数均在原文 ${limit} 个标准误以内。`
      : `参与比较的 ${compared} 个系数中有 ${misses.length} 个与原文相差超过 ${limit} 个标准误：${misses.join('；')}。`),
  missesWhySimulated:
    '原因：模拟调查通过家庭纯收入植入各变量的作用（src/simulate/design.ts），VEP 只能通过纯收入在收入方程中的作用看到它们；变化很少的变量（道路硬化：仅两个村没有）的作用被削弱，另一些变量（低保）的作用则大于原文。调整这些载荷会同时改变已校准的表1–表3（docs/validation.md）。',
  missesWhyOwnData:
    '本研究的数据并非原文数据：与原文系数存在差异是正常的，原文的标准误只描述原文样本。',
  validation: validationWords('zh-CN'),
});

/**
 * The fixed words of a study report in a language, counting `unit` (default households, 户).
 * @example reportWords('zh-CN').titles.table4 // '表4 脆弱性的回归结果（OLS）'
 */
export function reportWords(lang: Lang, options: { unit?: string | null } = {}): ReportWords {
  if (lang === 'zh-CN') return zh(options.unit ?? '户');
  return en(options.unit ?? 'households');
}
