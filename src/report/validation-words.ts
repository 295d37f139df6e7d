import type { Lang } from '../domain/localized.js';

/** The fixed words of the "does the warning work?" sections, charts and tables, in one language. */
export interface ValidationWords {
  /** The report section's title. */
  readonly section: string;
  /** What the section shows (models, line, rules). */
  readonly intro: (o: {
    line: string;
    threshold: number;
    capacity: number;
    latest: string;
  }) => string;
  /** AUC and Brier score in a sentence each. */
  readonly measures: string;
  readonly pair: (from: string, to: string) => string;
  readonly model: (model: string) => string;
  readonly measure: string;
  readonly scored: string;
  readonly baseRate: (to: string) => string;
  readonly auc: string;
  readonly brier: string;
  readonly missingOutcome: (to: string) => string;
  readonly notScored: string;
  readonly rule: string;
  readonly flagged: string;
  readonly caught: string;
  readonly precision: string;
  readonly recall: string;
  readonly ruleName: (rule: string) => string;
  readonly noHistory: string;
  readonly roc: string;
  readonly falsePositive: string;
  readonly truePositive: string;
  readonly calibration: string;
  readonly meanPredicted: string;
  readonly observed: string;
  readonly bin: (bin: number, n: number, mean: string, observed: string) => string;
}

const EN_RULES: Readonly<Record<string, string>> = {
  vep: 'vep (v ≥ threshold)',
  poor_now: 'poor_now (below the line now)',
  top: 'top (highest v, capacity share)',
  high_vulnerability: 'high_vulnerability (monitoring)',
  low_income: 'low_income (monitoring)',
  income_drop: 'income_drop (monitoring)',
  new_shock: 'new_shock (monitoring)',
};
const ZH_RULES: Readonly<Record<string, string>> = {
  vep: 'vep（v ≥ 阈值）',
  poor_now: 'poor_now（当前低于贫困线）',
  top: 'top（v 最高的一定比例）',
  high_vulnerability: 'high_vulnerability（监测规则：高脆弱性）',
  low_income: 'low_income（监测规则：低收入）',
  income_drop: 'income_drop（监测规则：收入骤降）',
  new_shock: 'new_shock（监测规则：新发风险）',
};
const MODELS_ZH: Readonly<Record<string, string>> = {
  'cross-section': '截面 VEP',
  history: '历史收入模型',
};

const EN: ValidationWords = {
  section: 'How well does the warning predict the next wave',
  intro: ({ line, threshold, capacity, latest }) =>
    `The data are a panel: Tables 1–5 use the latest wave (${latest}); here each pair of consecutive waves fits the warning on the first wave and checks who was below the line (${line}) in the second. Two models: the cross-section VEP of Tables 1–5, and the history model, which adds the household's own permanent income (the mean of its past log incomes). Rules: vep flags v ≥ ${threshold}; poor_now flags households below the line now; top flags the ${capacity * 100}% highest v; the monitoring rules where the data have their columns (docs/validation.md).`,
  measures:
    'AUC: the chance that a household that fell below the line had a higher v than one that did not (0.5 = no better than chance). Brier score: mean squared error of v (lower is better).',
  pair: (from, to) => `Waves ${from} → ${to}`,
  model: (model) => model,
  measure: 'Measure',
  scored: 'Households scored (n)',
  baseRate: (to) => `Share below the line at ${to} (base rate)`,
  auc: 'AUC',
  brier: 'Brier score',
  missingOutcome: (to) => `Left out: no income at ${to}`,
  notScored: 'Not scored (regressor or history missing)',
  rule: 'Rule',
  flagged: 'flagged',
  caught: 'caught',
  precision: 'precision',
  recall: 'recall',
  ruleName: (rule) => EN_RULES[rule] ?? rule,
  noHistory: 'not scored: the history model needs an earlier wave',
  roc: 'ROC',
  falsePositive: 'False-positive rate (not poor next wave, flagged)',
  truePositive: 'True-positive rate',
  calibration: 'calibration',
  meanPredicted: 'Mean predicted vulnerability',
  observed: 'Share below the line next wave',
  bin: (bin, n, mean, observed) =>
    `bin ${bin}: ${n} households, mean v ${mean}, observed ${observed}`,
};

const ZH: ValidationWords = {
  section: '预警对下一轮的预测效果',
  intro: ({ line, threshold, capacity, latest }) =>
    `数据为面板数据：表1–表5使用最新一轮（${latest}）；本节对每两轮相邻数据，在前一轮拟合预警模型，并检验后一轮谁低于贫困线（${line}）。两个模型：表1–表5的截面 VEP，以及加入家庭自身持久收入（以往各轮对数收入的均值）的历史收入模型。规则：vep 标记 v ≥ ${threshold} 的家庭；poor_now 标记当前低于贫困线的家庭；top 标记 v 最高的 ${capacity * 100}%；以及数据中具备相应字段的监测规则（docs/validation.md）。`,
  measures:
    'AUC：随机抽取一户后来低于贫困线的家庭和一户没有低于贫困线的家庭，前者 v 更高的概率（0.5 即与随机无异）。Brier 分数：v 的均方误差（越低越好）。',
  pair: (from, to) => `第 ${from} 轮 → 第 ${to} 轮`,
  model: (model) => MODELS_ZH[model] ?? model,
  measure: '指标',
  scored: '评分户数（n）',
  baseRate: (to) => `第 ${to} 轮低于贫困线的比例`,
  auc: 'AUC',
  brier: 'Brier 分数',
  missingOutcome: (to) => `第 ${to} 轮无收入数据而剔除`,
  notScored: '未评分（缺少解释变量或收入历史）',
  rule: '规则',
  flagged: '标记户数',
  caught: '命中户数',
  precision: '精确率',
  recall: '召回率',
  ruleName: (rule) => ZH_RULES[rule] ?? rule,
  noHistory: '未评分：历史收入模型需要更早一轮的数据',
  roc: 'ROC 曲线',
  falsePositive: '假阳性率（下一轮未低于贫困线却被标记）',
  truePositive: '真阳性率',
  calibration: '校准图',
  meanPredicted: '平均预测脆弱性',
  observed: '下一轮低于贫困线的比例',
  bin: (bin, n, mean, observed) => `第 ${bin} 组：${n} 户，平均 v ${mean}，实际 ${observed}`,
};

/**
 * The validation section's words in a language (the study report's `reportWords(lang).validation`).
 * @example validationWords('zh-CN').auc // 'AUC'
 */
export function validationWords(lang: Lang): ValidationWords {
  return lang === 'zh-CN' ? ZH : EN;
}
