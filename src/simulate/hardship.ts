import { randomStream } from './random.js';

/**
 * The registration status and hardship spending of the simulated panel (what is ASSUMED and
 * what comes from a source, marked [H], [P], [Q], is said item by item):
 * - `registered_poor`: the paper surveyed poverty-alleviation households only (its footnote
 *   1), so its data cannot give the mix of a village's register. The simulation registers
 *   households in the lower half of first-round income with probability 0.8 and the others
 *   with 0.4, so that about 60% are on the register (脱贫户) and the rest are ordinary rural
 *   households (一般农户), registration being more common among the poorer, as targeting
 *   intended.
 * - spending in a round follows that round's events. Medical spending is what the household pays
 *   itself (out of pocket, as the monitoring rules read it): the bill of a hospital stay is
 *   log-normal (SD of its log 0.8) with the national mean inpatient cost of 2020, 10,619.2 CNY
 *   per stay [H], a major illness (`shock_illness`) costs ASSUMED 3 times as much (several stays,
 *   higher-level hospitals); a registered household pays 20% of it (the basic insurance, critical
 *   illness insurance and medical assistance together reimbursed about 80% of registered poor
 *   people's inpatient costs [P]), any other household 30% (resident medical insurance paid 70% of
 *   inpatient costs within the policy list in 2020 [Q]; ASSUMED to apply to the whole bill, so
 *   this understates what falls outside the list). Chronic illness alone costs around 1,500 CNY a
 *   round (ASSUMED), a schooling-cost shock around 4,000 CNY (ASSUMED), a natural disaster a loss
 *   around 15,000 CNY (ASSUMED).
 * - `no_medical_insurance` is 0 throughout: the paper reports full coverage of the new rural
 *   cooperative medical insurance in the sample area. `school_dropout` starts at 0 (round 1,
 *   when every household has just met the "three guarantees") and, in later rounds, a
 *   schooling-cost shock leaves a child out of school with probability 0.05.
 *
 * Sources:
 * [H] National Health Commission, 2020 Statistical Bulletin on the Development of Health Care
 *     (2020年我国卫生健康事业发展统计公报), 2021: mean cost per inpatient stay in hospitals
 *     10,619.2 CNY.
 * [P] National Healthcare Security Administration, 2020: the actual reimbursement ratio of the
 *     rural poor population's inpatient costs stable at about 80% (三重保障).
 * [Q] National Healthcare Security Administration, 2020 Statistical Bulletin on the Development
 *     of Medical Security (2020年全国医疗保障事业发展统计公报): residents' medical insurance paid
 *     70.0% of inpatient costs within the policy list.
 *
 * Before 2026-12-07 every hospital stay and major illness cost the household around 8,000 CNY
 * whatever its registration, which made `high_expenditure` alone flag 1.4–2.0% of households a
 * round (docs/validation.md).
 */
export const HARDSHIP = Object.freeze({
  registeredLowerHalf: 0.8,
  registeredUpperHalf: 0.4,
  /** [H] Mean cost of a hospital stay (the bill before insurance), CNY. */
  hospitalStayCost: 10619.2,
  /** ASSUMED: a major illness costs 3 hospital stays. */
  majorIllnessCost: 3 * 10619.2,
  /** [P] Share of the bill a registered household pays itself. */
  paidRegistered: 0.2,
  /** [Q] Share of the bill any other household pays itself. */
  paidOther: 0.3,
  chronicMean: 1500,
  schoolingMean: 4000,
  disasterMean: 15000,
  dropoutGivenSchooling: 0.05,
});

/** SD of the log of a medical bill. */
const MEDICAL_SD = 0.8;

/** The panel's event columns `simulateHardship` reads (row = household × W + round). */
export interface HardshipEvents {
  readonly illness: Float64Array;
  readonly hospitalized: Float64Array;
  readonly chronic: Float64Array;
  readonly schooling: Float64Array;
  readonly disaster: Float64Array;
  /** First-round per-capita income by household. */
  readonly firstIncome: Float64Array;
}

/**
 * Draws registration, spending and the education and medical flags for a panel of `n`
 * households over `W` rounds from its own random streams (the other columns are unchanged).
 * @example simulateHardship(events, { seed: 2020, households: 676, waves: 4 }).get('registered_poor')
 */
export function simulateHardship(
  events: HardshipEvents,
  options: { seed: number; households: number; waves: number },
): Map<string, Float64Array> {
  const { households: n, waves: W } = options;
  const H = HARDSHIP;
  const rng = (name: string) => randomStream(options.seed, `panel:${name}`);
  const [reg, med, school, loss, dropout] = [
    'registered',
    'medical',
    'schooling-spend',
    'disaster-loss',
    'dropout',
  ].map(rng);
  const sorted = Float64Array.from(events.firstIncome).sort();
  const median = sorted[Math.floor(n / 2)];
  const out = new Map<string, Float64Array>(
    [
      'registered_poor',
      'medical_expenditure',
      'schooling_expenditure',
      'disaster_loss',
      'school_dropout',
      'no_medical_insurance',
    ].map((name) => [name, new Float64Array(n * W)]),
  );
  const col = (name: string) => out.get(name) as Float64Array;
  const [registered, medical, schooling, disaster, out_] = [
    'registered_poor',
    'medical_expenditure',
    'schooling_expenditure',
    'disaster_loss',
    'school_dropout',
  ].map(col);
  const round = (x: number) => Math.round(x / 10) * 10;
  for (let i = 0; i < n; i++) {
    const p = events.firstIncome[i] < median ? H.registeredLowerHalf : H.registeredUpperHalf;
    registered.fill(reg.bernoulli(p), i * W, (i + 1) * W);
    for (let t = 1; t < W; t++) {
      const k = i * W + t;
      if (events.illness[k] || events.hospitalized[k]) {
        const mean = events.illness[k] ? H.majorIllnessCost : H.hospitalStayCost;
        const paid = registered[k] ? H.paidRegistered : H.paidOther;
        medical[k] = round(paid * med.lognormal(Math.log(mean) - MEDICAL_SD ** 2 / 2, MEDICAL_SD));
      } else if (events.chronic[i] > 0) {
        medical[k] = round(med.lognormal(Math.log(H.chronicMean), 0.5));
      }
      if (events.schooling[k]) {
        schooling[k] = round(school.lognormal(Math.log(H.schoolingMean), 0.5));
        out_[k] = dropout.bernoulli(H.dropoutGivenSchooling);
      }
      if (events.disaster[k]) disaster[k] = round(loss.lognormal(Math.log(H.disasterMean), 0.7));
    }
  }
  return out;
}
