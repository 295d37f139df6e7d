import { signal } from './signal.js';

/** Languages of the dashboard: Simplified Chinese by default, English on request. */
export type Lang = 'zh-CN' | 'en';

const saved = (() => {
  try {
    return localStorage.getItem('povrisk.lang');
  } catch {
    return null;
  }
})();

/** The current language (kept in localStorage). */
export const lang = signal<Lang>(saved === 'en' ? 'en' : 'zh-CN');

/** Switches the language and remembers it. */
export function setLang(next: Lang): void {
  lang.set(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem('povrisk.lang', next);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const S: Record<string, [string, string]> = {
  title: ['防返贫动态监测', 'Poverty-return monitoring'],
  overview: ['总览', 'Overview'],
  alerts: ['预警队列', 'Alert queue'],
  model: ['模型', 'Model'],
  logout: ['退出', 'Sign out'],
  login: ['登录', 'Sign in'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  language: ['English', '中文'],
  households: ['监测户数', 'Households'],
  alertsOpen: ['未结预警', 'Open alerts'],
  alertCount: ['预警条数', 'Alerts raised'],
  waves: ['调查轮次', 'Waves'],
  byBand: ['返贫风险分布（最新一轮）', 'Vulnerability bands (latest wave)'],
  byCategory: ['在办案件类别', 'Open cases by category'],
  byStatus: ['案件状态', 'Cases by status'],
  trend: ['各轮次趋势', 'Trend across waves'],
  byVillage: ['分村情况', 'By village'],
  meanV: ['平均脆弱性', 'Mean vulnerability'],
  highCount: ['高风险户', 'High-risk households'],
  meanIncome: ['人均收入均值', 'Mean income per capita'],
  wave: ['轮次', 'Wave'],
  county: ['县', 'County'],
  township: ['乡镇', 'Township'],
  village: ['村', 'Village'],
  household: ['户编号', 'Household'],
  rule: ['规则', 'Rule'],
  reason: ['预警原因', 'Reason'],
  vulnerability: ['脆弱性', 'Vulnerability'],
  income: ['人均纯收入', 'Income per capita'],
  status: ['状态', 'Status'],
  all: ['全部', 'All'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  more: ['加载更多', 'Load more'],
  shown: ['显示', 'Showing'],
  of: ['共', 'of'],
  loading: ['加载中…', 'Loading…'],
  timeline: ['收入与脆弱性', 'Income and vulnerability'],
  alertHistory: ['预警记录', 'Alerts'],
  measures: ['帮扶措施', 'Assistance measures'],
  addMeasure: ['登记帮扶措施', 'Record a measure'],
  type: ['类型', 'Type'],
  date: ['日期', 'Date'],
  amount: ['金额（元）', 'Amount (CNY)'],
  note: ['备注', 'Note'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  caseStatus: ['案件状态', 'Case status'],
  moveTo: ['变更为', 'Move to'],
  noCase: ['该户尚未被预警，没有案件。', 'This household was never flagged: no case.'],
  history: ['操作记录', 'History'],
  eliminationRules: ['风险消除需同时满足：', 'Marking the risk eliminated requires all of:'],
  rule1: ['纳入监测满 6 个月；', 'at least 6 months under monitoring;'],
  rule2: ['至少登记一项帮扶措施；', 'at least one assistance measure recorded;'],
  rule3: [
    '最近两轮人均纯收入均高于当年监测线；',
    'per-capita income above the monitoring line in each of the last two waves;',
  ],
  rule4: [
    '最新一轮至少有一名劳动力（无劳动力户不自动消除，继续纳入兜底保障监测）。',
    'at least one member able to work in the latest wave (households without labour stay monitored).',
  ],
  latestModel: ['最新拟合的 VEP 模型', 'Latest fitted VEP model'],
  noModel: [
    '尚未拟合模型（先运行 povrisk monitor run）。',
    'No model yet (run povrisk monitor run).',
  ],
  term: ['变量', 'Term'],
  beta: ['均值方程系数 β', 'Mean equation β'],
  theta: ['方差方程系数 θ', 'Variance equation θ'],
  table2: ['论文表 2：返贫概率分布', "The study's Table 2: probability of returning to poverty"],
  group: ['组别', 'Group'],
  mean: ['均值', 'Mean'],
  sd: ['标准差', 'SD'],
  below: ['< 0.3', '< 0.3'],
  middle: ['0.3–0.6', '0.3–0.6'],
  above: ['> 0.6', '> 0.6'],
  povertyLine: ['贫困线', 'Poverty line'],
  nUsed: ['样本量', 'Households used'],
  notFound: ['未找到该户，或不在您的辖区内。', 'Household not found in your area.'],
  reasonRequired: ['原因（驳回时必填）', 'Reason (required to dismiss)'],
  back: ['返回', 'Back'],
  signedInAs: ['当前用户', 'Signed in as'],
  moreInExport: [
    '页面最多显示 1000 条；完整列表请导出 CSV。',
    'The page shows at most 1,000 rows; export the CSV for the whole list.',
  ],
  events: ['审计日志', 'Audit log'],
  eventUser: ['用户', 'User'],
  action: ['操作', 'Action'],
  entity: ['对象', 'Entity'],
  entityId: ['对象编号', 'Entity id'],
  details: ['详情', 'Details'],
  recordedAt: ['记录时间', 'Recorded at'],
  since: ['起始日期', 'From'],
  until: ['截止日期', 'To'],
  previous: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  noEvents: ['没有符合条件的记录。', 'No events match.'],
};

const LABELS: Record<string, Record<string, [string, string]>> = {
  status: {
    flagged: ['已预警', 'flagged'],
    verified: ['已核实', 'verified'],
    monitored: ['监测帮扶中', 'monitored'],
    'risk eliminated': ['风险已消除', 'risk eliminated'],
    dismissed: ['已排除', 'dismissed'],
  },
  category: {
    marginal: ['边缘易致贫户', 'marginal'],
    unstable: ['脱贫不稳定户', 'unstable'],
    sudden_hardship: ['突发严重困难户', 'sudden hardship'],
  },
  rule: {
    high_vulnerability: ['高脆弱性', 'high vulnerability'],
    low_income: ['收入低于监测线', 'income below the line'],
    income_drop: ['收入骤减', 'income drop'],
    new_shock: ['新发生风险', 'new shock'],
  },
  measure: {
    industry: ['产业帮扶', 'industry'],
    employment: ['就业帮扶', 'employment'],
    microfinance: ['小额信贷', 'microfinance'],
    public_welfare_job: ['公益岗位', 'public welfare job'],
    health: ['健康帮扶', 'health'],
    education: ['教育帮扶', 'education'],
    social_assistance: ['社会救助兜底', 'social assistance'],
    relocation: ['易地搬迁', 'relocation'],
  },
  band: {
    low: ['低风险 (<0.3)', 'low (<0.3)'],
    medium: ['中风险 (0.3–0.6)', 'medium (0.3–0.6)'],
    high: ['高风险 (≥0.6)', 'high (≥0.6)'],
    unscored: ['未评分', 'unscored'],
  },
  action: {
    login: ['登录', 'sign-in'],
    'login failed': ['登录失败', 'failed sign-in'],
    'login locked': ['账号锁定时登录', 'sign-in while locked'],
    logout: ['退出登录', 'sign-out'],
    list: ['查看列表', 'list read'],
    export: ['导出', 'export'],
    refused: ['越权被拒', 'refused (outside area)'],
    read: ['查看', 'read'],
    status: ['状态变更', 'status change'],
    measure: ['帮扶措施', 'measure'],
    add: ['新增', 'add'],
    open: ['立案', 'case opened'],
  },
  role: {
    admin: ['管理员', 'admin'],
    county: ['县级', 'county'],
    township: ['乡镇级', 'township'],
    village: ['村级', 'village'],
  },
};

/** The text of a key in the current language (the key itself when unknown). */
export function t(key: string): string {
  const s = S[key];
  return s ? s[lang.get() === 'en' ? 1 : 0] : key;
}

/** A label of a coded value (status, category, rule, measure, band, role). */
export function label(kind: keyof typeof LABELS | string, value: string): string {
  const s = LABELS[kind]?.[value];
  return s ? s[lang.get() === 'en' ? 1 : 0] : value;
}

/** A number in the current locale, with `digits` decimals. */
export function num(x: unknown, digits = 0): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  return x.toLocaleString(lang.get(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
