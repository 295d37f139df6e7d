import type { VillageView } from '../../../src/domain/case-rows.js';
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { label, lang, num, t } from '../i18n.js';
import { go } from '../route.js';
import { useData } from '../use-data.js';

const THRESHOLDS = ['0.5', '0.4', '0.3', '0.2'];

/**
 * The village view: per village, households by band, open cases by category, and the most
 * common drivers among its vulnerable households with the kinds of help they call for.
 */
export function VillagePage() {
  const language = lang.use();
  const [threshold, setThreshold] = useState('0.5');
  const d = useData(
    () => get<VillageView>(`/api/villages?threshold=${threshold}`),
    `villages|${threshold}`,
  );
  if (d.error) return <div class="error">{d.error}</div>;
  if (!d.data) return <p>{t('loading')}</p>;
  const view = d.data;
  return (
    <div>
      <div class="filters">
        <label>
          {t('threshold')}
          <select
            name="threshold"
            value={threshold}
            onChange={(e) => setThreshold(e.currentTarget.value)}
          >
            {THRESHOLDS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <span class="muted">
          {t('wave')} {view.wave ?? '–'}
        </span>
      </div>
      <p class="muted">{t('villageNote')}</p>
      <div class="grid2 villages">
        {view.villages.map((v) => (
          <section class="panel village" key={`${v.county}/${v.township}/${v.village}`}>
            <h2>
              {v.village} · {v.township} · {v.county}
            </h2>
            <p class="muted">
              {t('households')} {num(v.households)} · {t('vulnerableCount')} {num(v.vulnerable)}
            </p>
            <BarChart
              title={`${v.village} ${t('byBand')}`}
              format={(x) => num(x)}
              bars={(['low', 'medium', 'high'] as const).map((b) => ({
                label: label('band', b),
                value: v.bands[b],
                tone: b,
              }))}
            />
            <h3>{t('openCases')}</h3>
            <p class="open-cases">
              {Object.keys(v.open_cases).length === 0
                ? t('none')
                : Object.entries(v.open_cases)
                    .map(([k, n]) => `${label('category', k)} ${num(n)}`)
                    .join(' · ')}{' '}
              <a
                href={`#/cases?village=${encodeURIComponent(v.village)}`}
                onClick={(e) => (
                  e.preventDefault(),
                  go(`/cases?village=${encodeURIComponent(v.village)}`)
                )}
              >
                {t('cases')} →
              </a>
            </p>
            <h3>{t('commonDrivers')}</h3>
            {v.drivers.length === 0 ? (
              <p class="muted">{t('none')}</p>
            ) : (
              <div class="scroll">
                <table class="village-drivers">
                  <thead>
                    <tr>
                      <th>{t('indicator')}</th>
                      <th class="num">{t('households')}</th>
                      <th>{t('suggested')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.drivers.map((x) => (
                      <tr key={x.term} data-term={x.term}>
                        <td>{language === 'en' ? x.en : x.zh}</td>
                        <td class="num">{num(x.households)}</td>
                        <td>{x.measures.map((m) => label('measure', m)).join('、')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
