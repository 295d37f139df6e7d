import type { MonitorEvent } from '../../../src/domain/household-detail.js';
import { LABELS } from '../../../src/domain/labels.js';
import { useState } from 'preact/hooks';
import { getWithResponse } from '../api.js';
import { label, num, t } from '../i18n.js';
import { useData } from '../use-data.js';

const PAGE = 100;
/** Every action of the event log, as `src/domain/labels.ts` names them. */
const ACTIONS = Object.keys(LABELS.action);
const ENTITIES = ['user', 'alerts', 'household', 'case', 'measure', 'events'];

/**
 * The audit log (admin accounts): every sign-in and its failures, reads, exports, refusals and
 * changes, newest first, filtered by user, action, entity and days, 100 a page.
 */
export function EventsPage() {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [offset, setOffset] = useState(0);
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  params.set('limit', String(PAGE));
  params.set('offset', String(offset));
  const query = params.toString();
  const list = useData(async () => {
    const { data, res } = await getWithResponse<MonitorEvent[]>(`/api/events?${query}`);
    return { rows: data, total: Number(res.headers.get('x-total-count') ?? data.length) };
  }, query);
  const set = (k: string) => (e: Event) => {
    setFilters({ ...filters, [k]: (e.currentTarget as HTMLInputElement).value.trim() });
    setOffset(0);
  };
  const select = (key: string, values: string[], kind: string | null) => (
    <label>
      {t(key)}
      <select name={key} value={filters[key] ?? ''} onChange={set(key)}>
        <option value="">{t('all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {kind ? label(kind, v) : v}
          </option>
        ))}
      </select>
    </label>
  );
  const d = list.data;
  return (
    <div class="events-page">
      <h2>{t('events')}</h2>
      <div class="filters">
        <label>
          {t('eventUser')}
          <input name="user" value={filters.user ?? ''} onChange={set('user')} maxLength={64} />
        </label>
        {select('action', ACTIONS, 'action')}
        {select('entity', ENTITIES, null)}
        <label>
          {t('eventsSince')}
          <input type="date" name="since" value={filters.since ?? ''} onChange={set('since')} />
        </label>
        <label>
          {t('eventsUntil')}
          <input type="date" name="until" value={filters.until ?? ''} onChange={set('until')} />
        </label>
      </div>
      {list.error && <div class="error">{list.error}</div>}
      {!d ? (
        <p>{t('loading')}</p>
      ) : (
        <section class="panel">
          <p class="muted events-count">
            {t('shown')} {num(d.total === 0 ? 0 : offset + 1)}–{num(offset + d.rows.length)} /{' '}
            {t('of')} {num(d.total)}
          </p>
          {d.rows.length === 0 ? (
            <p>{t('noEvents')}</p>
          ) : (
            <div class="scroll">
              <table class="events">
                <thead>
                  <tr>
                    <th>{t('recordedAt')}</th>
                    <th>{t('eventUser')}</th>
                    <th>{t('action')}</th>
                    <th>{t('entity')}</th>
                    <th>{t('entityId')}</th>
                    <th>{t('details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((e) => (
                    <tr key={e.event_id} data-action={e.action}>
                      <td>{e.recorded_at.slice(0, 19)}</td>
                      <td>{e.user_name}</td>
                      <td>{label('action', e.action)}</td>
                      <td>{e.entity}</td>
                      <td>{e.entity_id ?? ''}</td>
                      <td class="details">{e.after === null ? '' : JSON.stringify(e.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="pager">
            <button
              type="button"
              class="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('previous')}
            </button>
            <button
              type="button"
              class="secondary"
              disabled={offset + d.rows.length >= d.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('next')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
