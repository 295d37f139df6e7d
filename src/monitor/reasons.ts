import { SHOCK_FLAGS } from './columns.js';
import { sqlString } from './sql.js';

/**
 * SQL expressions for the human reasons of alerts, in English (`reason`) and Chinese
 * (`reason_zh`), evaluated row by row inside the alert query. Column names refer to the
 * query's `base` relation (`v`, `per_capita_income`, `prev_income`, shock flags and their
 * `prev_` values). Kept here, beside the rules, because they are SQL, not JS strings.
 */
const money = (x: string) => `printf('%,.0f', ${x})`;

/** v ≥ threshold. */
export function highVulnerabilityReason(threshold: number): { en: string; zh: string } {
  return {
    en: `printf('vulnerability %.3f at or above %s (high band)', v, ${sqlString(String(threshold))})`,
    zh: `printf('返贫致贫风险概率 %.3f，不低于高风险线 %s', v, ${sqlString(String(threshold))})`,
  };
}

/** Income under the monitoring line of the wave's year. */
export function lowIncomeReason(line: number, year: number | null): { en: string; zh: string } {
  const y = year === null ? '' : `${year} `;
  return {
    en: `printf('per-capita income %s CNY below the ${y}monitoring line of %s CNY', ${money('per_capita_income')}, ${money(String(line))})`,
    zh: `printf('人均纯收入 %s 元，低于${y === '' ? '' : `${year} 年`}监测标准 %s 元', ${money('per_capita_income')}, ${money(String(line))})`,
  };
}

/** Income down by `share` or more since the previous wave. */
export function incomeDropReason(previousWave: string): { en: string; zh: string } {
  const pct = `printf('%.0f', 100 * (prev_income - per_capita_income) / prev_income)`;
  const w = sqlString(previousWave);
  return {
    en: `printf('per-capita income fell %s%% since wave %s (%s → %s CNY)', ${pct}, ${w}, ${money('prev_income')}, ${money('per_capita_income')})`,
    zh: `printf('人均纯收入较上一轮（%s）下降 %s%%（%s → %s 元）', ${w}, ${pct}, ${money('prev_income')}, ${money('per_capita_income')})`,
  };
}

/** The condition "flag is 1 now and was not 1 in the previous wave", for one shock flag. */
export const isNewShock = (flag: string) => `(${flag} = 1 AND coalesce(prev_${flag}, 0) <> 1)`;

/** New shock flags, listed by label. */
export function newShockReason(flags: readonly string[]): { en: string; zh: string } {
  const list = (lang: 'en' | 'zh') =>
    SHOCK_FLAGS.filter((s) => flags.includes(s.name))
      .map((s) => `CASE WHEN ${isNewShock(s.name)} THEN ${sqlString(s[lang])} END`)
      .join(', ');
  // concat_ws skips the NULLs: the shocks that are not new.
  return {
    en: `'new shock: ' || concat_ws(', ', ${list('en')})`,
    zh: `'新发生风险：' || concat_ws('、', ${list('zh')})`,
  };
}

/** Total rigid spending of the wave (medical + schooling + disaster loss); NULL when none is recorded. */
export const EXPENDITURE_SQL = `(CASE WHEN medical_expenditure IS NULL AND schooling_expenditure IS NULL
  AND disaster_loss IS NULL THEN NULL ELSE coalesce(medical_expenditure, 0)
  + coalesce(schooling_expenditure, 0) + coalesce(disaster_loss, 0) END)`;

/** Rigid spending above a share of household income or a fixed amount. */
export function highExpenditureReason(
  share: number | null,
  amount: number | null,
): { en: string; zh: string } {
  const limits = (lang: 'en' | 'zh') =>
    [
      share === null
        ? null
        : lang === 'en'
          ? `${Math.round(share * 100)}%% of household income (%s CNY)`
          : `家庭纯收入（%s 元）的 ${Math.round(share * 100)}%%`,
      amount === null ? null : lang === 'en' ? `or ${amount} CNY` : `或 ${amount} 元`,
    ]
      .filter((x) => x !== null)
      .join(' ')
      .replace(/^or /, '')
      .replace(/^或 /, '');
  const income = share === null ? '' : `, ${money('per_capita_income * family_size')}`;
  const parts = `${money(EXPENDITURE_SQL)}, ${money('coalesce(medical_expenditure, 0)')}, ${money('coalesce(schooling_expenditure, 0)')}, ${money('coalesce(disaster_loss, 0)')}${income}`;
  return {
    en: `printf(${sqlString(`rigid spending %s CNY (medical %s, schooling %s, disaster loss %s) above ${limits('en')}`)}, ${parts})`,
    zh: `printf(${sqlString(`刚性支出 %s 元（医疗 %s、教育 %s、灾害损失 %s），超过${limits('zh')}`)}, ${parts})`,
  };
}
