import type { MetaAnswer as Meta } from '../../../src/domain/dashboard-answers.js';
import type { AlertRow } from '../../../src/domain/case-rows.js';
import { useState } from 'preact/hooks';
import { get, getWithResponse } from '../api.js';
import { downloadFrom } from '../csv.js';
import { label, lang, num, t } from '../i18n.js';
import { go } from '../route.js';
import { useData } from '../use-data.js';

const PAGE = 100;
/** Rows the API sends in one page at most; beyond, the CSV export has the whole list. */
const MAX_PAGE = 1000;

/**
 * The alert queue: filters, sortable columns, paging (up to 1,000 rows on screen) and the CSV
 * export of the whole filtered list, all done by the API.
 */
export function AlertsPage(props: { query: URLSearchParams }) {
  const language = lang.use();
  const meta = useData(() => get<Meta>('/api/meta'), 'meta');
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.query),
  );
  const [sort, setSort] = useState('wave');
  const [limit, setLimit] = useState(PAGE);
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  if (sort !== 'wave') params.set('sort', sort);
  const base = params.toString();
  const list = useData(async () => {
    const { data, res } = await getWithResponse<AlertRow[]>(`/api/alerts?${base}&limit=${limit}`);
    return { rows: data, total: Number(res.headers.get('x-total-count') ?? data.length) };
  }, `${base}|${limit}`);
  const set = (k: string) => (e: Event) => {
    setFilters({ ...filters, [k]: (e.currentTarget as HTMLSelectElement).value });
    setLimit(PAGE);
  };
  const sortBy = (key: string) =>
    setSort(sort === key ? `-${key}` : sort === `-${key}` ? 'wave' : key);
  const exportCsv = () =>
    downloadFrom(`/api/alerts.csv?${base}`, `alerts-${filters.wave || 'all'}.csv`);
  const m = meta.data;
  const select = (key: string, options: [string, string][]) => (
    <label>
      {t(key)}
      <select name={key} value={filters[key] ?? ''} onChange={set(key)}>
        <option value="">{t('all')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const header = (key: string, text: string, cls = '') => (
    <th class={cls}>
      <button type="button" onClick={() => sortBy(key)}>
        {text} {sort === key ? '▲' : sort === `-${key}` ? '▼' : ''}
      </button>
    </th>
  );
  return (
    <div>
      <div class="filters">
        {m &&
          select(
            'wave',
            m.waves.map((w) => [w.wave, w.wave]),
          )}
        {m &&
          select(
            'village',
            m.villages.map((v) => [v.village, `${v.village} (${v.township})`]),
          )}
        {m &&
          select(
            'status',
            m.statuses.map((s) => [s, label('status', s)]),
          )}
        {m &&
          select(
            'rule',
            m.rules.map((r) => [r, label('rule', r)]),
          )}
        <button type="button" class="secondary" onClick={exportCsv}>
          {t('exportCsv')}
        </button>
      </div>
      {list.error && <div class="error">{list.error}</div>}
      {!list.data ? (
        <p>{t('loading')}</p>
      ) : (
        <section class="panel">
          <p class="muted">
            {t('shown')} {num(list.data.rows.length)} / {t('of')} {num(list.data.total)}
          </p>
          <div class="scroll">
            <table class="alerts">
              <thead>
                <tr>
                  {header('household_id', t('household'))}
                  {header('village', t('village'))}
                  <th>{t('wave')}</th>
                  <th>{t('rule')}</th>
                  <th>{t('reason')}</th>
                  {header('vulnerability', t('vulnerability'), 'num')}
                  {header('per_capita_income', t('income'), 'num')}
                  {header('status', t('status'))}
                </tr>
              </thead>
              <tbody>
                {list.data.rows.map((r) => (
                  <tr key={`${r.household_id}/${r.wave}/${r.rule}`}>
                    <td>
                      <a
                        href={`#/household/${encodeURIComponent(r.household_id)}`}
                        onClick={(e) => (
                          e.preventDefault(),
                          go(`/household/${encodeURIComponent(r.household_id)}`)
                        )}
                      >
                        {r.household_id}
                      </a>
                    </td>
                    <td>{r.village}</td>
                    <td>{r.wave}</td>
                    <td>{label('rule', r.rule)}</td>
                    <td class="reason">{language === 'en' ? r.reason : r.reason_zh}</td>
                    <td class="num">{num(r.vulnerability, 3)}</td>
                    <td class="num">{num(r.per_capita_income)}</td>
                    <td>
                      <span class={`status ${r.status}`}>{label('status', r.status)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.rows.length < list.data.total &&
            (limit < MAX_PAGE ? (
              <button
                type="button"
                class="secondary"
                onClick={() => setLimit(Math.min(limit + PAGE, MAX_PAGE))}
              >
                {t('more')}
              </button>
            ) : (
              <p class="muted more-in-export">{t('moreInExport')}</p>
            ))}
        </section>
      )}
    </div>
  );
}
