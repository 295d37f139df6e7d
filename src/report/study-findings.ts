import { PUBLISHED_TABLE4 } from '../paper/published-regressions.js';
import type { ReportSetup } from './report-setup.js';
import type { StudyResults } from './study-run.js';
import { formatEstimate } from './table-model.js';

/** One written finding: its kind (for styling and tests) and its sentence. */
export interface Finding {
  readonly kind: 'factor' | 'none' | 'quantile' | 'comparison' | 'caveat';
  readonly text: string;
}

const b3 = (x: number) => formatEstimate(x, 3);
const level = (p: number) => (p < 0.01 ? '1%' : p < 0.05 ? '5%' : '10%');

/**
 * The report's "Main findings", written from the estimates by fixed templates (never free
 * text), in the setup's language:
 * - factors: each term of Table 4's first model significant at 10%, in order of p, as raising
 *   or lowering the outcome, with its coefficient and significance level; then the others;
 * - quantiles: each regressor of Table 5 whose effect grows towards the upper quantiles — the
 *   same sign at the lowest and highest τ, larger in absolute value at the highest by more than
 *   one standard error there, and significant (10%) there;
 * - comparison (only with `setup.compare`): signs agreeing with the paper's Table 4 column (1),
 *   and the ratio of our estimates to the paper's significant ones;
 * - caveats: simulated data (`simulated: true`, default false), and what VEP measures.
 * @example studyFindings(run.results, setup, { simulated: true }).map((f) => f.text)
 */
export function studyFindings(
  results: StudyResults,
  setup: ReportSetup,
  options: { simulated?: boolean } = {},
): Finding[] {
  const zh = setup.lang === 'zh-CN';
  const { label, outcome } = setup;
  const out: Finding[] = [];
  const model = results.table4.models[0]?.result;
  const terms = (model?.coefficients ?? []).filter((c) => c.term !== '(Intercept)');
  const significant = terms.filter((c) => c.pValue < 0.1).sort((a, b) => a.pValue - b.pValue);
  for (const c of significant) {
    const up = c.estimate > 0;
    out.push({
      kind: 'factor',
      text: zh
        ? `${label(c.term)}${up ? '提高' : '降低'}${outcome}：系数 ${b3(c.estimate)}，在 ${level(c.pValue)} 水平上显著。`
        : `${label(c.term)} ${up ? 'raises' : 'lowers'} the ${outcome}: coefficient ${b3(c.estimate)}, significant at the ${level(c.pValue)} level.`,
    });
  }
  const others = terms.filter((c) => !(c.pValue < 0.1));
  if (others.length > 0)
    out.push({
      kind: 'none',
      text: zh
        ? `在 10% 水平上不显著：${others.map((c) => label(c.term)).join('、')}。`
        : `Not significant at the 10% level: ${others.map((c) => label(c.term)).join(', ')}.`,
    });
  const t5 = results.table5;
  if (t5 && t5.quantreg.fits.length >= 2) {
    const fits = [...t5.quantreg.fits].sort((a, b) => a.tau - b.tau);
    const lo = fits[0];
    const hi = fits[fits.length - 1];
    const growing = t5.x.flatMap((term) => {
      const a = lo.coefficients.find((c) => c.term === term);
      const b = hi.coefficients.find((c) => c.term === term);
      if (!a || !b) return [];
      const grows =
        Math.sign(a.estimate) === Math.sign(b.estimate) &&
        Math.abs(b.estimate) - Math.abs(a.estimate) > b.stdError &&
        b.pValue < 0.1;
      return grows ? [{ term, a: a.estimate, b: b.estimate }] : [];
    });
    for (const g of growing)
      out.push({
        kind: 'quantile',
        text: zh
          ? `${label(g.term)}的影响在高分位数上更大：τ = ${lo.tau} 时为 ${b3(g.a)}，τ = ${hi.tau} 时为 ${b3(g.b)}。`
          : `The effect of ${label(g.term)} grows at the upper quantiles: ${b3(g.a)} at τ = ${lo.tau}, ${b3(g.b)} at τ = ${hi.tau}.`,
      });
    if (growing.length === 0)
      out.push({
        kind: 'quantile',
        text: zh
          ? `没有变量的影响在高分位数上明显增大（τ = ${lo.tau} 至 ${hi.tau}）。`
          : `No effect grows markedly at the upper quantiles (τ = ${lo.tau} to ${hi.tau}).`,
      });
  }
  if (setup.compare) out.push(...comparison(terms, setup));
  if (options.simulated)
    out.push({
      kind: 'caveat',
      text: zh
        ? '数据为模拟数据（按原文公布的统计量校准），并非真实调查：以上结果展示方法的输出，不是关于任何农户的事实。'
        : "The data are simulated (calibrated to the paper's published moments), not a survey: these findings show what the method gives, not facts about any household.",
    });
  out.push({
    kind: 'caveat',
    text: zh
      ? `脆弱性（VEP）是根据横截面数据和收入方程估计的、收入在下一期低于贫困线的概率；它是预测，不是观察到的结果。回归描述的是相关关系，不是因果关系。`
      : `Vulnerability (VEP) is the estimated probability that income falls below the poverty line in the next period, from a cross-section and the income equation; it is a prediction, not an observed outcome, and the regressions describe associations, not causes.`,
  });
  return out;
}

/** Signs and magnitudes against the paper's Table 4, column (1). */
function comparison(
  terms: readonly { term: string; estimate: number; pValue: number }[],
  setup: ReportSetup,
): Finding[] {
  const zh = setup.lang === 'zh-CN';
  const pairs = terms.flatMap((c) => {
    const cell = PUBLISHED_TABLE4.rows.find((r) => r.term === c.term)?.cells[0];
    return cell ? [{ ...c, paper: Number(cell[0]), starred: cell[1] !== '' }] : [];
  });
  if (pairs.length === 0) return [];
  const opposite = pairs.filter((p) => Math.sign(p.estimate) !== Math.sign(p.paper));
  const same = pairs.length - opposite.length;
  const list = opposite.map((p) =>
    zh
      ? `${setup.label(p.term)}（本研究 ${b3(p.estimate)}，原文 ${b3(p.paper)}）`
      : `${setup.label(p.term)} (ours ${b3(p.estimate)}, paper ${b3(p.paper)})`,
  );
  const out: Finding[] = [
    {
      kind: 'comparison',
      text: zh
        ? `与原文表4第(1)列相比，${pairs.length} 个系数中有 ${same} 个符号相同${list.length ? `；符号相反：${list.join('；')}` : ''}。`
        : `Against the paper's Table 4, column (1): ${same} of ${pairs.length} coefficients have the same sign${list.length ? `; opposite: ${list.join('; ')}` : ''}.`,
    },
  ];
  const ratios = pairs
    .filter((p) => p.starred && p.paper !== 0)
    .map((p) => p.estimate / p.paper)
    .sort((a, b) => a - b);
  if (ratios.length > 0) {
    const r = (x: number) => x.toFixed(2);
    out.push({
      kind: 'comparison',
      text: zh
        ? `对原文中显著的 ${ratios.length} 个系数，本研究的估计值是原文的 ${r(ratios[0])} 至 ${r(ratios[ratios.length - 1])} 倍。`
        : `For the paper's ${ratios.length} significant coefficients, our estimates are ${r(ratios[0])} to ${r(ratios[ratios.length - 1])} times the paper's.`,
    });
  }
  return out;
}
