import type { ModelAnswer as Model } from '../../../src/domain/dashboard-answers.js';
import type { HouseholdDetail, MonitorEvent } from '../../../src/domain/household-detail.js';
import { get } from '../api.js';
import { label, lang, t } from '../i18n.js';
import { useData } from '../use-data.js';
import { CaseStatusPanel } from './household-case.js';
import { HouseholdCharts } from './household-charts.js';
import { DriversPanel } from './household-drivers.js';
import { MeasuresPanel } from './household-measures.js';
import { ProfilePanel } from './household-profile.js';
import { ProcedurePanel } from './procedure.js';

/** A reason without a leading copy of its rule's label ("new shock: illness" → "illness"). */
function withoutPrefix(reason: string, ruleLabel: string): string {
  const lower = reason.toLowerCase();
  const prefix = ruleLabel.toLowerCase();
  return lower.startsWith(prefix) ? reason.slice(prefix.length).replace(/^[:：]\s*/, '') : reason;
}

/** A household: income and vulnerability by wave, alert reasons, measures, and its case. */
export function HouseholdPage(props: { id: string }) {
  const d = useData(
    () => get<HouseholdDetail>(`/api/households/${encodeURIComponent(props.id)}`),
    props.id,
  );
  const model = useData(() => get<Model>('/api/model'), 'model');
  if (d.error)
    return <div class="error">{d.error.includes('not found') ? t('notFound') : d.error}</div>;
  if (!d.data) return <p>{t('loading')}</p>;
  const h = d.data;
  // v refers to the VEP line of the model that scored the household; alerts to each year's monitoring line.
  const line = h.drivers?.line ?? model.data?.model?.poverty_line;
  const labels = Object.fromEntries(
    h.profile.groups.flatMap((g) => g.items.map((i) => [i.name, { en: i.en, zh: i.zh }])),
  );
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
      <HouseholdCharts detail={h} line={line} />
      <ProfilePanel profile={h.profile} />
      <DriversPanel drivers={h.drivers} labels={labels} />
      <AlertHistory alerts={h.alerts} />
      {h.case && (
        <ProcedurePanel
          id={props.id}
          status={h.case.status}
          steps={h.steps}
          responsible={h.case.responsible}
          onChange={d.reload}
        />
      )}
      <CaseStatusPanel id={props.id} detail={h} onChange={d.reload} />
      <MeasuresPanel id={props.id} detail={h} onChange={d.reload} />
      <EventHistory history={h.history} />
    </div>
  );
}

/** Every alert of the household: wave, rule, and the reason in the page's language. */
function AlertHistory(props: { alerts: HouseholdDetail['alerts'] }) {
  const language = lang.use();
  return (
    <section class="panel">
      <h2>{t('alertHistory')}</h2>
      <ul>
        {props.alerts.map((a) => (
          <li key={a.alert_id}>
            {a.wave} · {label('rule', a.rule)}:{' '}
            {withoutPrefix(language === 'en' ? a.reason : a.reason_zh, label('rule', a.rule))}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The case's event history: when, who, what, and the step or status it led to. */
function EventHistory(props: { history: readonly MonitorEvent[] }) {
  return (
    <section class="panel">
      <h2>{t('history')}</h2>
      <ul>
        {props.history.map((e) => {
          const after = e.after as { status?: string; step?: string } | null;
          return (
            <li key={e.event_id}>
              {e.recorded_at.slice(0, 16)} · {e.user_name} · {e.action}
              {after?.step ? ` ${label('step', after.step)}` : ''}
              {after?.status ? ` → ${label('status', after.status)}` : ''}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
