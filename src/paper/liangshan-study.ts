/**
 * The paper's study as a built-in example: the text of `examples/liangshan.study.yaml`, embedded
 * so that `povrisk demo` works from the installed package alone (a test keeps the two equal).
 * @example parseStudy(LIANGSHAN_STUDY, { file: '<built-in study>', dir: process.cwd() })
 */
export const LIANGSHAN_STUDY = `# The study of Ouyang, "Research on identifying the risk of returning to poverty from
# poverty-alleviation households and industrial development in Liangshan Prefecture, China":
# 676 households, vulnerability as expected poverty (VEP), Tables 1-5.
# Run it on the simulated survey (the paper's microdata are not public):
#   povrisk simulate --households 676 --seed 2020 --out survey.csv
#   povrisk analyze examples/liangshan.study.yaml --data survey.csv --out report
# Schema: schemas/study.schema.json
title:
  en: Risk of returning to poverty, Liangshan Prefecture
  zh-CN: 凉山州脱贫户返贫风险
description:
  en: >-
    Ouyang's study of households lifted out of poverty in Liangshan Prefecture, run by povrisk.
    With the built-in demo data the survey is simulated (calibrated to the paper's published
    moments), not the paper's microdata.
  zh-CN: >-
    Ouyang 对凉山州脱贫户的研究，由 povrisk 重新运行。使用内置演示数据时，调查数据为模拟数据
    （按原文公布的统计量校准），并非原文的微观数据。
compare: liangshan-2020       # show the paper's published tables beside this study's
wording:                      # the paper's titles (English and Chinese editions)
  outcome: { en: risk of returning to poverty, zh-CN: 返贫风险 }
  dependent: { en: the probability of returning to poverty (VEP), zh-CN: 返贫概率（VEP） }
  titles:
    table1:
      en: Table 1. Descriptive statistics of household and individual characteristic variables
      zh-CN: 表1 家庭及个人特征变量的描述性统计
    table2:
      en: Table 2. Descriptive statistics of the probability of returning to poverty
      zh-CN: 表2 返贫概率的描述性统计
    table3:
      en: Table 3. Definition of explanatory variables and descriptive statistics
      zh-CN: 表3 解释变量的定义及描述性统计
    table4: { en: Table 4. Multiple regression analysis results, zh-CN: 表4 多元回归分析结果 }
    table5: { en: Table 5. Quantile regression analysis results, zh-CN: 表5 分位数回归分析结果 }

data:
  path: survey.csv            # relative to this file; povrisk analyze --data FILE overrides it
  id: household_id

derive:
  - name: motivation
    label: { en: Endogenous development motivation, zh-CN: 内生发展动力 }
    # Table 3: four yes/no items count 1 each, an employed member 0.5
    formula: industry_fund_loan + own_business + microloan + employment_training + 0.5 * has_employed_member
  - name: county_gdp_10k
    label: { en: "Regional economic situation (GDP per capita, 10,000 yuan)", zh-CN: 地区经济状况（人均GDP，万元） }
    # the paper's variable is in yuan (coefficient -7E-06); per 10,000 yuan it reads -0.07
    formula: county_gdp_per_capita / 10000

vep:
  income: per_capita_income
  x: [head_male, family_size, debt, net_income]   # section 3.2's income equation
  poverty_line:
    usd_per_day: 1.9          # the international line
    ppp: 3.696                # CNY per international dollar, 2011 PPP, private consumption (WDI)
    currency: CNY
  variance: linear            # the paper's eq. (3)
  bands: [0.3, 0.6]           # Table 2's bands

explanatory:                  # Table 3, and model (1) of Table 4
  - road_hardened
  - motivation
  - county_gdp_10k
  - head_education
  - disabled_count
  - hospitalized
  - chronic_count
  - head_ethnicity
  - wage_share
  - subsistence_allowance
  - industrial_support

regression:                   # Table 4: OLS of vulnerability, robust (HC1) standard errors
  vce: hc1
  models:
    - all
    - [road_hardened]
    - [road_hardened, motivation]
    - [road_hardened, motivation, county_gdp_10k]
    - [road_hardened, motivation, county_gdp_10k, disabled_count]
    - [road_hardened, motivation, county_gdp_10k, disabled_count, wage_share]
    - [road_hardened, motivation, county_gdp_10k, disabled_count, wage_share, subsistence_allowance]
  stepwise: { pr: 0.10, pe: 0.05 }   # Stata: stepwise, pr(0.10) pe(0.05): regress ..., vce(robust)

quantiles:                    # Table 5: the last model at four quantiles
  taus: [0.3, 0.5, 0.7, 0.9]
  se: nid

groups:                       # Table 2's rows
  - column: head_ethnicity
    heading: { en: Nationality of the head of household, zh-CN: 户主民族 }
    levels:
      - { label: { en: Han nationality, zh-CN: 汉族 }, values: [0] }
      - { label: { en: Yi nationality, zh-CN: 彝族 }, values: [1] }
      - { label: { en: Other minorities, zh-CN: 其他少数民族 }, values: [2] }
  - column: head_male
    heading: { en: Gender of the head of household, zh-CN: 户主性别 }
    levels:
      - { label: { en: Male head of household, zh-CN: 男性户主 }, values: [1] }
      - { label: { en: Female head of household, zh-CN: 女性户主 }, values: [0] }
  - column: head_education
    heading: { en: Education of the head of household, zh-CN: 户主受教育程度 }
    levels:
      - { label: { en: Primary school and below, zh-CN: 小学及以下 }, values: [1] }
      - { label: { en: Above primary school, zh-CN: 小学以上 }, min: 2 }

outputs:
  formats: [markdown, csv, latex, docx]
`;
