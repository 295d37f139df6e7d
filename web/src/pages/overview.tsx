import type { OverviewAnswer as Overview } from '../../../src/domain/dashboard-answers.js';
import type { StoreSummary as Summary } from '../../../src/domain/monitor-answers.js';
import { get } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { LineChart } from '../charts/line-chart.js';
import { label, num, t } from '../i18n.js';
import { go } from '../route.js';
import { useData } from '../use-data.js';

/** Counts by band and category, the trend across waves, and figures by village. */
export function OverviewPage() {
  const s = useData(() => get<Summary>('/api/summary'), 'summary');
  const o = useData(() => get<Overview>('/api/overview'), 'overview');
  if (s.error || o.error) return <div class="error">{s.error ?? o.error}</div>;
  if (!s.data || !o.data) return <p>{t('loading')}</p>;
  const sum = s.data;
  const ov = o.data;
  const xs = ov.trend.map((r) => r.wave);
  return (
    <div>
      <div class="cards">
        <div class="card">
          <div class="n">{num(sum.households)}</div>
          <div class="label">{t('households')}</div>
        </div>
        <div class="card">
          <div class="n">{num(sum.alerts_open)}</div>
          <div class="label">{t('alertsOpen')}</div>
        </div>
        <div class="card">
          <div class="n">{num(sum.waves)}</div>
          <div class="label">{t('waves')}</div>
        </div>
        {Object.entries(sum.cases_by_status).map(([k, n]) => (
          <div class="card" key={k}>
            <div class="n">{num(n)}</div>
            <div class="label">{label('status', k)}</div>
          </div>
        ))}
      </div>
      <div class="grid2">
        <section class="panel">
          <h2>
            {t('byBand')} {ov.wave ?? ''}
          </h2>
          <BarChart
            title={t('byBand')}
            format={(v) => num(v)}
            bars={(['low', 'medium', 'high', 'unscored'] as const)
              .filter((b) => b !== 'unscored' || ov.bands.unscored > 0)
              .map((b) => ({
                label: label('band', b),
                value: ov.bands[b] ?? 0,
                tone: b === 'unscored' ? 'muted' : b,
              }))}
          />
        </section>
        <section class="panel">
          <h2>{t('byCategory')}</h2>
          <BarChart
            title={t('byCategory')}
            format={(v) => num(v)}
            bars={ov.categories.map((c) => ({
              label: label('category', c.category),
              value: c.n,
              tone: 'accent',
            }))}
          />
        </section>
        <section class="panel">
          <h2>
            {t('trend')}: {t('meanV')}
          </h2>
          <LineChart
            xs={xs}
            yMin={0}
            series={[
              {
                name: t('meanV'),
                values: ov.trend.map((r) => r.mean_vulnerability),
                tone: 'accent',
              },
            ]}
          />
        </section>
        <section class="panel">
          <h2>
            {t('trend')}: {t('alertCount')}
          </h2>
          <LineChart
            xs={xs}
            yMin={0}
            format={(v) => num(v)}
            series={[
              { name: t('alertCount'), values: ov.trend.map((r) => r.alerts), tone: 'blue' },
              { name: t('highCount'), values: ov.trend.map((r) => r.high), tone: 'accent' },
            ]}
          />
        </section>
      </div>
      <section class="panel">
        <h2>{t('byVillage')}</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t('county')}</th>
                <th>{t('township')}</th>
                <th>{t('village')}</th>
                <th class="num">{t('households')}</th>
                <th class="num">{t('highCount')}</th>
                <th class="num">{t('meanV')}</th>
                <th class="num">{t('alertsOpen')}</th>
              </tr>
            </thead>
            <tbody>
              {ov.villages.map((v) => (
                <tr key={`${v.county}/${v.township}/${v.village}`}>
                  <td>{v.county}</td>
                  <td>{v.township}</td>
                  <td>
                    <a
                      href={`#/alerts?village=${encodeURIComponent(v.village)}`}
                      onClick={(e) => (
                        e.preventDefault(),
                        go(`/alerts?village=${encodeURIComponent(v.village)}`)
                      )}
                    >
                      {v.village}
                    </a>
                  </td>
                  <td class="num">{num(v.households)}</td>
                  <td class="num">{num(v.high)}</td>
                  <td class="num">{num(v.mean_vulnerability, 3)}</td>
                  <td class="num">{num(v.alerts_open)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
