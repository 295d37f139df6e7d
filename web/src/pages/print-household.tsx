import { useEffect } from 'preact/hooks';
import type { HouseholdDetail } from '../../../src/domain/household-detail.js';
import { labelOf } from '../../../src/domain/labels.js';
import { get } from '../api.js';
import { useData } from '../use-data.js';

const zh = (kind: string, v: string | null | undefined) => (v ? labelOf(kind, v, 'zh') : '—');
const yuan = (x: unknown) =>
  typeof x === 'number' && Number.isFinite(x)
    ? x.toLocaleString('zh-CN', { maximumFractionDigits: 0 })
    : '—';
const flag = (x: unknown, bad: string, good: string) =>
  x === null || x === undefined ? '未登记' : Number(x) === 1 ? bad : good;

/** A household's case file for the paper archive, in Chinese, laid out for A4 (打印档案). */
export function PrintHousehold(props: { id: string }) {
  const d = useData(
    () => get<HouseholdDetail>(`/api/households/${encodeURIComponent(props.id)}`),
    props.id,
  );
  useEffect(() => {
    document.title = `防止返贫监测对象档案 ${props.id}`;
  }, [props.id]);
  if (d.error) return <div class="error">{d.error}</div>;
  if (!d.data) return <p>加载中…</p>;
  const h = d.data;
  const last = h.observations[h.observations.length - 1] ?? {};
  return (
    <article class="print-page" lang="zh-CN">
      <p class="no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          打印
        </button>{' '}
        <a href={`#/household/${encodeURIComponent(props.id)}`}>返回</a>
      </p>
      <h1>防止返贫监测对象档案</h1>
      <table class="print-grid">
        <tbody>
          <tr>
            <th>户编号</th>
            <td>{h.household.household_id}</td>
            <th>所在地</th>
            <td>
              {h.household.county} {h.household.township} {h.household.village}
            </td>
          </tr>
          <tr>
            <th>监测类别</th>
            <td>{zh('category', h.case?.category)}</td>
            <th>案件状态</th>
            <td>{zh('status', h.case?.status)}</td>
          </tr>
          <tr>
            <th>发现方式</th>
            <td>{zh('found_by', h.case?.found_by)}</td>
            <th>帮扶责任人</th>
            <td>{h.case?.responsible ?? '未指定'}</td>
          </tr>
          <tr>
            <th>纳入监测日期</th>
            <td>{h.case?.monitored_since ?? '—'}</td>
            <th>风险消除/结案日期</th>
            <td>{h.case?.closed_on ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>识别认定程序</h2>
      <table class="print-table">
        <thead>
          <tr>
            <th>环节</th>
            <th>日期</th>
            <th>结果</th>
            <th>经办人</th>
            <th>备注</th>
          </tr>
        </thead>
        <tbody>
          {h.steps.map((s) => (
            <tr key={s.step}>
              <td>{zh('step', s.step)}</td>
              <td>
                {s.date}
                {s.end_date ? ` 至 ${s.end_date}` : ''}
              </td>
              <td>{zh(s.step === 'found' ? 'found_by' : 'result', s.result)}</td>
              <td>{s.user_name}</td>
              <td>{s.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>预警记录</h2>
      <table class="print-table">
        <thead>
          <tr>
            <th>轮次</th>
            <th>规则</th>
            <th>预警原因</th>
          </tr>
        </thead>
        <tbody>
          {h.alerts.map((a) => (
            <tr key={a.alert_id}>
              <td>{a.wave}</td>
              <td>{zh('rule', a.rule)}</td>
              <td>{a.reason_zh}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>收入与“两不愁三保障”情况（各轮次）</h2>
      <table class="print-table">
        <thead>
          <tr>
            <th>轮次</th>
            <th>人均纯收入（元）</th>
            <th>医疗支出</th>
            <th>教育支出</th>
            <th>灾害损失</th>
            <th>义务教育</th>
            <th>基本医疗</th>
            <th>住房安全</th>
            <th>饮水安全</th>
          </tr>
        </thead>
        <tbody>
          {h.observations.map((o) => (
            <tr key={String(o.wave)}>
              <td>{o.wave}</td>
              <td>{yuan(o.per_capita_income)}</td>
              <td>{yuan(o.medical_expenditure)}</td>
              <td>{yuan(o.schooling_expenditure)}</td>
              <td>{yuan(o.disaster_loss)}</td>
              <td>{flag(o.school_dropout, '无保障', '有保障')}</td>
              <td>{flag(o.no_medical_insurance, '无保障', '有保障')}</td>
              <td>{flag(o.unsafe_housing, '不安全', '安全')}</td>
              <td>{flag(o.unsafe_water, '不安全', '安全')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>帮扶措施</h2>
      <table class="print-table">
        <thead>
          <tr>
            <th>类型</th>
            <th>开始日期</th>
            <th>结束日期</th>
            <th>金额（元）</th>
            <th>备注</th>
            <th>经办人</th>
          </tr>
        </thead>
        <tbody>
          {h.measures.map((m) => (
            <tr key={m.measure_id}>
              <td>{zh('measure', m.type)}</td>
              <td>{m.date}</td>
              <td>{m.end_date ?? ''}</td>
              <td>{yuan(m.amount)}</td>
              <td>{m.note ?? ''}</td>
              <td>{m.user_name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="print-foot">
        家庭成员中有劳动能力人数（最新一轮）：{String(last.able_to_work ?? '—')}
        {'\u3000'}
        {'\u3000'}打印日期：
        {new Date().toISOString().slice(0, 10)}
        {'\u3000'}
        {'\u3000'}经办人签字：＿＿＿＿＿＿{'\u3000'}
        {'\u3000'}村（社区）盖章：
      </p>
    </article>
  );
}
