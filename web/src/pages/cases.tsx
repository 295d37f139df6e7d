import type { QueueRow } from '../../../src/domain/case-rows.js';
import { get } from '../api.js';
import { label, t } from '../i18n.js';
import { useData } from '../use-data.js';

/** "My cases" (the signed-in cadre's) or the overdue cases of the account's area. */
export function CasesPage(props: { which: 'mine' | 'overdue' }) {
  const d = useData(() => get<QueueRow[]>(`/api/cases/${props.which}`), props.which);
  return (
    <section class="panel">
      <h2>{t(props.which === 'mine' ? 'myCases' : 'overdue')}</h2>
      {d.error && <div class="error">{d.error}</div>}
      {d.data && d.data.length === 0 && <p>{t('noCases')}</p>}
      {d.data && d.data.length > 0 && (
        <div class="scroll">
          <table class={`cases ${props.which}`}>
            <thead>
              <tr>
                <th>{t('household')}</th>
                <th>{t('village')}</th>
                <th>{t('category')}</th>
                <th>{t('status')}</th>
                <th>{t('responsible')}</th>
                <th>{t('lastStep')}</th>
                <th>{t('nextStep')}</th>
                <th>{t('due')}</th>
                <th class="num">{t('overdueDays')}</th>
              </tr>
            </thead>
            <tbody>
              {d.data.map((r) => (
                <tr key={r.case_id}>
                  <td>
                    <a href={`#/household/${encodeURIComponent(r.household_id)}`}>
                      {r.household_id}
                    </a>
                  </td>
                  <td>{r.village}</td>
                  <td>{label('category', r.category)}</td>
                  <td>
                    <span class={`status ${r.status}`}>{label('status', r.status)}</span>
                  </td>
                  <td>{r.responsible ?? t('unassigned')}</td>
                  <td>
                    {label('step', r.last_step)} {r.since}
                  </td>
                  <td>{r.next_step ? label('step', r.next_step) : ''}</td>
                  <td>{r.due ?? ''}</td>
                  <td class="num">
                    {r.days_overdue !== null && r.days_overdue > 0 ? r.days_overdue : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
