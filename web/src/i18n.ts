import { RISK_BANDS } from '../../src/domain/bands.js';
import { LABELS } from '../../src/domain/labels.js';
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
  lastRound: ['上一轮预警效果', "How well last round's warning worked"],
  lastRoundNote: [
    '上一轮各规则预警的农户中，本轮人均纯收入低于监测线的有多少（精确率），本轮低于监测线的农户有多少被上一轮预警到（召回率）。',
    "Of the households each rule alerted last round, how many are below the monitoring line now (precision); of the households below the line now, how many last round's alerts caught (recall).",
  ],
  noLastRound: ['至少两轮数据运行规则后才有结果。', 'Shown once rules have run on two waves.'],
  flagged: ['预警户数', 'Flagged'],
  laterPoor: ['本轮低于监测线', 'Below the line now'],
  precision: ['精确率', 'Precision'],
  recall: ['召回率', 'Recall'],
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
  below: [`< ${RISK_BANDS.low}`, `< ${RISK_BANDS.low}`],
  middle: [`${RISK_BANDS.low}–${RISK_BANDS.high}`, `${RISK_BANDS.low}–${RISK_BANDS.high}`],
  above: [`> ${RISK_BANDS.high}`, `> ${RISK_BANDS.high}`],
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
  eventsSince: ['起始日期', 'From'],
  eventsUntil: ['截止日期', 'To'],
  previous: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  noEvents: ['没有符合条件的记录。', 'No events match.'],
  rule5: [
    '最新一轮义务教育、基本医疗、住房安全和饮水安全均有保障。',
    'compulsory education, basic medical care, safe housing and safe drinking water all secure in the latest wave.',
  ],
  procedure: ['识别认定程序', 'Procedure'],
  step: ['环节', 'Step'],
  result: ['结果', 'Result'],
  user: ['经办人', 'By'],
  noticeEnd: ['公示截止', 'Notice ends'],
  recordStep: ['登记', 'Record'],
  nextStep: ['下一环节', 'Next step'],
  due: ['办理时限', 'Due'],
  overdueDays: ['逾期天数', 'Days overdue'],
  procedureDone: ['县级已审定，纳入监测帮扶。', 'Approved by the county: monitored.'],
  responsible: ['帮扶责任人', 'Responsible cadre'],
  unassigned: ['未指定', 'not assigned'],
  assign: ['指定', 'Assign'],
  foundBy: ['发现方式', 'Found by'],
  openCase: ['登记新的监测对象', 'Open a case'],
  myCases: ['我的监测户', 'My cases'],
  overdue: ['逾期未办', 'Overdue'],
  noCases: ['没有案件。', 'No cases.'],
  since: ['上一环节日期', 'Since'],
  lastStep: ['已办环节', 'Last step'],
  category: ['监测类别', 'Category'],
  endDate: ['结束日期', 'End date'],
  upload: ['导入调查数据', 'Import a wave'],
  file: ['数据文件', 'Data file'],
  uploadHelp: [
    '支持 CSV、TSV、Parquet、Excel (.xlsx) 等命令行可读的格式；有任何问题将整体不导入，并逐条列出。',
    'CSV, TSV, Parquet, Excel (.xlsx) and every format the CLI reads; any problem rejects the whole file, listing each.',
  ],
  importing: ['正在导入并评分…', 'Importing and scoring…'],
  imported: ['已导入并评分', 'Imported and scored'],
  problems: ['问题', 'Problems'],
  row: ['行', 'Row'],
  column: ['列', 'Column'],
  value: ['值', 'Value'],
  casesOpened: ['新增案件', 'Cases opened'],
  print: ['打印', 'Print'],
  printCaseFile: ['打印档案', 'Print the case file'],
  printList: ['打印监测名单', 'Print the monitoring list'],
  caseFile: ['防止返贫监测对象档案', 'Monitoring case file'],
  villageList: ['防止返贫监测对象名单', 'Monitoring list'],
  printedOn: ['打印日期', 'Printed on'],
  signature: ['经办人签字', 'Signature'],
};

/** The text of a key in the current language (the key itself when unknown). */
export function t(key: string): string {
  const s = S[key];
  return s ? s[lang.get() === 'en' ? 1 : 0] : key;
}

/** A label of a coded value (status, category, rule, measure, band, role, step …: `src/domain/labels.ts`). */
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
