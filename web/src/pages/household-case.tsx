import { useState } from 'preact/hooks';
import type { HouseholdDetail } from '../../../src/domain/household-detail.js';
import { ApiError, post } from '../api.js';
import { label, t } from '../i18n.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The case's status, and buttons to move it to each allowed next status (date, reason). */
export function CaseStatusPanel(props: {
  id: string;
  detail: HouseholdDetail;
  onChange: () => void;
}) {
  const h = props.detail;
  const [statusDate, setStatusDate] = useState(today());
  const [reason, setReason] = useState('');
  const [statusError, setStatusError] = useState<string | null>(null);
  const move = async (status: string) => {
    setStatusError(null);
    try {
      await post(`/api/households/${encodeURIComponent(props.id)}/status`, {
        status,
        date: statusDate,
        ...(reason.trim() === '' ? {} : { reason }),
      });
      props.onChange();
    } catch (err) {
      setStatusError((err as ApiError).message);
    }
  };
  return (
    <section class="panel case">
      <h2>{t('caseStatus')}</h2>
      {!h.case ? (
        <p>{t('noCase')}</p>
      ) : (
        <div>
          <p>
            <span class={`status ${h.case.status}`}>{label('status', h.case.status)}</span> ·{' '}
            {label('category', h.case.category)} · {h.case.status_on}
          </p>
          {h.next_statuses.length > 0 && (
            <div class="filters">
              <label>
                {t('date')}
                <input
                  type="date"
                  value={statusDate}
                  onInput={(e) => setStatusDate(e.currentTarget.value)}
                />
              </label>
              <label>
                {t('reasonRequired')}
                <input
                  name="status-reason"
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </label>
              {h.next_statuses.map((s) => (
                <button
                  key={s}
                  type="button"
                  class="secondary"
                  data-status={s}
                  onClick={() => move(s)}
                >
                  {t('moveTo')} {label('status', s)}
                </button>
              ))}
            </div>
          )}
          {statusError && <StatusError message={statusError} />}
        </div>
      )}
    </section>
  );
}

/** A refused move; a refused elimination lists the five conditions of elimination. */
function StatusError(props: { message: string }) {
  return (
    <div class="error">
      {props.message}
      {props.message.includes('elimination') && (
        <div>
          {t('eliminationRules')}
          <ul class="rules">
            <li>{t('rule1')}</li>
            <li>{t('rule2')}</li>
            <li>{t('rule3')}</li>
            <li>{t('rule4')}</li>
            <li>{t('rule5')}</li>
          </ul>
        </div>
      )}
    </div>
  );
}
