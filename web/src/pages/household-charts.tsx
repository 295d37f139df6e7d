import type { HouseholdDetail } from '../../../src/domain/household-detail.js';
import { LineChart } from '../charts/line-chart.js';
import { num, t } from '../i18n.js';

/**
 * Income and vulnerability by wave. v refers to the VEP line of the model that scored the
 * household (`line`); the income chart also shows each year's monitoring line.
 */
export function HouseholdCharts(props: { detail: HouseholdDetail; line: number | undefined }) {
  const h = props.detail;
  const line = props.line;
  const xs = h.observations.map((o) => o.wave);
  const v = xs.map((w) => h.scores.find((s) => s.wave === w)?.vulnerability ?? null);
  const monitoring = xs.map((w) => h.lines.monitoring.find((m) => m.wave === w)?.line ?? null);
  return (
    <div class="grid2">
      <section class="panel">
        <h2>{t('income')}</h2>
        <LineChart
          xs={xs}
          yMin={0}
          format={(x) => num(x)}
          series={[
            {
              name: t('income'),
              values: h.observations.map((o) => o.per_capita_income),
              tone: 'blue',
            },
            {
              name: `${t('monitoringLine')} (${[...new Set(monitoring.filter((x) => x !== null))].map((x) => num(x)).join(' / ')})`,
              values: monitoring,
              tone: 'muted',
            },
            ...(line
              ? [
                  {
                    name: `${t('vepLine')} (${num(line)})`,
                    values: xs.map(() => line),
                    tone: 'vep',
                  },
                ]
              : []),
          ]}
        />
      </section>
      <section class="panel">
        <h2>{t('vulnerability')}</h2>
        <LineChart
          xs={xs}
          yMin={0}
          series={[
            {
              name: `${t('vulnerabilityOf')}${line ? ` (${num(line)})` : ''}`,
              values: v,
              tone: 'accent',
            },
          ]}
        />
      </section>
    </div>
  );
}
