import type { MetaAnswer as Meta } from '../../../src/domain/dashboard-answers.js';
import type { CaseQueueRow } from '../../../src/domain/case-rows.js';
import { useState } from 'preact/hooks';
import { account, get, getWithResponse } from '../api.js';
import { CATEGORY_NAMES } from '../../../src/domain/categories.js';
import { ACTIVE_STATUSES } from '../../../src/domain/statuses.js';
import { label, lang, num, t } from '../i18n.js';
import { go } from '../route.js';
import { useData } from '../use-data.js';

const PAGE = 50;
/** The API's largest page (`MAX_PAGE` in src/server/openapi.ts). */
const MAX_PAGE = 1000;
const BANDS = ['high', 'medium', 'low', 'unscored'];

/**
 * The case queue: one row per household with an open case, every reason, the category, the
 * latest income and vulnerability, the status, the responsible cadre and the days since the
 * last step; filters (one of them "my cases"), sorts and paging done by the API.
 */
export function CaseQueuePage(props: { query: URLSearchParams }) {
  const language = lang.use();
  const me = account.use();
  const meta = useData(() => get<Meta>('/api/meta'), 'meta');
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.query),
  );
  const [sort, setSort] = useState('-vulnerability');
  const [limit, setLimit] = useState(PAGE);
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  params.set('sort', sort);
  const base = params.toString();
  const list = useData(async () => {
    const { data, res } = await getWithResponse<CaseQueueRow[]>(
      `/api/cases?${base}&limit=${limit}`,
    );
    return { rows: data, total: Number(res.headers.get('x-total-count') ?? data.length) };
  }, `${base}|${limit}`);
  const set = (k: string) => (e: Event) => {
    setFilters({ ...filters, [k]: (e.currentTarget as HTMLSelectElement).value });
    setLimit(PAGE);
  };
  const sortBy = (key: string) => setSort(sort === key ? `-${key}` : key);
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
      <button type="button" data-sort={key} onClick={() => sortBy(key)}>
        {text} {sort === key ? '▲' : sort === `-${key}` ? '▼' : ''}
      </button>
    </th>
  );
  const m = meta.data;
  const open = (id: string) => (e: Event) => (
    e.preventDefault(),
    go(`/household/${encodeURIComponent(id)}`)
  );
  return (
    <div>
      <div class="filters">
        {m &&
          select(
            'village',
            m.villages.map((v) => [v.village, `${v.village} (${v.township})`]),
          )}
        {select(
          'status',
          ACTIVE_STATUSES.map((s) => [s, label('status', s)]),
        )}
        {select(
          'category',
          CATEGORY_NAMES.map((c) => [c, label('category', c)]),
        )}
        {m &&
          select(
            'rule',
            m.rules.map((r) => [r, label('rule', r)]),
          )}
        {select(
          'band',
          BANDS.map((b) => [b, label('band', b)]),
        )}
        {me && select('responsible', [[me.username, t('myCases')]])}
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
            <table class="cases">
              <thead>
                <tr>
                  {header('household_id', t('household'))}
                  {header('village', t('village'))}
                  {header('category', t('category'))}
                  <th>{t('reasons')}</th>
                  {header('vulnerability', t('vulnerability'), 'num')}
                  {header('per_capita_income', t('income'), 'num')}
                  {header('status', t('status'))}
                  {header('responsible', t('responsible'))}
                  {header('days_since_step', t('daysSince'), 'num')}
                </tr>
              </thead>
              <tbody>
                {list.data.rows.map((r) => (
                  <tr key={r.household_id} data-household={r.household_id}>
                    <td>
                      <a
                        href={`#/household/${encodeURIComponent(r.household_id)}`}
                        onClick={open(r.household_id)}
                      >
                        {r.household_id}
                      </a>
                    </td>
                    <td>{r.village}</td>
                    <td>{label('category', r.category)}</td>
                    <td class="reason">
                      <ul class="reasons">
                        {r.reasons.map((x) => (
                          <li key={`${x.wave}/${x.rule}`}>
                            {x.wave} · {language === 'en' ? x.reason : x.reason_zh}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td class="num">
                      <span class={`band ${r.band}`}>{num(r.vulnerability, 3)}</span>
                    </td>
                    <td class="num">{num(r.per_capita_income)}</td>
                    <td>
                      <span class={`status ${r.status}`}>{label('status', r.status)}</span>
                    </td>
                    <td>{r.responsible ?? t('unassigned')}</td>
                    <td class="num">{num(r.days_since_step)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.rows.length < list.data.total && limit < MAX_PAGE && (
            <button
              type="button"
              class="secondary"
              onClick={() => setLimit(Math.min(limit + PAGE, MAX_PAGE))}
            >
              {t('more')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
