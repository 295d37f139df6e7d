import type { ModelAnswer } from '../../../src/domain/dashboard-answers.js';
import { get } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { num, t } from '../i18n.js';
import { useData } from '../use-data.js';

const sig = (x: number | undefined) =>
  x === undefined ? '–' : Number(x.toPrecision(4)).toString();

/** The latest fitted VEP model's coefficients, and the study's Table 2 with a chart. */
export function ModelPage() {
  const d = useData(() => get<ModelAnswer>('/api/model'), 'model');
  if (d.error) return <div class="error">{d.error}</div>;
  if (!d.data) return <p>{t('loading')}</p>;
  const { model, last_round: last, published_table2: table2 } = d.data;
  const share = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
  return (
    <div>
      <section class="panel last-round">
        <h2>{t('lastRound')}</h2>
        {!last ? (
          <p>{t('noLastRound')}</p>
        ) : (
          <div>
            <p class="muted">
              {t('wave')} {last.previous_wave} → {last.wave} · {t('povertyLine')}{' '}
              {num(last.monitoring_line)}
            </p>
            <p class="muted">{t('lastRoundNote')}</p>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t('rule')}</th>
                    <th class="num">{t('flagged')}</th>
                    <th class="num">{t('laterPoor')}</th>
                    <th class="num">{t('precision')}</th>
                    <th class="num">{t('recall')}</th>
                  </tr>
                </thead>
                <tbody>
                  {last.previous_alerts.map((a) => (
                    <tr key={a.rule}>
                      <td>{a.rule}</td>
                      <td class="num">{num(a.flagged)}</td>
                      <td class="num">{num(a.later_poor)}</td>
                      <td class="num">{share(a.precision)}</td>
                      <td class="num">{share(a.recall)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
      <section class="panel">
        <h2>{t('latestModel')}</h2>
        {!model ? (
          <p>{t('noModel')}</p>
        ) : (
          <div>
            <p class="muted">
              #{model.model_id} · {t('wave')} {model.wave} · {model.method} · {t('povertyLine')}{' '}
              {num(model.poverty_line)} · {t('nUsed')} {num(model.n_used)} ·{' '}
              {model.fitted_at.slice(0, 16)}
            </p>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t('term')}</th>
                    <th class="num">{t('beta')}</th>
                    <th class="num">{t('theta')}</th>
                  </tr>
                </thead>
                <tbody>
                  {model.coefficients.terms.map((term, i) => (
                    <tr key={term}>
                      <td>{term}</td>
                      <td class="num">{sig(model.coefficients.beta[i])}</td>
                      <td class="num">{sig(model.coefficients.theta[i])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
      <section class="panel">
        <h2>{t('table2')}</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t('group')}</th>
                <th class="num">{t('mean')}</th>
                <th class="num">{t('sd')}</th>
                <th class="num">{t('below')}</th>
                <th class="num">{t('middle')}</th>
                <th class="num">{t('above')}</th>
              </tr>
            </thead>
            <tbody>
              {table2.map((r) => (
                <tr key={r.group}>
                  <td>{r.group}</td>
                  <td class="num">{r.mean.toFixed(2)}</td>
                  <td class="num">{r.sd.toFixed(2)}</td>
                  <td class="num">{r.below.toFixed(2)}</td>
                  <td class="num">{r.middle.toFixed(2)}</td>
                  <td class="num">{r.above.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <BarChart
          title={t('above')}
          format={(v) => `${Math.round(v * 100)}%`}
          bars={table2.map((r) => ({ label: r.group, value: r.above, tone: 'high' }))}
        />
      </section>
    </div>
  );
}
