/**
 * The household indicators of a wave, grouped as the paper groups its explanatory variables
 * (household and head; livelihood; infrastructure; health; shocks), with English and Chinese
 * labels: the one copy the API, the CLI and the dashboard show.
 */
export const INDICATOR_GROUPS = Object.freeze([
  {
    group: 'household',
    en: 'Household and head',
    zh: '家庭与户主',
    items: [
      ['per_capita_income', 'Per capita income (CNY)', '人均纯收入（元）'],
      ['net_income', 'Family annual net income (CNY)', '家庭年纯收入（元）'],
      ['family_size', 'Family size', '家庭人口'],
      ['able_to_work', 'Members able to work', '劳动力人数'],
      ['head_male', 'Head is male (1 = yes)', '户主为男性（是=1）'],
      [
        'head_ethnicity',
        'Head nationality (Han 0, Yi 1, other 2)',
        '户主民族（汉=0，彝=1，其他=2）',
      ],
      [
        'head_education',
        'Head education (1 primary … 5 college)',
        '户主文化程度（1 小学及以下…5 大专及以上）',
      ],
      ['debt', 'Family debt (CNY)', '家庭负债（元）'],
      ['motivation', 'Endogenous development motivation', '内生发展动力'],
    ],
  },
  {
    group: 'livelihood',
    en: 'Livelihood',
    zh: '生计',
    items: [
      ['wage_share', 'Wage share of net income', '工资性收入占比'],
      ['industrial_support', 'Industrial support (1 = yes)', '享受产业扶持政策（是=1）'],
      ['subsistence_allowance', 'People on subsistence allowance', '享受低保人数'],
    ],
  },
  {
    group: 'infrastructure',
    en: 'Infrastructure',
    zh: '基础设施',
    items: [
      [
        'road_hardened',
        'Village hardened road meets the standard (1 = yes)',
        '村硬化路达标（是=1）',
      ],
      ['county_gdp_per_capita', 'County GDP per capita (CNY)', '县人均 GDP（元）'],
    ],
  },
  {
    group: 'health',
    en: 'Health',
    zh: '健康',
    items: [
      ['disabled_count', 'Persons with disabilities', '残疾人数'],
      ['hospitalized', 'Someone hospitalized last year (1 = yes)', '上年有人住院（是=1）'],
      ['chronic_count', 'Chronic patients', '慢性病患者人数'],
    ],
  },
  {
    group: 'shocks',
    en: 'Shocks',
    zh: '风险冲击',
    items: [
      ['shock_illness', 'Major illness', '重大疾病'],
      ['shock_disability', 'New disability', '新增残疾'],
      ['shock_disaster', 'Natural disaster', '自然灾害'],
      ['shock_accident', 'Accident', '意外事故'],
      ['shock_job_loss', 'Job loss', '务工就业中断'],
      ['unsafe_housing', 'Unsafe housing', '住房安全无保障'],
      ['unsafe_water', 'Unsafe drinking water', '饮水安全无保障'],
      ['schooling_costs', 'Heavy schooling costs', '教育支出负担重'],
    ],
  },
] as const);

/** English and Chinese labels of an indicator (or of a VEP term), by column name. */
export const INDICATOR_LABELS: Readonly<Record<string, { en: string; zh: string }>> = Object.freeze(
  Object.fromEntries(
    INDICATOR_GROUPS.flatMap((g) => g.items.map(([name, en, zh]) => [name, { en, zh }])),
  ),
);
