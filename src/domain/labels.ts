import { CATEGORIES } from './categories.js';

/** A label in Chinese and English. */
export type Label = readonly [zh: string, en: string];

/**
 * The Chinese and English labels of every coded value the CLI, the API and the dashboard
 * show: statuses, categories, rules, measure types, bands, event-log actions, roles, procedure
 * steps, how a case was found and step results.
 * @example LABELS.status['risk eliminated'][0] // '风险已消除'
 */
export const LABELS: Readonly<Record<string, Readonly<Record<string, Label>>>> = Object.freeze({
  status: {
    flagged: ['已预警', 'flagged'],
    verified: ['已核实', 'verified'],
    monitored: ['监测帮扶中', 'monitored'],
    'risk eliminated': ['风险已消除', 'risk eliminated'],
    dismissed: ['已排除', 'dismissed'],
  },
  category: Object.fromEntries(
    Object.entries(CATEGORIES).map(([k, v]) => [k, [v.zh, k.replace('_', ' ')] as const]),
  ),
  rule: {
    high_vulnerability: ['高脆弱性', 'high vulnerability'],
    low_income: ['收入低于监测线', 'income below the line'],
    income_drop: ['收入骤减', 'income drop'],
    new_shock: ['新发生风险', 'new shock'],
    high_expenditure: ['刚性支出骤增', 'high expenditure'],
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
    housing: ['住房安全保障', 'housing'],
    drinking_water: ['饮水安全保障', 'drinking water'],
  },
  band: {
    low: ['低风险 (<0.3)', 'low (<0.3)'],
    medium: ['中风险 (0.3–0.6)', 'medium (0.3–0.6)'],
    high: ['高风险 (>0.6)', 'high (>0.6)'],
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
    step: ['办理环节', 'procedure step'],
    assign: ['指定帮扶责任人', 'cadre assigned'],
    import: ['导入数据', 'import'],
    run: ['运行监测规则', 'rules run'],
    create: ['创建', 'create'],
    update: ['更新', 'update'],
    remove: ['删除', 'remove'],
  },
  role: {
    admin: ['管理员', 'admin'],
    county: ['县级', 'county'],
    township: ['乡镇级', 'township'],
    village: ['村级', 'village'],
  },
  step: {
    found: ['发现', 'found'],
    verification: ['入户核实', 'home verification'],
    village_review: ['村级评议', 'village review'],
    public_notice: ['村内公示', 'public notice'],
    township_review: ['乡镇审核', 'township review'],
    county_approval: ['县级审定', 'county approval'],
  },
  found_by: {
    self_report: ['农户自主申报', 'self-report'],
    cadre_visit: ['干部走访排查', 'cadre visit'],
    department_data: ['部门筛查预警', 'department data'],
    model_alert: ['模型预警', 'model alert'],
  },
  result: {
    confirmed: ['情况属实', 'confirmed'],
    not_confirmed: ['情况不属实', 'not confirmed'],
    approved: ['同意', 'approved'],
    rejected: ['不同意', 'rejected'],
    no_objection: ['无异议', 'no objection'],
    objection: ['有异议', 'objection'],
  },
});

/**
 * The label of a coded value in a language (the value itself when unknown).
 * @example labelOf('step', 'county_approval', 'zh') // '县级审定'
 */
export function labelOf(kind: string, value: string, lang: 'zh' | 'en' = 'zh'): string {
  const l = LABELS[kind]?.[value];
  return l ? l[lang === 'zh' ? 0 : 1] : value;
}
