/**
 * The design of povrisk's simulated panel (`simulatePanel`): income levels, growth, shock
 * hazards and losses. What is taken from published sources, and what is assumed, is said
 * constant by constant; docs/validation.md sums it up. Simulated data, not survey data.
 *
 * Sources:
 * [T1] The paper, Table 1: family annual net income (2017) mean 35,274 CNY, SD 21,453.86;
 *      family size mean 4.429: per-capita net income ≈ 7,964 CNY in 2017.
 * [W]  State Council Information Office, white paper "Poverty Alleviation: China's Experience
 *      and Contribution" (人类减贫的中国实践), April 2021: per-capita net income of registered
 *      poor households rose from 3,416 CNY (2015) to 10,740 CNY (2020); the 2020 exit standard
 *      was about 4,000 CNY per person per year.
 * [R]  National Rural Revitalization Administration (国家乡村振兴局), February 2022: per-capita
 *      net income of people lifted out of poverty 12,550 CNY in 2021, up 16.9% on 2020.
 * [M]  Monitoring line 2021: about 6,000 CNY (1.5 × the national standard), the store's default
 *      (`DEFAULT_RULES.monitoring_lines`).
 * [S]  Office of the Leading Group for Poverty Alleviation, 2020 press conference: of the people
 *      lifted out of poverty nearly 2 million (≈ 2% of ~99 million) were at risk of returning to
 *      poverty, and nearly 3 million marginal people at risk of falling into it.
 * [I]  Same office, 2016: illness caused poverty in 42% of registered poor households — illness
 *      is the leading single cause, so it has the largest hazard below.
 * [E]  Ministry of Emergency Management, natural disasters of 2020 (2020年全国自然灾害基本情况),
 *      January 2021: crops failed (绝收) on 2,706.1 thousand ha, against 167,487 thousand ha sown
 *      (National Bureau of Statistics, 2020): 1.6% of the sown area.
 */
export const PANEL_DESIGN = Object.freeze({
  /** [W] Every household in the sample passed the 2020 exit verification: income ≥ 4,000. */
  exitStandard: 4000,
  /**
   * [W][T1] Round-1 (2020) per-capita income = exitStandard + scale · (2017 net income / family
   * size), the scale chosen so that the sample mean is the national 10,740 CNY.
   * ASSUMED: the sample's 2020 mean equals the national mean of registered poor households
   * (Liangshan's is probably somewhat lower), and the 2017 ranking carries over to 2020.
   */
  round1Mean: 10740,
  /** [R] Mean log growth a round: ln(12,550 / 10,740) ≈ 0.156 in 2020–21; ASSUMED 0.10 later. */
  growth: [Math.log(12550 / 10740), 0.1] as readonly number[],
  /**
   * ASSUMED: households with a higher wage share, a hardened road and more motivation grow
   * faster (the paper's mechanism, section 4): extra log growth per unit of wage share, for a
   * road, per motivation point (0–4.5), around the sample means (0.394, 0.919, 2.1).
   */
  growthWage: 0.08,
  growthRoad: 0.05,
  growthMotivation: 0.015,
  /** ASSUMED: transitory log income, AR(1) with this persistence and innovation SD. */
  persistence: 0.5,
  transitorySd: 0.18,
});

/**
 * Shock hazards per round (probabilities) and income losses (log points). The hazards are
 * ASSUMED unless a source is named. Illness is the most frequent shock that strikes one
 * household at a time (about 1.35% of households a round, job loss 1.15%), following [I]. They
 * are chosen so that about 2% of households above the monitoring line fall below it each round
 * ([S]) and, with the default monitoring rules, 1–15% of households get an alert in every
 * round, with a margin (docs/validation.md gives the figures, `bench/alert-share.sh` measures
 * them, test/simulate/alert-share.test.ts checks them).
 *
 * Disasters: in a round each of the sample's 15 villages is hit by a village-wide disaster with
 * probability `villageDisaster`, which then strikes each of its households with probability
 * `disasterGivenVillage` (a hailstorm, a landslide or a flood hits part of a mountain village);
 * households elsewhere suffer a local disaster with `disasterIdiosyncratic`. On average
 * 0.06 × 0.1 + 0.94 × 0.01 ≈ 1.5% of households a round lose crops and livestock, close to the
 * share of the sown area on which crops failed in 2020, 1.6% ([E]). ASSUMED: about 60% of those
 * losses are local. A county office watches hundreds of villages, so one village's disaster is
 * a small part of its register; the simulated sample has only 15 (the paper's), so a village-wide
 * disaster hits 1/15 of it at once and makes the share of households with a new shock lumpy.
 * Before 2026-12-07 village disasters carried nearly all of the risk (0.05 × 0.3 + 0.004): with
 * 2 or 3 villages hit in a round, 4–6% of the sample had a disaster at once, each with a new
 * shock alert, and the share of households with an alert reached 16–17% in such rounds (seeds
 * 4 and 9: 16.35% and 17.1% in round 2).
 */
export const SHOCKS = Object.freeze({
  villageDisaster: 0.06,
  disasterGivenVillage: 0.1,
  disasterIdiosyncratic: 0.01,
  /** A disaster destroys crops and livestock: the loss falls on the non-wage share of income. */
  disasterLoss: 0.45,
  /** Villages without a hardened road lose more and recover more slowly. */
  disasterNoRoad: 1.5,
  disasterDecay: 0.5,
  disasterDecayNoRoad: 0.7,
  housingGivenDisaster: 0.3,
  housingPersists: 0.4,
  housingOnset: 0.001,
  /** A disaster leaves the household's drinking water unsafe with this probability. */
  waterGivenDisaster: 0.2,
  waterPersists: 0.3,
  waterOnset: 0.002,
  illness: 0.012,
  illnessChronic: 0.04,
  illnessLoss: 0.3,
  hospitalizedOther: 0.18,
  disability: 0.004,
  disabilityLoss: 0.25,
  accident: 0.006,
  accidentLoss: 0.25,
  /** A job loss (务工就业中断) among households with an employed member. */
  jobLoss: 0.02,
  reemployed: 0.5,
  schooling: 0.008,
  schoolingPersists: 0.5,
  schoolingLoss: 0.12,
  /** A household that falls below the exit standard without an allowance is granted one. */
  allowanceGranted: 0.3,
  gdpGrowth: 0.06,
});
