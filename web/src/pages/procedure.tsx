import { useState } from 'preact/hooks';
import {
  PROCEDURE_STEPS,
  STEP_RESULTS,
  type ProcedureStep,
} from '../../../src/domain/procedure.js';
import type { StepRow } from '../../../src/domain/household-detail.js';
import { ACTIVE_STATUSES } from '../../../src/domain/statuses.js';
import { account, ApiError, post } from '../api.js';
import { label, t } from '../i18n.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The case's procedure: the steps recorded so far, a form for the next one (date, result,
 * the notice's last day, note) and the responsible cadre. The server enforces the order; its
 * refusal is shown as it comes.
 */
export function ProcedurePanel(props: {
  id: string;
  status: string;
  steps: readonly StepRow[];
  responsible: string | null;
  onChange: () => void;
}) {
  const me = account.use();
  const done = new Set(props.steps.map((s) => s.step));
  const next = PROCEDURE_STEPS.find((s) => !done.has(s)) as ProcedureStep | undefined;
  const open = (ACTIVE_STATUSES as readonly string[]).includes(props.status);
  const [form, setForm] = useState({ date: today(), result: '', notice_end: '', note: '' });
  const [cadre, setCadre] = useState('');
  const [error, setError] = useState<string | null>(null);
  const base = `/api/households/${encodeURIComponent(props.id)}`;
  const record = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`${base}/steps`, {
        step: next,
        date: form.date,
        ...(form.result ? { result: form.result } : {}),
        ...(next === 'public_notice' && form.notice_end ? { notice_end: form.notice_end } : {}),
        ...(form.note.trim() ? { note: form.note } : {}),
      });
      setForm({ ...form, result: '', notice_end: '', note: '' });
      props.onChange();
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  const assign = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await post(`${base}/cadre`, { username: cadre.trim() });
      props.onChange();
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  const mayAssign = me && ['admin', 'county', 'township'].includes(me.role);
  return (
    <section class="panel procedure">
      <h2>{t('procedure')}</h2>
      <p>
        {t('responsible')}:{' '}
        <strong class="responsible">{props.responsible ?? t('unassigned')}</strong>
      </p>
      {mayAssign && open && (
        <form class="filters cadre-form" onSubmit={assign}>
          <label>
            {t('responsible')}
            <input name="cadre" value={cadre} onInput={(e) => setCadre(e.currentTarget.value)} />
          </label>
          <button class="secondary" type="submit">
            {t('assign')}
          </button>
        </form>
      )}
      <div class="scroll">
        <table class="steps">
          <thead>
            <tr>
              <th>{t('step')}</th>
              <th>{t('date')}</th>
              <th>{t('result')}</th>
              <th>{t('user')}</th>
              <th>{t('note')}</th>
            </tr>
          </thead>
          <tbody>
            {props.steps.map((s) => (
              <tr key={s.step} data-step={s.step}>
                <td>{label('step', s.step)}</td>
                <td>
                  {s.date}
                  {s.end_date ? ` – ${s.end_date}` : ''}
                </td>
                <td>{label(s.step === 'found' ? 'found_by' : 'result', s.result)}</td>
                <td>{s.user_name}</td>
                <td>{s.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open && next && (
        <form class="filters step-form" onSubmit={record} data-next={next}>
          <strong>
            {t('nextStep')}: {label('step', next)}
          </strong>
          <label>
            {t('date')}
            <input
              name="date"
              type="date"
              value={form.date}
              onInput={(e) => setForm({ ...form, date: e.currentTarget.value })}
            />
          </label>
          {next === 'public_notice' && (
            <label>
              {t('noticeEnd')}
              <input
                name="notice_end"
                type="date"
                value={form.notice_end}
                onInput={(e) => setForm({ ...form, notice_end: e.currentTarget.value })}
              />
            </label>
          )}
          <label>
            {t('result')}
            <select
              name="result"
              value={form.result}
              onChange={(e) => setForm({ ...form, result: e.currentTarget.value })}
            >
              {STEP_RESULTS[next].map((r) => (
                <option key={r} value={r}>
                  {label('result', r)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('note')}
            <input
              name="note"
              value={form.note}
              onInput={(e) => setForm({ ...form, note: e.currentTarget.value })}
            />
          </label>
          <button class="primary" type="submit">
            {t('recordStep')}
          </button>
        </form>
      )}
      {!next && <p class="ok">{t('procedureDone')}</p>}
      {error && <div class="error step-error">{error}</div>}
    </section>
  );
}
