import type { HouseholdDrivers } from '../../../src/domain/household-detail.js';
import { DriversChart } from '../charts/drivers-chart.js';
import { label, lang, num, t } from '../i18n.js';

/** What drives the household's expected income and its variance: chart, table, cause, help. */
export function DriversPanel(props: {
  drivers: HouseholdDrivers | null;
  labels: Record<string, { en: string; zh: string }>;
}) {
  const language = lang.use();
  const d = props.drivers;
  if (!d) {
    return (
      <section class="panel drivers">
        <h2>{t('drivers')}</h2>
        <p class="muted">{t('noDrivers')}</p>
      </section>
    );
  }
  const name = (term: string) => {
    const l = props.labels[term];
    return l ? (language === 'en' ? l.en : l.zh) : term;
  };
  const cause =
    d.cause === 'low mean'
      ? t('causeLowMean')
      : d.cause === 'high variance'
        ? t('causeHighVariance')
        : t('notVulnerable');
  const table = (title: string, eq: HouseholdDrivers['mean'], cls: string) => (
    <div>
      <h3>{title}</h3>
      <div class="scroll">
        <table class={cls}>
          <thead>
            <tr>
              <th>{t('indicator')}</th>
              <th class="num">{t('householdValue')}</th>
              <th class="num">{t('waveMean')}</th>
              <th class="num">{t('contribution')}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="baseline">
              <td>{t('baseline')}</td>
              <td />
              <td />
              <td class="num">{num(eq.baseline, 4)}</td>
            </tr>
            {eq.contributions.map((c) => (
              <tr key={c.term} data-term={c.term}>
                <td>{name(c.term)}</td>
                <td class="num">{num(c.value, 2)}</td>
                <td class="num">{num(c.mean, 2)}</td>
                <td class={`num ${c.contribution < 0 ? 'down' : 'up'}`}>
                  {num(c.contribution, 4)}
                </td>
              </tr>
            ))}
            <tr class="total">
              <td>
                = {cls === 'mean-drivers' ? 'μ' : d.variance.model === 'linear' ? 'Xθ' : 'ln σ²'}
              </td>
              <td />
              <td />
              <td class="num">{num(eq.total, 4)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
  return (
    <section class="panel drivers">
      <h2>
        {t('drivers')} ({d.wave})
      </h2>
      <p class="muted">{t('driversNote')}</p>
      <p class="cause" data-cause={d.cause ?? 'none'}>
        {t('vulnerability')} {num(d.vulnerability, 3)} · {cause}
      </p>
      <DriversChart
        title={t('meanEquation')}
        bars={d.mean.contributions.map((c) => ({
          label: name(c.term),
          contribution: c.contribution,
        }))}
      />
      {d.suggestions.length > 0 && (
        <p class="suggestions">
          {t('suggested')}:{' '}
          {d.suggestions
            .map((s) =>
              language === 'en'
                ? `${label('measure', s.measure)} (${t('because')} ${s.terms.map(name).join(', ')})`
                : `${label('measure', s.measure)}（${t('because')}${s.terms.map(name).join('、')}）`,
            )
            .join(language === 'en' ? '; ' : '；')}
        </p>
      )}
      <div class="grid2">
        {table(t('meanEquation'), d.mean, 'mean-drivers')}
        {table(t('varianceEquation'), d.variance, 'variance-drivers')}
      </div>
    </section>
  );
}
