import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.js';
import { LineChart } from '../charts/line-chart.js';
import { label, lang, num, t } from '../i18n.js';
import { useData } from '../use-data.js';
import { MEASURE_TYPES } from '../../../src/domain/measure-types.js';
import { ACTIVE_STATUSES } from '../../../src/domain/statuses.js';
import { ProcedurePanel, type Step } from './procedure.js';

interface Detail {
  household: { household_id: string; county: string; township: string; village: string };
  observations: { wave: string; per_capita_income: number | null; able_to_work: number | null }[];
  scores: { wave: string; vulnerability: number | null }[];
  alerts: { alert_id: number; wave: string; rule: string; reason: string; reason_zh: string }[];
  case: {
    status: string;
    category: string;
    opened_on: string;
    status_on: string;
    monitored_since: string | null;
    closed_on: string | null;
    reason: string | null;
    responsible: string | null;
    found_by: string | null;
  } | null;
  steps: Step[];
  measures: {
    measure_id: number;
    type: string;
    date: string;
    end_date: string | null;
    amount: number | null;
    note: string | null;
    user_name: string;
  }[];
  history: {
    event_id: number;
    recorded_at: string;
    user_name: string;
    action: string;
    after: { status?: string; step?: string } | null;
  }[];
  next_statuses: string[];
}
interface Model {
  model: { poverty_line: number } | null;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A reason without a leading copy of its rule's label ("new shock: illness" → "illness"). */
function withoutPrefix(reason: string, ruleLabel: string): string {
  const lower = reason.toLowerCase();
  const prefix = ruleLabel.toLowerCase();
  return lower.startsWith(prefix) ? reason.slice(prefix.length).replace(/^[:：]\s*/, '') : reason;
}

/** A household: income and vulnerability by wave, alert reasons, measures, and its case. */
export function HouseholdPage(props: { id: string }) {
  const language = lang.use();
  const d = useData(() => get<Detail>(`/api/households/${encodeURIComponent(props.id)}`), props.id);
  const model = useData(() => get<Model>('/api/model'), 'model');
  const [measure, setMeasure] = useState({
    type: 'employment',
    date: today(),
    end_date: '',
    amount: '',
    note: '',
  });
  const [measureMsg, setMeasureMsg] = useState<string | null>(null);
  const [statusDate, setStatusDate] = useState(today());
  const [reason, setReason] = useState('');
  const [statusError, setStatusError] = useState<string | null>(null);
  if (d.error)
    return <div class="error">{d.error.includes('not found') ? t('notFound') : d.error}</div>;
  if (!d.data) return <p>{t('loading')}</p>;
  const h = d.data;
  const xs = h.observations.map((o) => o.wave);
  const v = xs.map((w) => h.scores.find((s) => s.wave === w)?.vulnerability ?? null);
  const line = model.data?.model?.poverty_line;
  const saveMeasure = async (e: Event) => {
    e.preventDefault();
    try {
      await post(`/api/households/${encodeURIComponent(props.id)}/measures`, {
        type: measure.type,
        date: measure.date,
        ...(measure.end_date === '' ? {} : { end_date: measure.end_date }),
        ...(measure.amount === '' ? {} : { amount: Number(measure.amount) }),
        ...(measure.note === '' ? {} : { note: measure.note }),
      });
      setMeasureMsg(t('saved'));
      d.reload();
    } catch (err) {
      setMeasureMsg((err as ApiError).message);
    }
  };
  const move = async (status: string) => {
    setStatusError(null);
    try {
      await post(`/api/households/${encodeURIComponent(props.id)}/status`, {
        status,
        date: statusDate,
        ...(reason.trim() === '' ? {} : { reason }),
      });
      d.reload();
    } catch (err) {
      setStatusError((err as ApiError).message);
    }
  };
  return (
    <div>
      <h2>
        {h.household.household_id} · {h.household.county} › {h.household.township} ›{' '}
        {h.household.village}
      </h2>
      {h.case && (
        <p class="no-print">
          <a class="print-link" href={`#/print/household/${encodeURIComponent(props.id)}`}>
            {t('printCaseFile')}
          </a>
        </p>
      )}
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
              ...(line
                ? [{ name: t('povertyLine'), values: xs.map(() => line), tone: 'muted' }]
                : []),
            ]}
          />
        </section>
        <section class="panel">
          <h2>{t('vulnerability')}</h2>
          <LineChart
            xs={xs}
            yMin={0}
            series={[{ name: t('vulnerability'), values: v, tone: 'accent' }]}
          />
        </section>
      </div>
      <section class="panel">
        <h2>{t('alertHistory')}</h2>
        <ul>
          {h.alerts.map((a) => (
            <li key={a.alert_id}>
              {a.wave} · {label('rule', a.rule)}:{' '}
              {withoutPrefix(language === 'en' ? a.reason : a.reason_zh, label('rule', a.rule))}
            </li>
          ))}
        </ul>
      </section>
      {h.case && (
        <ProcedurePanel
          id={props.id}
          status={h.case.status}
          steps={h.steps}
          responsible={h.case.responsible}
          onChange={d.reload}
        />
      )}
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
            {statusError && (
              <div class="error">
                {statusError}
                {statusError.includes('elimination') && (
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
            )}
          </div>
        )}
      </section>
      <section class="panel">
        <h2>{t('measures')}</h2>
        <div class="scroll">
          <table class="measures">
            <thead>
              <tr>
                <th>{t('date')}</th>
                <th>{t('endDate')}</th>
                <th>{t('type')}</th>
                <th class="num">{t('amount')}</th>
                <th>{t('note')}</th>
                <th>{t('username')}</th>
              </tr>
            </thead>
            <tbody>
              {h.measures.map((m) => (
                <tr key={m.measure_id}>
                  <td>{m.date}</td>
                  <td>{m.end_date ?? ''}</td>
                  <td>{label('measure', m.type)}</td>
                  <td class="num">{num(m.amount)}</td>
                  <td>{m.note}</td>
                  <td>{m.user_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {h.case &&
          ((ACTIVE_STATUSES as readonly string[]).includes(h.case.status) ||
            h.case.status === 'risk eliminated') && (
            <form class="filters measure-form" onSubmit={saveMeasure}>
              <label>
                {t('type')}
                <select
                  name="type"
                  value={measure.type}
                  onChange={(e) => setMeasure({ ...measure, type: e.currentTarget.value })}
                >
                  {MEASURE_TYPES.map((m) => (
                    <option key={m} value={m}>
                      {label('measure', m)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('date')}
                <input
                  name="date"
                  type="date"
                  value={measure.date}
                  onInput={(e) => setMeasure({ ...measure, date: e.currentTarget.value })}
                />
              </label>
              <label>
                {t('endDate')}
                <input
                  name="end_date"
                  type="date"
                  value={measure.end_date}
                  onInput={(e) => setMeasure({ ...measure, end_date: e.currentTarget.value })}
                />
              </label>
              <label>
                {t('amount')}
                <input
                  name="amount"
                  type="number"
                  min="0"
                  step="any"
                  value={measure.amount}
                  onInput={(e) => setMeasure({ ...measure, amount: e.currentTarget.value })}
                />
              </label>
              <label>
                {t('note')}
                <input
                  name="note"
                  value={measure.note}
                  onInput={(e) => setMeasure({ ...measure, note: e.currentTarget.value })}
                />
              </label>
              <button class="primary" type="submit">
                {t('addMeasure')}
              </button>
              {measureMsg && <span class="measure-msg">{measureMsg}</span>}
            </form>
          )}
      </section>
      <section class="panel">
        <h2>{t('history')}</h2>
        <ul>
          {h.history.map((e) => (
            <li key={e.event_id}>
              {e.recorded_at.slice(0, 16)} · {e.user_name} · {e.action}
              {e.after?.step ? ` ${label('step', e.after.step)}` : ''}
              {e.after?.status ? ` → ${label('status', e.after.status)}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
