import { useState } from 'preact/hooks';
import type { HouseholdDetail, MeasureRow } from '../../../src/domain/household-detail.js';
import { MEASURE_TYPES } from '../../../src/domain/measure-types.js';
import { ACTIVE_STATUSES } from '../../../src/domain/statuses.js';
import { ApiError, post } from '../api.js';
import { label, num, t } from '../i18n.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The case's assistance measures, and a form to add one while the case is open or in transition. */
export function MeasuresPanel(props: {
  id: string;
  detail: HouseholdDetail;
  onChange: () => void;
}) {
  const h = props.detail;
  const open =
    h.case !== null &&
    ((ACTIVE_STATUSES as readonly string[]).includes(h.case.status) ||
      h.case.status === 'risk eliminated');
  return (
    <section class="panel">
      <h2>{t('measures')}</h2>
      <MeasuresTable measures={h.measures} />
      {open && <MeasureForm id={props.id} onChange={props.onChange} />}
    </section>
  );
}

function MeasuresTable(props: { measures: readonly MeasureRow[] }) {
  return (
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
          {props.measures.map((m) => (
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
  );
}

function MeasureForm(props: { id: string; onChange: () => void }) {
  const [measure, setMeasure] = useState({
    type: 'employment',
    date: today(),
    end_date: '',
    amount: '',
    note: '',
  });
  const [measureMsg, setMeasureMsg] = useState<string | null>(null);
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
      props.onChange();
    } catch (err) {
      setMeasureMsg((err as ApiError).message);
    }
  };
  const field = (name: 'date' | 'end_date' | 'amount' | 'note') => ({
    name,
    value: measure[name],
    onInput: (e: { currentTarget: HTMLInputElement }) =>
      setMeasure({ ...measure, [name]: e.currentTarget.value }),
  });
  return (
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
        <input type="date" {...field('date')} />
      </label>
      <label>
        {t('endDate')}
        <input type="date" {...field('end_date')} />
      </label>
      <label>
        {t('amount')}
        <input type="number" min="0" step="any" {...field('amount')} />
      </label>
      <label>
        {t('note')}
        <input {...field('note')} />
      </label>
      <button class="primary" type="submit">
        {t('addMeasure')}
      </button>
      {measureMsg && <span class="measure-msg">{measureMsg}</span>}
    </form>
  );
}
