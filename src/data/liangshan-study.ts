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
title: Risk of returning to poverty, Liangshan Prefecture
description: >-
  Ouyang's study of households lifted out of poverty in Liangshan Prefecture, run by povrisk.
  With the built-in demo data the survey is simulated (calibrated to the paper's published
  moments), not the paper's microdata.

data:
  path: survey.csv            # relative to this file; povrisk analyze --data FILE overrides it
  id: household_id

derive:
  - name: motivation
    label: Endogenous development motivation
    # Table 3: four yes/no items count 1 each, an employed member 0.5
    formula: industry_fund_loan + own_business + microloan + employment_training + 0.5 * has_employed_member
  - name: county_gdp_10k
    label: Regional economic situation (GDP per capita, 10,000 yuan)
    # the paper's variable is in yuan (coefficient -7E-06); per 10,000 yuan it reads -0.07
    formula: county_gdp_per_capita / 10000

vep:
  income: per_capita_income
  x: [head_male, family_size, debt, net_income]   # section 3.2's income equation
  poverty_line:
    usd_per_day: 1.9          # the international line
    ppp: 3.696                # CNY per international dollar, 2011 PPP, private consumption (WDI)
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
    heading: Nationality of the head of household
    levels:
      - { label: Han nationality, values: [0] }
      - { label: Yi nationality, values: [1] }
      - { label: Other minorities, values: [2] }
  - column: head_male
    heading: Gender of the head of household
    levels:
      - { label: Male head of household, values: [1] }
      - { label: Female head of household, values: [0] }
  - column: head_education
    heading: Education of the head of household
    levels:
      - { label: Primary school and below, values: [1] }
      - { label: Above primary school, min: 2 }

outputs:
  formats: [markdown, csv, latex, docx]
  compare_with_paper: true
`;
